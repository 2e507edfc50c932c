import JournalPlanCore

/// The reference the fast check is measured against: every linear extension of the step graph's nodes,
/// stepped through ``MailFlowState``. Paths that reach the same finished set in the same model state
/// behave identically from there on, so they are explored once (a memo, not a shortcut in semantics).
struct BruteForceVerdict: Equatable, CustomStringConvertible {
    /// Some reachable moment loses reports (a flow loses mail, or the POP3 connector strands reports).
    var loss = false
    /// Some reachable moment, with no journaling step half-way through its fan-out, duplicates reports.
    var duplicate = false
    /// Some complete order ends short of the goal, or changes journaling after deleting the POP3 connector.
    var goalMissed = false

    var description: String { "loss=\(loss) duplicate=\(duplicate) goalMissed=\(goalMissed)" }

    /// The rule ids the verdict stands for.
    var ruleIDs: Set<String> {
        Set([loss ? "JP401" : nil, duplicate ? "JP402" : nil, goalMissed ? "JP403" : nil].compactMap { $0 })
    }
}

enum BruteForce {
    static let journalingChanges: Set<ActionKind> = [
        .stopTransport, .startTransport, .disableJournalRule, .enableJournalRule, .setJournalRecipient,
    ]

    static func verdict(_ graph: StepGraph) -> BruteForceVerdict {
        let nodes = graph.nodes
        var stepNodes = [[Int]](repeating: [], count: graph.steps.count)
        for (i, node) in nodes.enumerated() { stepNodes[node.step].append(i) }
        let pop3 = graph.plan.pop3Connector?.id.value
        var verdict = BruteForceVerdict()
        struct Key: Hashable {
            var done: [Bool]
            var state: MailFlowState
            var deleted: Bool
        }
        var seen = Set<Key>()

        func ready(_ node: Int, _ done: [Bool]) -> Bool {
            graph.predecessors[nodes[node].step].allSatisfy { p in stepNodes[p].allSatisfy { done[$0] } }
        }
        func halfWayJournalingStep(_ done: [Bool]) -> Bool {
            graph.steps.indices.contains { s in
                let kind = graph.steps[s].kind
                guard kind == .disableJournalRule || kind == .enableJournalRule || kind == .setJournalRecipient else {
                    return false
                }
                let count = stepNodes[s].filter { done[$0] }.count
                return count > 0 && count < stepNodes[s].count
            }
        }
        func visit(_ done: [Bool], _ state: MailFlowState, _ deleted: Bool) {
            guard seen.insert(Key(done: done, state: state, deleted: deleted)).inserted else { return }
            if state.currentLoss != nil || state.pop3Stranded { verdict.loss = true }
            if state.currentDuplicate != nil, !halfWayJournalingStep(done) { verdict.duplicate = true }
            if !done.contains(false) {
                if !state.isGoal { verdict.goalMissed = true }
                return
            }
            for n in nodes.indices where !done[n] && ready(n, done) {
                var next = state
                let step = graph.steps[nodes[n].step]
                if deleted && journalingChanges.contains(step.kind) { verdict.goalMissed = true }
                next.apply(nodes[n], in: graph)
                var nowDeleted = deleted
                if step.kind == .deleteConnector, step.action.connectorReference?.value == pop3 { nowDeleted = true }
                var nextDone = done
                nextDone[n] = true
                visit(nextDone, next, nowDeleted)
            }
        }
        visit([Bool](repeating: false, count: nodes.count), MailFlowState.initial(for: graph.plan), false)
        return verdict
    }
}
