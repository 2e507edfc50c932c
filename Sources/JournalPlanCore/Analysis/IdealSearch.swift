/// One object-group's state between two of its steps: "`after` has happened, `before` has not".
///
/// Because an object's steps are ordered (JP213), what has happened to it in any reachable moment is a
/// prefix of its timeline, so its state is fixed by one such segment.
struct Segment: Sendable {
    /// The last step of the object's timeline that has happened (nil: none yet).
    var after: Int?
    /// The next step that has not happened yet (nil: none left).
    var before: Int?
    /// The group this segment belongs to; two slots never pick the same group.
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
    var ignoreWindowsInsideOneStep = false

    func compatible(_ x: Segment, _ y: Segment) -> Bool {
        x.group != y.group && !blocks(x.before, y.after) && !blocks(y.before, x.after)
    }

    private func blocks(_ notYet: Int?, _ happened: Int?) -> Bool {
        guard let notYet, let happened else { return false }
        if ignoreWindowsInsideOneStep && notYet == happened { return true }
        return graph.precedes(notYet, happened)
    }

    /// One segment per slot, pairwise compatible, or nil. Slots are searched smallest first and each
    /// slot's segments earliest first, so the witness tends to be an early, short one.
    func solve(_ slots: [[Segment]]) -> [Segment]? {
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
}
