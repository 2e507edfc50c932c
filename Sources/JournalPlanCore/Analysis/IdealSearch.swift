/// One object-group's state between two of its steps: "`after` has happened, `before` has not".
///
/// Because an object's steps are ordered (JP213), what has happened to it in any reachable moment is a
/// prefix of its timeline, so its state is fixed by one such segment.
struct Segment: Sendable {
    /// The last step of the object's timeline that has happened (nil: none yet).
    var after: Int?
    /// The next step that has not happened yet (nil: none left).
    var before: Int?
    /// The group this segment belongs to.
    var group: Int
    /// The object standing for its group (nil: the always-accepting Exchange Online).
    var object: MailFlowObject?
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
            if notYet == happened ? ignoreWindowsInsideOneStep : closures.descendants(of: notYet)[happened] {
                return false
            }
        }
        if let notYet = candidate.before, let happened = pinned.after {
            if notYet == happened ? ignoreWindowsInsideOneStep : closures.ancestors(of: happened)[notYet] {
                return false
            }
        }
        return true
    }

    /// Descendant sets of the steps the search pins, computed once each: the pinned segments are few and
    /// the candidates tested against them many, and on plans with thousands of parallel branches
    /// ``StepGraph/precedes(_:_:)`` falls back to a search.
    let closures: StepClosures

    init(graph: StepGraph, ignoreWindowsInsideOneStep: Bool = false) {
        self.graph = graph
        self.ignoreWindowsInsideOneStep = ignoreWindowsInsideOneStep
        self.closures = StepClosures(graph)
    }

    /// One segment per slot, pairwise compatible, or nil. Slots are searched smallest first and each
    /// slot's segments earliest first, so the witness tends to be an early, short one.
    func solve(_ slots: [[Segment]]) -> [Segment]? {
        let twins = ignoreWindowsInsideOneStep ? nil : TwinSteps(graph)
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
        var rank = [Int](repeating: 0, count: graph.steps.count)
        for (i, step) in graph.order.enumerated() { rank[step] = i }
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
            startsNoLater = ya == xa || closures.descendants(of: ya)[xa]
        } else {
            startsNoLater = true
        }
        guard startsNoLater else { return false }
        guard let yb = y.before else { return true }
        guard let xb = x.before else { return false }
        return xb == yb || closures.ancestors(of: yb)[xb]
    }
}

/// Steps with the same predecessors and successors (say 500 parallel per-server stop steps) relate to every
/// other step in the same way, so segments that differ only by such twins are interchangeable: a slot
/// keeps one of them. (Not used where one step's own nodes count as ordered: there twins differ.)
struct TwinSteps {
    private var classOf: [Int]

    init(_ graph: StepGraph) {
        var ids: [[[Int]]: Int] = [:]
        classOf = graph.steps.indices.map { step in
            let key = [graph.predecessors[step].sorted(), graph.successors[step].sorted()]
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
    }

    func unique(_ slot: [Segment]) -> [Segment] {
        guard slot.count > 1 else { return slot }
        var seen = Set<[Int]>()
        return slot.filter { seen.insert([$0.after.map { classOf[$0] } ?? -1, $0.before.map { classOf[$0] } ?? -1]).inserted }
    }
}

/// Memoised strict descendant and ancestor sets of steps.
final class StepClosures {
    private let graph: StepGraph
    private var down: [Int: [Bool]] = [:]
    private var up: [Int: [Bool]] = [:]

    init(_ graph: StepGraph) { self.graph = graph }

    func descendants(of step: Int) -> [Bool] {
        if let known = down[step] { return known }
        let result = reach(from: step, graph.successors)
        down[step] = result
        return result
    }

    func ancestors(of step: Int) -> [Bool] {
        if let known = up[step] { return known }
        let result = reach(from: step, graph.predecessors)
        up[step] = result
        return result
    }

    private func reach(from step: Int, _ edges: [[Int]]) -> [Bool] {
        var marked = [Bool](repeating: false, count: edges.count)
        var stack = [step]
        while let s = stack.popLast() {
            for next in edges[s] where !marked[next] {
                marked[next] = true
                stack.append(next)
            }
        }
        return marked
    }
}
