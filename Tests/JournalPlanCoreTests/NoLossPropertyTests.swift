import JournalPlanCore
import Testing

/// The fast no-loss check agrees with brute force over every order, on hundreds of random small plans.
@Suite struct NoLossPropertyTests {
    static let noLossRules: Set<String> = ["JP401", "JP402", "JP403"]

    @Test func fastCheckAgreesWithBruteForce() throws {
        var compared = 0
        var verdictsSeen = Set<String>()
        var verdictCounts: [String: Int] = [:]
        for seed in UInt64(1)...500 {
            let generated = NoLossPlanGenerator.make(seed: seed)
            let result = PlanValidator().validate(text: generated.text)
            guard let graph = result.graph,
                !result.diagnostics.contains(where: { $0.severity == .error && $0.ruleID < "JP200" })
            else { continue }
            let fired = Set(result.diagnostics.map(\.ruleID))
            guard !fired.contains("JP213") else { continue }
            let expected = BruteForce.verdict(graph)
            compared += 1
            verdictsSeen.insert(expected.description)
            verdictCounts[expected.description, default: 0] += 1
            #expect(
                fired.intersection(Self.noLossRules) == expected.ruleIDs,
                "\(generated): brute force \(expected), fast \(fired.sorted())\n\(generated.text)")
            for diagnostic in result.diagnostics where diagnostic.ruleID == "JP401" || diagnostic.ruleID == "JP402" {
                checkTrace(diagnostic, graph, generated)
            }
        }
        #expect(compared >= 300, "only \(compared) cases reached the no-loss check")
        #expect(verdictsSeen.count >= 4, "the generator covers too few verdicts: \(verdictsSeen)")
        print("no-loss property: \(compared) plans compared; verdicts: \(verdictCounts.sorted { $0.key < $1.key })")
    }

    /// A counter-example is a valid prefix of some order, and replaying it reaches what the diagnostic says.
    func checkTrace(_ diagnostic: Diagnostic, _ graph: StepGraph, _ generated: NoLossPlanGenerator.Case) {
        guard let trace = diagnostic.trace, !trace.isEmpty else {
            Issue.record("\(generated): \(diagnostic.ruleID) has no trace")
            return
        }
        var byKey: [String: GraphNode] = [:]
        for node in graph.nodes { byKey[node.key(in: graph)] = node }
        var done = Set<GraphNode>()
        var state = MailFlowState.initial(for: graph.plan)
        var stranded = false
        var sawLoss = false
        var sawDuplicate = false
        for key in trace {
            let nodes: [GraphNode] =
                byKey[key].map { [$0] } ?? graph.nodes.filter { graph.steps[$0.step].id.value == key && !done.contains($0) }
            #expect(!nodes.isEmpty, "\(generated): unknown trace entry \(key)")
            for node in nodes {
                let predecessorsDone = graph.predecessors[node.step].allSatisfy { p in
                    graph.nodes.filter { $0.step == p }.allSatisfy(done.contains)
                }
                #expect(predecessorsDone, "\(generated): \(key) runs before its predecessors")
                state.apply(node, in: graph)
                done.insert(node)
                stranded = stranded || state.pop3Stranded
                sawLoss = sawLoss || state.currentLoss != nil
                sawDuplicate = sawDuplicate || state.currentDuplicate != nil
            }
        }
        if diagnostic.ruleID == "JP401" {
            #expect(state.currentLoss != nil || stranded, "\(generated): the trace \(trace) ends without a loss")
        } else {
            #expect(state.currentDuplicate != nil, "\(generated): the trace \(trace) ends without duplicates")
        }
        // One note per trace entry (a partly finished fan-out step may list several nodes), then the verdict.
        #expect(diagnostic.notes.count >= 2 && diagnostic.notes.count <= trace.count + 1)
    }
}
