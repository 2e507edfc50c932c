import JournalPlanCore

/// Decides which nodes wait for a person and whether they have been approved: `manual` steps,
/// irreversible steps (delete-connector), and whatever an adapter cannot do itself (manual Mimecast).
/// Approval comes from the state (an earlier run), `--approve ID`, a typed confirmation, or `--yes` for a
/// gate that only waits for software (``GateReason/needsPerson`` false): `--yes` is not a person, so it
/// never approves a manual step, a console step or the point of no return.
struct GateKeeper: Sendable {
    var approvals: Set<String>
    var approveAll: Bool
    var console: any RunConsole

    func reason(for node: GraphNode, in graph: StepGraph, adapters: AdapterPair) -> GateReason? {
        let step = graph.steps[node.step]
        var reasons: [GateReason] = []
        if case .manual(let instructions) = step.action {
            reasons.append(GateReason(title: "Manual step '\(step.id.value)'", instructions: [instructions.value], needsPerson: true))
        }
        if let adapterGate = adapters.gate(for: node, in: graph) { reasons.append(adapterGate) }
        if step.kind.isIrreversible {
            reasons.append(
                GateReason(
                    title: "Step '\(step.id.value)' cannot be undone: it is the point of no return",
                    instructions: [step.kind.summary]))
        }
        guard let first = reasons.first else { return nil }
        return GateReason(
            title: first.title, instructions: reasons.flatMap(\.instructions),
            needsPerson: reasons.contains { $0.needsPerson })
    }

    /// Who approved the gate of `node` now, or nil if nobody did (the run pauses there).
    func approval(for node: GraphNode, in graph: StepGraph, reason: GateReason) -> String? {
        let key = node.key(in: graph)
        let id = graph.steps[node.step].id.value
        let user = RunLock.userName
        if approvals.contains(key) || approvals.contains(id) { return "\(user) (--approve \(id))" }
        if approveAll, !reason.needsPerson { return "\(user) (--yes)" }
        if console.confirm(reason, expected: id) == true { return "\(user) (typed at the terminal)" }
        return nil
    }
}
