/// Compares the order of the steps two plans share, on their step graphs' ancestor relation.
///
/// The full relation is quadratic and mostly implied, so the result is compact: the direct edges that
/// changed, and the pairs whose relation changed grouped around the steps they share — moving one step
/// past five others is one group of five, not five unrelated lines.
struct OrderComparison {
    let old: StepGraph
    let new: StepGraph

    func diff() -> OrderDiff {
        let oldIDs = Set(old.steps.map(\.id.value))
        // Shared steps in the new plan's topological order.
        let shared = new.order.map { new.steps[$0].id.value }.filter { oldIDs.contains($0) }
        return OrderDiff(edges: edgeChanges(shared), relations: relationChanges(shared))
    }

    private func edgeChanges(_ shared: [String]) -> [EdgeChange] {
        shared.compactMap { id in
            let was = directPredecessors(id, in: old)
            let now = directPredecessors(id, in: new)
            let added = now.filter { !was.contains($0) }
            let removed = was.filter { !now.contains($0) }
            return added.isEmpty && removed.isEmpty ? nil : EdgeChange(step: id, added: added, removed: removed)
        }
    }

    private func directPredecessors(_ id: String, in graph: StepGraph) -> [String] {
        guard let i = graph.index(of: id) else { return [] }
        return graph.predecessors[i].map { graph.steps[$0].id.value }
    }

    static func relation(_ a: Int, _ b: Int, in graph: StepGraph) -> StepRelation {
        if graph.precedes(a, b) { return .before }
        if graph.precedes(b, a) { return .after }
        return .unordered
    }

    private func relationChanges(_ shared: [String]) -> [RelationChange] {
        let oldIndex = shared.map { old.index(of: $0)! }
        let newIndex = shared.map { new.index(of: $0)! }
        // Every changed pair (i < j in `shared`), with the relation of i to j before and after.
        var pairs: [(i: Int, j: Int, was: StepRelation, now: StepRelation)] = []
        for i in shared.indices {
            for j in shared.indices where j > i {
                let was = Self.relation(oldIndex[i], oldIndex[j], in: old)
                let now = Self.relation(newIndex[i], newIndex[j], in: new)
                if was != now { pairs.append((i, j, was, now)) }
            }
        }
        // Greedy grouping: the step in most changed pairs speaks for them (ties: the earlier step).
        var incident = [[Int]](repeating: [], count: shared.count)
        for (k, p) in pairs.enumerated() {
            incident[p.i].append(k)
            incident[p.j].append(k)
        }
        var count = incident.map(\.count)
        var alive = [Bool](repeating: true, count: pairs.count)
        var groups: [RelationChange] = []
        while let center = count.indices.max(by: { count[$0] < count[$1] || (count[$0] == count[$1] && $0 > $1) }),
            count[center] > 0
        {
            var byChange: [(was: StepRelation, now: StepRelation, others: [Int])] = []
            for k in incident[center] where alive[k] {
                alive[k] = false
                let p = pairs[k]
                // Relations of `center` to the other step.
                let other = p.i == center ? p.j : p.i
                let was = p.i == center ? p.was : p.was.reversed
                let now = p.i == center ? p.now : p.now.reversed
                count[other] -= 1
                if let g = byChange.firstIndex(where: { $0.was == was && $0.now == now }) {
                    byChange[g].others.append(other)
                } else {
                    byChange.append((was, now, [other]))
                }
            }
            count[center] = 0
            for (was, now, others) in byChange {
                groups.append(
                    RelationChange(step: shared[center], was: was, now: now, others: others.sorted().map { shared[$0] }))
            }
        }
        // Flips first (they lose mail), then by the step's position in the new plan.
        let position = Dictionary(shared.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return groups.sorted { a, b in
            if a.isFlip != b.isFlip { return a.isFlip }
            return position[a.step]! < position[b.step]!
        }
    }
}

extension StepRelation {
    /// The relation seen from the other step.
    var reversed: StepRelation {
        switch self {
        case .before: .after
        case .after: .before
        case .unordered: .unordered
        }
    }
}
