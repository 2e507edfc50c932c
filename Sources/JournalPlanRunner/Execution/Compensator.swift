import JournalPlanCore

/// After a failure inside the outage, puts journaling back the way it was so it is never left off:
/// journal rules or databases back to their previous target and every rule enabled first, then a
/// read-back of journaling, and only when that read-back shows journaling restored, transport started on
/// every server. Otherwise transport is left stopped and the operator is told exactly what to restore:
/// mail must not flow again unjournaled.
struct Compensator: Sendable {
    /// The kinds that restore journaling, newest first; undone before anything else.
    static let restoring: [ActionKind] = [.setJournalRecipient, .disableJournalRule]
    /// What is undone only once journaling reads back as restored.
    static let restarting: [ActionKind] = [.stopTransport]

    /// Runs the compensations; returns the ones that failed (empty when journaling is restored and
    /// transport started).
    func run(graph: StepGraph, adapters: AdapterPair, recorder: RunRecorder, console: any RunConsole) async
        -> [String]
    {
        var failures: [String] = []
        for kind in Self.restoring {
            failures += await undo(kind, graph: graph, adapters: adapters, recorder: recorder, console: console)
        }
        var verified = false
        if failures.isEmpty {
            do {
                verified = try await adapters.exchange.journalingRestored(in: graph) == true
            } catch {
                console.note("plan run: error: reading journaling back failed: \(error)")
            }
        }
        if verified {
            for kind in Self.restarting {
                failures += await undo(kind, graph: graph, adapters: adapters, recorder: recorder, console: console)
            }
        } else {
            for line in Self.leftStopped(graph) { console.note(line) }
            try? await recorder.log(
                AuditEntry(node: "compensation", action: "start-transport", result: "withheld", detail: "journaling not verified"))
            failures.append("transport left stopped: journaling could not be restored and read back")
        }
        try? await reopenDescendants(graph: graph, recorder: recorder)
        return failures
    }

    /// Undoes every node of `kind` that started, newest first; returns the failures. Transport is
    /// restarted on every server at once (issue 18: the restart is as long as the slowest server).
    private func undo(
        _ kind: ActionKind, graph: StepGraph, adapters: AdapterPair, recorder: RunRecorder, console: any RunConsole
    ) async -> [String] {
        var due: [(GraphNode, String, [String: String])] = []
        for node in graph.nodes.reversed() where graph.steps[node.step].kind == kind {
            let key = node.key(in: graph)
            let record = await recorder.record(key)
            guard let status = record?.status, [.started, .done, .failed].contains(status) else { continue }
            due.append((node, key, record?.undo ?? [:]))
        }
        let together = Self.restarting.contains(kind)
        var failures: [String] = []
        await withTaskGroup(of: String?.self) { group in
            for (node, key, undo) in due {
                let run: @Sendable () async -> String? = {
                    do {
                        try await adapters.undo(node, in: graph, record: undo)
                        try await recorder.markCompensated(key)
                        console.say("undone   \(key)")
                        return nil
                    } catch {
                        try? await recorder.log(AuditEntry(node: key, action: "undo", result: "failed", detail: "\(error)"))
                        console.note("plan run: error: compensation of \(key) failed: \(error)")
                        return "\(key): \(error)"
                    }
                }
                if together {
                    group.addTask(operation: run)
                } else if let failure = await run() {
                    failures.append(failure)
                }
            }
            for await failure in group { if let failure { failures.append(failure) } }
        }
        return failures
    }

    /// The loud, specific instruction when transport is left stopped.
    static func leftStopped(_ graph: StepGraph) -> [String] {
        let plan = graph.plan
        let mailbox = plan.exchange.journalMailbox.value.description
        var lines = [
            String(repeating: "!", count: 78),
            "!!! TRANSPORT IS LEFT STOPPED ON PURPOSE: journaling could not be restored and read back.",
            "!!! Starting transport now would let mail flow without being journaled. By hand:",
        ]
        if plan.exchange.journaling.value == .premium {
            for rule in plan.exchange.journalRules.map(\.name.value) {
                lines.append("!!!   journal rule \(rule): point it at \(mailbox) and enable it; check with Get-JournalRule")
            }
        } else {
            for database in plan.exchange.databases.map(\.value) {
                lines.append("!!!   mailbox database \(database): set JournalRecipient to \(mailbox); check with Get-MailboxDatabase")
            }
        }
        lines.append("!!!   only then start transport on: " + plan.exchange.transportServers.map(\.value.text).joined(separator: ", "))
        lines.append(String(repeating: "!", count: 78))
        return lines
    }

    /// Nodes after an undone one must run again on resume (they are checked first, so one whose effect
    /// still holds is only recorded): a `done` there would skip, say, the enable after a re-run disable.
    private func reopenDescendants(graph: StepGraph, recorder: RunRecorder) async throws {
        let state = await recorder.state
        let nodes = graph.nodes
        var reached = Set<Int>()
        var stack = nodes.filter { state.status($0.key(in: graph)) == .compensated }.map(\.step)
        while let step = stack.popLast() {
            for next in graph.successors[step] where reached.insert(next).inserted { stack.append(next) }
        }
        for node in nodes where reached.contains(node.step) && state.status(node.key(in: graph)) == .done {
            try await recorder.reopen(node.key(in: graph))
        }
    }

    /// Whether the outage has begun and not ended: a stop-transport began and not every start finished.
    static func outageActive(graph: StepGraph, state: RunState) -> Bool {
        let nodes = graph.nodes
        let stops = nodes.filter { graph.steps[$0.step].kind == .stopTransport }
        let starts = nodes.filter { graph.steps[$0.step].kind == .startTransport }
        let began = stops.contains { [.started, .done, .failed].contains(state.status($0.key(in: graph))) }
        let ended = !starts.isEmpty && starts.allSatisfy { state.status($0.key(in: graph)) == .done }
        return began && !ended
    }
}
