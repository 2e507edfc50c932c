/// One object-group's state between two of its steps: "`after` has happened, `before` has not".
///
/// Because an object's steps are ordered (JP213), what has happened to it in any reachable moment is a
/// prefix of its timeline, so its state is fixed by one such segment.
struct Segment: Sendable {
    /// The last step of the object's timeline that has happened (nil: none yet).
    var after: Int?
    /// The next step that has not happened yet (nil: none left).
    var before: Int?
    /// The group this segment belongs to (-1: the always-accepting Exchange Online). The object standing
    /// for the group is found through ``ObjectSegments/object(of:)``: without it a segment holds only
    /// integers, and the search sorts and copies tens of thousands of them.
    var group: Int
}

/// Finds a reachable combination of segments, one per slot, over every order the graph allows.
///
/// What has happened at any moment of any order is a down-closed set of nodes (an ideal), and every ideal
/// is reachable. A conjunction "A₁…Aₖ happened, B₁…Bₘ not yet" is reachable exactly when no Bⱼ is an
/// ancestor of (or the same node as) some Aᵢ; nodes of different objects are different nodes, so across
/// slots this is a pairwise test on steps, O(1) each with ``StepGraph/precedes(_:_:)``.
struct IdealSearch {
    let graph: StepGraph
    /// Treat two nodes of one fan-out step as ordered: windows that exist only between the targets of one
    /// step do not count (used for duplicates, which such a step cannot avoid).
    let ignoreWindowsInsideOneStep: Bool

    /// Whether some reachable moment has both segments. Two segments of one group (one timeline) are never
    /// both chosen where it matters: only duplicates pick two flows, and there the one-step rule already
    /// makes a timeline's segments exclude each other.
    func compatible(_ pinned: Segment, _ candidate: Segment) -> Bool {
        if let notYet = pinned.before, let happened = candidate.after {
            if notYet == happened ? ignoreWindowsInsideOneStep : graph.precedes(notYet, happened) {
                return false
            }
        }
        if let notYet = candidate.before, let happened = pinned.after {
            if notYet == happened ? ignoreWindowsInsideOneStep : graph.precedes(notYet, happened) {
                return false
            }
        }
        return true
    }

    /// Twin classes of the steps (nil where one step's own nodes count as ordered).
    let twins: TwinSteps?
    /// Each step's position in the topological order.
    let rank: [Int]

    init(graph: StepGraph, ignoreWindowsInsideOneStep: Bool = false, twins: TwinSteps? = nil) {
        self.graph = graph
        self.ignoreWindowsInsideOneStep = ignoreWindowsInsideOneStep
        self.twins = ignoreWindowsInsideOneStep ? nil : (twins ?? TwinSteps(graph))
        self.rank = graph.rank
    }

    /// One segment per slot, pairwise compatible, or nil. Slots are searched smallest first and each
    /// slot's segments earliest first, so the witness tends to be an early, short one.
    func solve(_ slots: [[Segment]]) -> [Segment]? {
        let slots = slots.map { front(twins?.unique($0) ?? $0) }
        if slots.contains(where: \.isEmpty) { return nil }
        let order = slots.indices.sorted { slots[$0].count < slots[$1].count }
        var chosen: [Segment] = []
        chosen.reserveCapacity(slots.count)
        func search(_ depth: Int) -> Bool {
            if depth == order.count { return true }
            for candidate in slots[order[depth]] where chosen.allSatisfy({ compatible($0, candidate) }) {
                chosen.append(candidate)
                if search(depth + 1) { return true }
                chosen.removeLast()
            }
            return false
        }
        guard search(0) else { return nil }
        var result = [Segment?](repeating: nil, count: slots.count)
        for (depth, slot) in order.enumerated() { result[slot] = chosen[depth] }
        return result.map { $0! }
    }

    /// The segments no other segment of the slot dominates. `y` dominates `x` when it starts no later and
    /// ends no earlier (`y.after ≼ x.after`, `x.before ≼ y.before`): whatever is compatible with `x` is then
    /// compatible with `y`, so dropping `x` keeps the search exact. Sorted by start, then latest end first,
    /// a segment can only be dominated by one kept before it, so one pass against the kept ones suffices.
    /// Windows sliding along one timeline do not dominate each other; when more than `limit` survive, the
    /// slot is searched as it is (the other slots are then the small ones).
    func front(_ slot: [Segment], limit: Int = 64) -> [Segment] {
        guard slot.count > 1 else { return slot }
        func start(_ s: Segment) -> Int { s.after.map { rank[$0] } ?? -1 }
        func end(_ s: Segment) -> Int { s.before.map { rank[$0] } ?? Int.max }
        let sorted = slot.sorted { start($0) != start($1) ? start($0) < start($1) : end($0) > end($1) }
        var kept: [Segment] = []
        for x in sorted where !kept.contains(where: { dominates($0, x) }) {
            kept.append(x)
            if kept.count > limit { return sorted }
        }
        return kept
    }

    private func dominates(_ y: Segment, _ x: Segment) -> Bool {
        let startsNoLater: Bool
        if let ya = y.after {
            guard let xa = x.after else { return false }
            startsNoLater = ya == xa || graph.precedes(ya, xa)
        } else {
            startsNoLater = true
        }
        guard startsNoLater else { return false }
        guard let yb = y.before else { return true }
        guard let xb = x.before else { return false }
        return xb == yb || graph.precedes(xb, yb)
    }
}

/// Steps with the same predecessors and successors (say 500 parallel per-server stop steps) relate to every
/// other step in the same way, so segments that differ only by such twins are interchangeable: a slot
/// keeps one of them. (Not used where one step's own nodes count as ordered: there twins differ.)
struct TwinSteps: Sendable {
    /// Each step's twin class.
    private(set) var classOf: [Int]

    init(_ graph: StepGraph) {
        // Most steps of a long sequence have at most one predecessor and one successor: their class is
        // keyed by that pair; other steps by their sorted neighbour lists.
        var chainIDs: [NeighbourPair: Int] = [:]
        var generalIDs: [[Int]: Int] = [:]
        chainIDs.reserveCapacity(graph.steps.count)
        var count = 0
        func id<Key: Hashable>(_ key: Key, in ids: inout [Key: Int]) -> Int {
            if let id = ids[key] { return id }
            ids[key] = count
            count += 1
            return count - 1
        }
        classOf = graph.steps.indices.map { step in
            let predecessors = graph.predecessors[step]
            let successors = graph.successors[step]
            if predecessors.count <= 1 && successors.count <= 1 {
                return id(NeighbourPair(predecessors.first ?? -1, successors.first ?? -1), in: &chainIDs)
            }
            return id(predecessors.sorted() + [-1] + successors.sorted(), in: &generalIDs)
        }
    }

    func unique(_ slot: [Segment]) -> [Segment] {
        guard slot.count > 1 else { return slot }
        var seen = Set<NeighbourPair>()
        return slot.filter { segment in
            seen.insert(NeighbourPair(segment.after.map { classOf[$0] } ?? -1, segment.before.map { classOf[$0] } ?? -1))
                .inserted
        }
    }
}

/// Two indices, either of which may be -1 for "none": the key of a step's or a segment's neighbours.
private struct NeighbourPair: Hashable {
    var first: Int
    var second: Int

    init(_ first: Int, _ second: Int) {
        self.first = first
        self.second = second
    }
}
