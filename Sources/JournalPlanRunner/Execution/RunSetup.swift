import Foundation
import JournalPlanCore
import JournalPlanDigest

/// The checks and objects a durable run needs before its first node: flag combinations, the state
/// (new, resumed or replanned), the simulated world and the adapters.
struct RunSetup: Sendable {
    let options: RunOptions
    let graph: StepGraph
    let file: String
    let hash: String
    let store: StateStore

    init(options: RunOptions, graph: StepGraph, bytes: [UInt8], file: String) throws {
        self.options = options
        self.graph = graph
        self.file = file
        self.hash = SHA256.hex(bytes)
        self.store = StateStore(path: options.statePath ?? StateStore.defaultPath(planName: graph.plan.name.value))
        if options.parallel < 1 { throw PlanRunner.SetupError(description: "--parallel must be at least 1") }
        if options.maxParallel < 1 { throw PlanRunner.SetupError(description: "--max-parallel must be at least 1") }
        if !options.simulates && !options.dryRun {
            if options.traffic > 0 || !options.failSteps.isEmpty || !options.estateFaults.isEmpty || options.reportPath != nil
                || options.latency != LatencyModel()
            {
                throw PlanRunner.SetupError(
                    description: "--traffic, --fail-step, --estate-fault, --latency and --report need a simulated system (--simulate)")
            }
        }
        for id in options.failSteps.union(options.approvals) {
            let stepID = id.split(separator: "@", maxSplits: 1).first.map(String.init) ?? id
            if graph.index(of: stepID) == nil {
                throw PlanRunner.SetupError(description: "no step '\(stepID)' in \(file)")
            }
        }
    }

    var nodeKeys: [String] { graph.nodes.map { $0.key(in: graph) } }

    /// A new state, or the saved one for `--resume` (refused when the plan changed, unless `--replan`).
    func loadState(console: any RunConsole) throws -> RunState {
        let exchange = options.exchange.rawValue
        let mimecast = options.mimecast.rawValue
        guard store.exists else {
            if options.resume { console.note("plan run: note: no state at \(store.path); starting a new run") }
            return RunState(
                plan: graph.plan.name.value, planFile: file, planSHA256: hash, exchangeAdapter: exchange,
                mimecastAdapter: mimecast, nodeKeys: nodeKeys)
        }
        guard options.resume else {
            if let earlier = try? store.load(), earlier.nodes.allSatisfy({ $0.status == .pending }) {
                console.note("plan run: note: \(store.path) records no step started; starting over")
                return RunState(
                    plan: graph.plan.name.value, planFile: file, planSHA256: hash, exchangeAdapter: exchange,
                    mimecastAdapter: mimecast, nodeKeys: nodeKeys)
            }
            throw PlanRunner.SetupError(
                description: "\(store.path) holds an earlier run of this plan; pass --resume to continue it")
        }
        var state: RunState
        do { state = try store.load() } catch { throw PlanRunner.SetupError(description: "\(error)") }
        if state.plan != graph.plan.name.value {
            throw PlanRunner.SetupError(description: "\(store.path) belongs to plan '\(state.plan)'")
        }
        if state.exchangeAdapter != exchange || state.mimecastAdapter != mimecast {
            throw PlanRunner.SetupError(
                description: "\(store.path) was run with --exchange \(state.exchangeAdapter) --mimecast "
                    + "\(state.mimecastAdapter); resume it with the same adapters")
        }
        if state.planSHA256 != hash {
            guard options.replan else {
                throw PlanRunner.SetupError(
                    description: "\(file) changed since \(store.path) was written (sha256 \(state.planSHA256.prefix(12))… "
                        + "→ \(hash.prefix(12))…); review the change and pass --replan to continue with it")
            }
            state.adopt(nodeKeys: nodeKeys, planSHA256: hash)
            state.planFile = file
            console.note("plan run: note: continuing with the changed plan (--replan)")
        }
        return state
    }

    /// The simulated estate when a system is simulated: the saved one on resume, a fresh one otherwise.
    func makeWorld(fresh: Bool) throws -> SimulationWorld? {
        guard options.simulates else { return nil }
        if fresh { try? FileManager.default.removeItem(atPath: store.simulationPath) }
        let start = graph.plan.window?.start.value.epochSeconds ?? Int(Date().timeIntervalSince1970)
        return try SimulationWorld(
            graph: graph, path: store.simulationPath, traffic: options.traffic, failSteps: options.failSteps,
            startTime: start, latency: options.latency, parallel: options.parallel, outageParallel: options.maxParallel,
            faults: options.estateFaults)
    }

    /// The run's adapters, and the PowerShell host to shut down afterwards when there is one.
    func makeAdapters(world: SimulationWorld?) throws -> (AdapterPair, PowerShellHost?) {
        var host: PowerShellHost?
        let exchange: any StepAdapter
        if let world, options.exchange == .simulate {
            exchange = SimulatedAdapter(world: world, system: .exchange)
        } else {
            let started = try PowerShellHost(configuration: hostConfiguration())
            host = started
            exchange = PowerShellExchangeAdapter(host: started, graph: graph)
        }
        let simulatedMimecast = world.map { SimulatedAdapter(world: $0, system: .mimecast) }
        let mimecast: any StepAdapter
        switch options.mimecast {
        case .simulate: mimecast = simulatedMimecast ?? ManualMimecastAdapter()
        case .manual: mimecast = ManualMimecastAdapter(inner: simulatedMimecast)
        case .api:
            do {
                mimecast = MimecastAPIAdapter(client: try MimecastClient.fromEnvironment())
            } catch {
                throw PlanRunner.SetupError(description: "--mimecast api: \(error)")
            }
        }
        return (AdapterPair(exchange: exchange, mimecast: mimecast), host)
    }

    /// `--shell` (default `pwsh -NoProfile -NonInteractive -Command -`) and the connection: a remote
    /// session with `--connection-uri`, Exchange Online for online plans, else the shell as it is.
    func hostConfiguration() throws -> PowerShellHostConfiguration {
        let connection: ExchangeConnection =
            if let uri = options.connectionURI { .remote(connectionURI: uri) } else if graph.plan.exchange.version.value.isOnline {
                .online
            } else { .existingShell }
        do {
            return try PowerShellHostConfiguration(
                shell: options.shell ?? PowerShellHostConfiguration.defaultShell, connection: connection)
        } catch {
            throw PlanRunner.SetupError(description: "--shell: \(error)")
        }
    }

    func dryRunAdapters() -> AdapterPair {
        AdapterPair(
            exchange: DryRunAdapter(),
            mimecast: options.mimecast == .manual ? ManualMimecastAdapter() : DryRunAdapter())
    }
}
