/// What the diagrams show for each step, shared by the Mermaid, DOT and JSON renderers. The text holds
/// plan values: each renderer escapes it for its own format.
struct StepLabel {
    /// `s1`, `s2`, …: diagram node ids never come from plan text.
    var nodeID: String
    /// Lines of the label: the step id, the action, and the targets of a fan-out step.
    var lines: [String]
    var kind: ActionKind

    static func labels(for graph: StepGraph) -> [StepLabel] {
        graph.steps.enumerated().map { index, step in
            var lines = [step.id.value, step.kind.rawValue]
            let targets = graph.targets[index].compactMap(\.name)
            if !targets.isEmpty { lines.append(targets.joined(separator: ", ")) }
            return StepLabel(nodeID: "s\(index + 1)", lines: lines, kind: step.kind)
        }
    }

    /// Edges between steps (predecessor, successor), in step order.
    static func edges(of graph: StepGraph) -> [(Int, Int)] {
        graph.predecessors.enumerated().flatMap { step, preds in preds.map { ($0, step) } }
    }
}
