import JournalPlanCore

/// Runs the step graph: nodes in dependency order, fan-out nodes in parallel up to a limit; each node
/// check → apply → record; gates and the outage window hold nodes back; a failure inside the outage
/// runs the compensations.
struct Executor: Sendable {
    enum Outcome: Equatable {
        case done
        /// Node keys held at a gate or by the window, with the reason; `windowOpens`: the window's start
        /// when the window holds a node (nothing to approve then, only to wait).
        case paused([String], windowOpens: Int?)
        case failed(String)
    }

    private enum NodeResult: Sendable {
        case done(String)
        case failed(String, String)
    }

    let graph: StepGraph
    let adapters: AdapterPair
    let recorder: RunRecorder
    let gates: GateKeeper
    let clock: any RunClock
    let console: any RunConsole
    let world: SimulationWorld?
    let parallel: Int
    /// The limit for the nodes of stop and start steps (at least `parallel`): the outage is as long as the
    /// slowest server only when every server's node runs at once.
    var outageParallel: Int = RunOptions.defaultMaxParallel
    let ignoreWindow: Bool

    func run() async -> Outcome {
        let nodes = graph.nodes
        let keys = nodes.map { $0.key(in: graph) }
        var status: [String: NodeStatus] = [:]
        for key in keys { status[key] = await recorder.status(key) }
        var nodesOfStep = [[String]](repeating: [], count: graph.steps.count)
        for (node, key) in zip(nodes, keys) { nodesOfStep[node.step].append(key) }
        var running = Set<String>()
        var held: [String: String] = [:]
        var heldByWindow = false
        var failure: String?

        await withTaskGroup(of: NodeResult.self) { group in
            while true {
                if failure == nil {
                    for (node, key) in zip(nodes, keys) where running.count < max(1, parallel, outageParallel) {
                        let kind = graph.steps[node.step].kind
                        let limit = kind == .stopTransport || kind == .startTransport ? max(1, parallel, outageParallel) : max(1, parallel)
                        guard running.count < limit else { continue }
                        guard status[key] != .done, !running.contains(key), held[key] == nil else { continue }
                        let ready = graph.predecessors[node.step].allSatisfy { p in
                            nodesOfStep[p].allSatisfy { status[$0] == .done }
                        }
                        guard ready else { continue }
                        if graph.steps[node.step].kind == .stopTransport, let problem = await windowProblem() {
                            if Compensator.outageActive(graph: graph, state: await recorder.state) {
                                failure = "\(key): \(problem)"
                                break
                            }
                            held[key] = problem
                            heldByWindow = true
                            try? await recorder.log(AuditEntry(node: key, action: "window", result: "paused", detail: problem))
                            console.say("held     \(key): \(problem)")
                            continue
                        }
                        if let reason = gates.reason(for: node, in: graph, adapters: adapters),
                            await recorder.record(key)?.approvedBy == nil
                        {
                            guard let approver = gates.approval(for: node, in: graph, reason: reason) else {
                                held[key] = reason.title
                                try? await recorder.log(AuditEntry(node: key, action: "gate", result: "paused"))
                                console.say("gate     \(key): \(reason.title)")
                                for line in reason.instructions { console.say("         \(line)") }
                                if gates.approveAll, reason.needsPerson {
                                    let id = graph.steps[node.step].id.value
                                    console.say("         --yes does not approve this: a person does it; pass --approve \(id)")
                                }
                                continue
                            }
                            do {
                                try await recorder.approve(key, by: approver)
                            } catch {
                                failure = "\(key): \(error)"
                                break
                            }
                        }
                        running.insert(key)
                        group.addTask { await self.runNode(node, key: key) }
                    }
                }
                guard let result = await group.next() else { break }
                switch result {
                case .done(let key):
                    running.remove(key)
                    status[key] = .done
                    do {
                        try await world?.sendTraffic(upTo: status.values.filter { $0 == .done }.count)
                    } catch {
                        failure = failure ?? "simulation: \(error)"
                    }
                case .failed(let key, let message):
                    running.remove(key)
                    status[key] = .failed
                    failure = failure ?? "\(key): \(message)"
                }
            }
        }
        if let failure {
            if Compensator.outageActive(graph: graph, state: await recorder.state) {
                console.say("failure inside the outage: restoring journaling, rules and transport")
                let left = await Compensator().run(graph: graph, adapters: adapters, recorder: recorder, console: console)
                if !left.isEmpty {
                    return .failed(failure + "; compensation incomplete: " + left.joined(separator: "; "))
                }
            }
            return .failed(failure)
        }
        if keys.allSatisfy({ status[$0] == .done }) { return .done }
        let opens = heldByWindow ? graph.plan.window.map { $0.start.value.epochSeconds } : nil
        return .paused(held.keys.sorted().map { "\($0): \(held[$0]!)" }, windowOpens: opens)
    }

    /// check → (started) → apply → (applied) → poll for waits → (done). An interrupted node (state
    /// "started") is re-checked here like any other before it is applied again.
    private func runNode(_ node: GraphNode, key: String) async -> NodeResult {
        do {
            let prior = await recorder.status(key)
            // Waits only read: they always run (a confirmation is of now, not of an earlier run).
            let isWait = Self.isWait(graph.steps[node.step].kind)
            let check = isWait ? .notDone : try await adapters.check(node, in: graph)
            if !isWait {
                try await recorder.log(
                    AuditEntry(
                        node: key, action: "check", result: check == .done ? "already-done" : check.rawValue,
                        detail: prior == .started ? "re-check of an interrupted apply" : nil))
            }
            if check == .done {
                try await recorder.markDone(key)
                console.say("skip     \(key): already done")
                return .done(key)
            }
            try await recorder.markStarted(key)
            let undo = try await adapters.apply(node, in: graph)
            try await recorder.markApplied(key, undo: undo)
            try await pollIfWaiting(node, key: key)
            try await recorder.markDone(key)
            console.say("done     \(key)")
            return .done(key)
        } catch {
            // The key is said once, here: an adapter's message may already start with it.
            var message = "\(error)"
            if message.hasPrefix(key + ": ") { message = String(message.dropFirst(key.count + 2)) }
            try? await recorder.markFailed(key, message: message)
            console.say("failed   \(key): \(message)")
            return .failed(key, message)
        }
    }

    /// Waits (confirm-journaling, wait-connector-drained) poll their check until it holds or time runs out.
    private func pollIfWaiting(_ node: GraphNode, key: String) async throws {
        let timeout: Int
        let every: Int
        switch graph.steps[node.step].action {
        case .confirmJournaling(let t, _):
            timeout = t.value.seconds
            every = min(60, max(1, t.value.seconds))
        case .waitConnectorDrained(_, let t, let p):
            timeout = t.value.seconds
            every = max(1, p.value.seconds)
        default:
            return
        }
        let start = await clock.now()
        while true {
            let outcome = try await adapters.check(node, in: graph)
            // Unknown: a person confirmed it at the gate; nothing here can tell more.
            if outcome != .notDone { break }
            let waited = await clock.now() - start
            if waited >= timeout {
                throw AdapterError("timed out after \(Self.spell(timeout)) waiting for the condition")
            }
            console.progress("\(key): waiting, \(Self.spell(waited)) of \(Self.spell(timeout))")
            try await clock.sleep(seconds: min(every, timeout - waited))
        }
        console.progress("")
    }

    static func isWait(_ kind: ActionKind) -> Bool { kind == .confirmJournaling || kind == .waitConnectorDrained }

    static func spell(_ seconds: Int) -> String {
        seconds <= 0 ? "0s" : PlanDuration(seconds: seconds).description
    }

    /// Why transport may not be stopped now, or nil inside the window (or with --ignore-window).
    private func windowProblem() async -> String? {
        guard !ignoreWindow, let window = graph.plan.window else { return nil }
        let now = await clock.now()
        if now < window.start.value.epochSeconds {
            return "the outage window opens at \(RunTimeText.moment(window.start.value.epochSeconds, now: now)); "
                + "transport is stopped only inside it (--ignore-window stops it now)"
        }
        if now > window.end.value.epochSeconds {
            return "the outage window closed at \(RunTimeText.moment(window.end.value.epochSeconds, now: now)); "
                + "pass --ignore-window to stop transport anyway"
        }
        return nil
    }
}
