/// The slowest chain of bounded waits between two points of the plan: the sum of the timeouts of the
/// waiting steps (`confirm-journaling`, `wait-connector-drained`) on the longest path, and those steps.
public struct TimeoutPath: Sendable {
    /// Worst-case seconds spent waiting strictly between the start and the end of the path.
    public var seconds: Int
    /// The waiting steps on that path, in order.
    public var waits: [Int]

    public var duration: PlanDuration { PlanDuration(seconds: seconds) }
}

extension Step {
    /// How long the step may wait at most: its timeout for confirm and drain steps, zero otherwise.
    public var timeoutSeconds: Int {
        switch action {
        case .confirmJournaling(let timeout, _): timeout.value.seconds
        case .waitConnectorDrained(_, let timeout, _): timeout.value.seconds
        default: 0
        }
    }
}

extension RuleContext {
    /// "'drain-pop3' may wait up to 1d", for notes on the waits of a ``TimeoutPath``.
    public func describeWait(_ step: Int) -> String {
        "\(quoted(step)) may wait up to \(PlanDuration(seconds: plan.steps[step].timeoutSeconds).readable)"
    }

    /// The longest path of timeouts from any of `sources` to `target`; see ``TimeoutPaths``.
    public func longestTimeoutPath(from sources: [Int], to target: Int) -> TimeoutPath? {
        TimeoutPaths(self).longest(from: sources, to: target)
    }
}

/// Longest timeout paths over one plan's graph; build it once when asking about many pairs of steps.
public struct TimeoutPaths: Sendable {
    let graph: StepGraph
    let weights: [Int]
    let rank: [Int]

    public init(_ context: RuleContext) {
        graph = context.graph
        weights = context.plan.steps.map(\.timeoutSeconds)
        var rank = [Int](repeating: 0, count: weights.count)
        for (i, step) in context.graph.order.enumerated() { rank[step] = i }
        self.rank = rank
    }

    /// The longest path of timeouts from any of `sources` to `target`, counting the steps after the first
    /// source and before `target` (sources' own timeouts are not counted); nil when no source precedes
    /// `target`. One pass over the part of the topological order between the sources and the target.
    public func longest(from sources: [Int], to target: Int) -> TimeoutPath? {
        let n = weights.count
        var isSource = [Bool](repeating: false, count: n)
        for source in sources { isSource[source] = true }
        var best = [Int](repeating: -1, count: n)
        var via = [Int](repeating: -1, count: n)
        let first = sources.map { rank[$0] }.min() ?? rank[target]
        guard first < rank[target] else { return nil }
        for step in graph.order[first..<rank[target]] {
            if isSource[step] { best[step] = max(best[step], 0) }
            for p in graph.predecessors[step] where best[p] >= 0 {
                let weight = isSource[p] ? 0 : weights[p]
                if best[p] + weight > best[step] {
                    best[step] = best[p] + weight
                    via[step] = p
                }
            }
        }
        var reached = -1
        var last = -1
        for p in graph.predecessors[target] where best[p] >= 0 {
            let total = best[p] + (isSource[p] ? 0 : weights[p])
            if total > reached {
                reached = total
                last = p
            }
        }
        guard reached >= 0 else { return nil }
        var waits: [Int] = []
        var walk = last
        while walk >= 0 {
            if !isSource[walk], weights[walk] > 0 { waits.append(walk) }
            walk = via[walk]
        }
        return TimeoutPath(seconds: reached, waits: waits.reversed())
    }
}

extension PlanDuration {
    /// A duration for messages, largest units first: `31d 30m`, `12h`, `1h 30m`.
    public var readable: String {
        let parts = [(seconds / 86400, "d"), (seconds / 3600 % 24, "h"), (seconds / 60 % 60, "m"), (seconds % 60, "s")]
        let shown = parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
        return shown.isEmpty ? "0s" : shown.joined(separator: " ")
    }
}
