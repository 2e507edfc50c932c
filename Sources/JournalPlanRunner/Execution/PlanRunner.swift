import Foundation
import JournalPlanCore

/// How `plan run` ended; the raw value is the process exit code (docs/design.md §5).
public enum RunExit: Int32, Sendable {
    case done = 0
    /// The plan has errors, the preflight found a mismatch, or a step failed.
    case failed = 1
    /// Usage or I/O: bad flags, a held lock, an existing state without --resume, a changed plan.
    case usage = 2
    /// Paused at a gate (or before the window); `--resume` continues.
    case paused = 3
}

/// `plan run`: validates the plan, takes the lock, loads or creates the state, runs the preflight, executes
/// the graph through the chosen adapters, and records the outcome.
public struct PlanRunner: Sendable {
    public var options: RunOptions
    public var console: any RunConsole

    public init(options: RunOptions, console: any RunConsole = TerminalConsole()) {
        self.options = options
        self.console = console
    }

    /// A reason to stop before anything is touched (exit 2).
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    public func run(_ bytes: [UInt8], file: String) async -> RunExit {
        let result = PlanValidator().validate(bytes, file: file)
        let formatter = TextDiagnosticFormatter(colorize: false)
        let source = SourceText(bytes: bytes)
        for diagnostic in result.diagnostics { console.note(formatter.format(diagnostic, source: source), trimmed: true) }
        guard !result.hasErrors, let graph = result.graph else {
            console.note("plan run: error: \(file) has errors; nothing was run")
            return .failed
        }
        do {
            var options = self.options
            if options.resume, !options.dryRun {
                let store = StateStore(path: RunSetup.statePath(options, planName: graph.plan.name.value))
                if store.exists, let saved = try? store.load() { options = RunSetup.resumed(options, state: saved) }
            }
            let setup = try RunSetup(options: options, graph: graph, bytes: bytes, file: file)
            if options.dryRun { return DryRun(graph: graph, adapters: setup.dryRunAdapters(), console: console).run() }
            return try await runDurably(graph: graph, setup: setup)
        } catch let error as SetupError {
            console.note("plan run: error: \(error)")
            return .usage
        } catch {
            console.note("plan run: error: \(error)")
            return .failed
        }
    }

    private func runDurably(graph: StepGraph, setup: RunSetup) async throws -> RunExit {
        let lock = RunLock(path: setup.store.lockPath)
        do {
            if let note = try lock.acquire(force: options.forceUnlock) { console.note("plan run: note: \(note)") }
        } catch {
            throw SetupError(description: "\(error)")
        }
        defer { lock.release() }
        let state = try setup.loadState(console: console)
        let world = try setup.makeWorld(fresh: state.nodes.allSatisfy { $0.status == .pending })
        let (adapters, host) = try setup.makeAdapters(world: world)
        let recorder = RunRecorder(state: state, store: setup.store, killAfter: options.testKillAfter)
        do {
            let exit = try await execute(graph: graph, setup: setup, adapters: adapters, world: world, recorder: recorder)
            await host?.shutdown(grace: .seconds(5))
            return exit
        } catch {
            await host?.shutdown(grace: .seconds(5))
            throw error
        }
    }

    private func execute(
        graph: StepGraph, setup: RunSetup, adapters: AdapterPair, world: SimulationWorld?, recorder: RunRecorder
    ) async throws -> RunExit {
        try await recorder.setPhase(.running)
        try await recorder.log(
            AuditEntry(
                node: "run", action: "start", result: "started",
                detail: "exchange=\(adapters.exchange.name) mimecast=\(adapters.mimecast.name) plan=\(setup.hash)"))

        let findings = try await adapters.preflight(graph)
        let warnings = findings.filter { $0.hasPrefix(PreflightWarning.prefix) }
        for line in warnings { console.note("plan run: preflight: \(line)") }
        let mismatches = findings.filter { !$0.hasPrefix(PreflightWarning.prefix) }
        if !mismatches.isEmpty {
            for line in mismatches { console.note("plan run: preflight: \(line)") }
            try await recorder.log(AuditEntry(node: "run", action: "preflight", result: "failed"))
            try await recorder.setPhase(.failed)
            console.note("plan run: error: the preflight failed; nothing was changed")
            return .failed
        }
        try await recorder.log(AuditEntry(node: "run", action: "preflight", result: "done"))
        let doneBefore = await recorder.state.nodes.filter { $0.status == .done }.count
        try await world?.sendTraffic(upTo: doneBefore)

        let executor = Executor(
            graph: graph, adapters: adapters, recorder: recorder,
            gates: GateKeeper(approvals: options.approvals, approveAll: options.yes, console: console),
            clock: world.map { SimulatedClock(world: $0) as any RunClock } ?? SystemClock(), console: console,
            world: world, parallel: options.parallel, outageParallel: options.maxParallel,
            ignoreWindow: options.ignoreWindow)
        let exit: RunExit
        switch await executor.run() {
        case .done:
            try await world?.finish()
            try await recorder.setPhase(.done)
            console.say("run complete: \(graph.plan.name.value)")
            exit = .done
        case .paused(let held, let windowOpens):
            try await recorder.setPhase(.paused)
            console.say("paused: \(held.count) node(s) wait")
            for line in held { console.say("  \(line)") }
            // A node held by the window needs no approval, only a time to wait for.
            let gated = held.filter { !$0.contains(": the outage window ") }
            let ids = Set(gated.map { String($0.prefix { $0 != "@" && $0 != ":" }) }).sorted()
            if let windowOpens {
                let now = await executor.clock.now()
                console.say(
                    "once the window opens at \(RunTimeText.moment(windowOpens, now: now)), continue with: "
                        + setup.resumeCommand(approving: ids))
            } else {
                console.say("continue with: \(setup.resumeCommand(approving: ids))")
            }
            exit = .paused
        case .failed(let message):
            try await world?.finish()
            try await recorder.setPhase(.failed)
            console.note("plan run: error: \(message)")
            console.note("plan run: to continue once the cause is fixed: \(setup.resumeCommand())")
            let done = await recorder.state.nodes.filter { $0.status == .done }.map(\.key)
            if done.isEmpty {
                console.note("plan run: nothing is left done, so there is nothing to roll back")
            } else {
                console.note(
                    "plan run: to roll back instead: undo the done steps in reverse order (\(done.reversed().joined(separator: ", "))), "
                        + "each as `plan explain \(setup.file)` describes it under Undo")
            }
            exit = .failed
        }
        if let world { try await writeReport(world: world, recorder: recorder, graph: graph) }
        return exit
    }

    private func writeReport(world: SimulationWorld, recorder: RunRecorder, graph: StepGraph) async throws {
        let estate = await world.estate
        console.say(SimulationReport.summary(estate))
        let outage = await world.outage()
        if let outage { console.say(outage.summary) }
        guard let path = options.reportPath else { return }
        let document = SimulationReport.document(estate: estate, state: await recorder.state, graph: graph, outage: outage)
        try AtomicFile.write(Array((document.rendered(pretty: true) + "\n").utf8), to: path)
    }
}

extension RunConsole {
    func note(_ text: String, trimmed: Bool) {
        note(trimmed && text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }
}
