import JournalPlanCore

/// After a failure inside the outage, puts journaling back the way it was so it is never left off:
/// journal rules or databases back to their previous target, every rule enabled, transport started on
/// every server. It undoes the nodes that changed those (repoint, disable, stop), newest kind first.
struct Compensator: Sendable {
    static let order: [ActionKind] = [.setJournalRecipient, .disableJournalRule, .stopTransport]

    /// Runs the compensations; returns the ones that failed (empty when journaling is restored).
    func run(graph: StepGraph, adapters: AdapterPair, recorder: RunRecorder, console: any RunConsole) async
        -> [String]
    {
        var failures: [String] = []
        let nodes = graph.nodes
        for kind in Self.order {
            for node in nodes.reversed() where graph.steps[node.step].kind == kind {
                let key = node.key(in: graph)
                let record = await recorder.record(key)
                guard let status = record?.status, [.started, .done, .failed].contains(status) else { continue }
                do {
                    try await adapters.undo(node, in: graph, record: record?.undo ?? [:])
                    try await recorder.markCompensated(key)
                    console.say("undone   \(key)")
                } catch {
                    failures.append("\(key): \(error)")
                    try? await recorder.log(AuditEntry(node: key, action: "undo", result: "failed", detail: "\(error)"))
                    console.note("plan run: error: compensation of \(key) failed: \(error)")
                }
            }
        }
        try? await reopenDescendants(graph: graph, recorder: recorder)
        return failures
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
