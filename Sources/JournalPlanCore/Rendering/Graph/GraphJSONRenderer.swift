/// Renders the step graph as JSON: steps with their edges and targets, and the executable nodes.
public enum GraphJSONRenderer {
    public static func document(_ graph: StepGraph) -> JSONValue {
        let steps: [JSONValue] = graph.steps.enumerated().map { index, step in
            .object([
                ("id", .string(step.id.value)),
                ("action", .string(step.kind.rawValue)),
                ("system", .string(step.kind.system.rawValue)),
                ("after", .array(graph.predecessors[index].map { .string(graph.steps[$0].id.value) })),
                ("targets", .array(graph.targets[index].compactMap(\.name).map(JSONValue.string))),
                ("irreversible", .bool(step.kind.isIrreversible)),
            ])
        }
        let nodes: [JSONValue] = graph.nodes.map { node in
            var pairs: [(String, JSONValue)] = [
                ("key", .string(node.key(in: graph))), ("step", .string(graph.steps[node.step].id.value)),
            ]
            if let name = node.target.name { pairs.append(("target", .string(name))) }
            return .object(pairs)
        }
        return .object([
            ("version", 1), ("plan", .string(graph.plan.name.value)),
            ("order", .array(graph.order.map { .string(graph.steps[$0].id.value) })),
            ("steps", .array(steps)), ("nodes", .array(nodes)),
        ])
    }
}
