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
        self.store = StateStore(path: Self.statePath(options, planName: graph.plan.name.value))
        if options.parallel < 1 { throw PlanRunner.SetupError(description: "--parallel must be at least 1") }
        if options.maxParallel < 1 { throw PlanRunner.SetupError(description: "--max-parallel must be at least 1") }
        if !options.dryRun, let mix = Self.mixedAdapters(options) { throw PlanRunner.SetupError(description: mix) }
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

    /// `--state`, or the default for a real run or a rehearsal.
    static func statePath(_ options: RunOptions, planName: String) -> String {
        options.statePath ?? StateStore.defaultPath(planName: planName, simulated: options.simulates)
    }

    /// Why a simulated system cannot run beside a real one (`--exchange simulate --mimecast api`, or
    /// `--exchange powershell --mimecast simulate`): the run's waits would go by the simulated clock
    /// against the real system, and the simulated estate would never learn what the real one did, so
    /// confirm could not pass. `--mimecast manual` beside either is fine: a person acts, and in a
    /// rehearsal their steps reach the simulated Mimecast.
    static func mixedAdapters(_ options: RunOptions) -> String? {
        let exchangeSimulated = options.exchange == .simulate
        let mimecastSimulated = options.mimecast == .simulate
        let mimecastReal = options.mimecast == .api
        guard (exchangeSimulated && mimecastReal) || (!exchangeSimulated && mimecastSimulated) else { return nil }
        return "--exchange \(options.exchange.rawValue) --mimecast \(options.mimecast.rawValue): plan run cannot mix a "
            + "simulated system with a real one; rehearse with --simulate (both simulated), or run for real with "
            + "--exchange powershell and --mimecast api or manual"
    }

    /// A new state, or the saved one for `--resume` (refused when the plan changed, unless `--replan`).
    func loadState(console: any RunConsole) throws -> RunState {
        let exchange = options.exchange.rawValue
        let mimecast = options.mimecast.rawValue
        guard store.exists else {
            if options.resume { console.note("plan run: note: no state at \(store.path); starting a new run") }
            return newState()
        }
        guard options.resume else {
            if let earlier = try? store.load(), earlier.nodes.allSatisfy({ $0.status == .pending }) {
                console.note("plan run: note: \(store.path) records no step started; starting over")
                return newState()
            }
            let fresh = "to start fresh, move \(store.path) and the files beside it (\(store.path).*) aside, "
                + "or pass --state NEW-FILE"
            if let earlier = try? store.load(), earlier.phase == .done {
                throw PlanRunner.SetupError(description: "\(store.path) holds a finished run of this plan; \(fresh)")
            }
            throw PlanRunner.SetupError(
                description: "\(store.path) holds an earlier run of this plan; pass --resume to continue it, or \(fresh)")
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
        state.adapterOptions = Self.adapterOptions(options)
        return state
    }

    private func newState() -> RunState {
        var state = RunState(
            plan: graph.plan.name.value, planFile: file, planSHA256: hash, exchangeAdapter: options.exchange.rawValue,
            mimecastAdapter: options.mimecast.rawValue, nodeKeys: nodeKeys)
        state.adapterOptions = Self.adapterOptions(options)
        return state
    }

    /// What the state remembers besides the adapter names: `--shell` and `--connection-uri`, when given.
    /// (Neither carries a credential: the host signs in on its own, and the Mimecast secret is read only
    /// from the environment.)
    static func adapterOptions(_ options: RunOptions) -> [String: String]? {
        var remembered: [String: String] = [:]
        remembered["shell"] = options.shell
        remembered["connectionURI"] = options.connectionURI
        return remembered.isEmpty ? nil : remembered
    }

    /// `options` with what `--resume` did not give on the command line taken from the saved state.
    static func resumed(_ options: RunOptions, state: RunState) -> RunOptions {
        var options = options
        if !options.given.contains(.exchange), let choice = RunOptions.ExchangeChoice(rawValue: state.exchangeAdapter) {
            options.exchange = choice
        }
        if !options.given.contains(.mimecast), let choice = RunOptions.MimecastChoice(rawValue: state.mimecastAdapter) {
            options.mimecast = choice
        }
        if !options.given.contains(.shell), options.shell == nil { options.shell = state.adapterOptions?["shell"] }
        if !options.given.contains(.connectionURI), options.connectionURI == nil {
            options.connectionURI = state.adapterOptions?["connectionURI"]
        }
        return options
    }

    /// The command that continues this run, with no more than it needs: the adapters and their options
    /// come from the state. Each word is quoted for a POSIX shell only when it has to be.
    func resumeCommand(approving ids: [String] = []) -> String {
        var words = ["plan", "run", file, "--resume"]
        if let path = options.statePath { words += ["--state", path] }
        if options.ignoreWindow { words.append("--ignore-window") }
        if options.parallel != RunOptions().parallel { words += ["--parallel", "\(options.parallel)"] }
        words += ids.flatMap { ["--approve", $0] }
        return words.map(ShellWord.quote).joined(separator: " ")
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

/// Quoting for a POSIX shell: a word of safe characters stays as it is, anything else is single-quoted.
enum ShellWord {
    static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@%+,")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
