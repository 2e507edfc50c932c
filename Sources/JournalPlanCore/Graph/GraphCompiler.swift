/// Compiles a decoded plan into its ``StepGraph``: resolves `after` (default: the step listed before),
/// expands fan-out steps into one node per target, orders the steps, and reports cycles.
public struct GraphCompiler: Sendable {
    public init() {}

    public static let cycleRule = StructureRules.cycle

    public func compile(_ plan: Plan) -> Result<StepGraph, Diagnostic> {
        let n = plan.steps.count
        var index: [String: Int] = [:]
        for (i, step) in plan.steps.enumerated() { index[step.id.value] = i }
        var predecessors = [[Int]](repeating: [], count: n)
        for (i, step) in plan.steps.enumerated() {
            if let after = step.after {
                var seen = Set<Int>()
                for reference in after {
                    if let p = index[reference.value], seen.insert(p).inserted { predecessors[i].append(p) }
                }
            } else if i > 0 {
                predecessors[i] = [i - 1]
            }
        }
        guard let order = Self.topologicalOrder(predecessors) else {
            return .failure(cycleDiagnostic(plan, predecessors))
        }
        let targets = plan.steps.map { Self.targets(of: $0, in: plan) }
        return .success(StepGraph(plan: plan, predecessors: predecessors, order: order, targets: targets))
    }

    /// Kahn's algorithm, always taking the ready step listed first, so the order follows the file.
    static func topologicalOrder(_ predecessors: [[Int]]) -> [Int]? {
        let n = predecessors.count
        var indegree = predecessors.map(\.count)
        var successors = [[Int]](repeating: [], count: n)
        for (s, preds) in predecessors.enumerated() { for p in preds { successors[p].append(s) } }
        var ready = MinHeap()
        for s in 0..<n where indegree[s] == 0 { ready.push(s) }
        var order: [Int] = []
        order.reserveCapacity(n)
        while let s = ready.pop() {
            order.append(s)
            for t in successors[s] {
                indegree[t] -= 1
                if indegree[t] == 0 { ready.push(t) }
            }
        }
        return order.count == n ? order : nil
    }

    static func targets(of step: Step, in plan: Plan) -> [NodeTarget] {
        func pick(_ selection: TargetSelection, _ all: [String]) -> [String] {
            guard let selection else { return all }
            let wanted = Set(selection.map { $0.value.lowercased() })
            return all.filter { wanted.contains($0.lowercased()) }
        }
        let servers = plan.exchange.transportServers.map(\.value.text)
        let rules = plan.exchange.journalRules.map(\.name.value)
        let databases = plan.exchange.databases.map(\.value)
        switch step.action {
        case .stopTransport(let s), .startTransport(let s): return pick(s, servers).map(NodeTarget.server)
        case .disableJournalRule(let r), .enableJournalRule(let r): return pick(r, rules).map(NodeTarget.rule)
        case .setJournalRecipient(_, let r, let d):
            return plan.exchange.journaling.value == .premium
                ? pick(r, rules).map(NodeTarget.rule) : pick(d, databases).map(NodeTarget.database)
        default: return [.none]
        }
    }

    private func cycleDiagnostic(_ plan: Plan, _ predecessors: [[Int]]) -> Diagnostic {
        // Find one cycle by depth-first search over predecessor edges.
        let n = predecessors.count
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on stack, 2 done
        var parent = [Int](repeating: -1, count: n)
        var cycle: [Int] = []
        outer: for root in 0..<n where state[root] == 0 {
            var stack: [(Int, Int)] = [(root, 0)]
            state[root] = 1
            while let (node, next) = stack.last {
                if next < predecessors[node].count {
                    stack[stack.count - 1].1 += 1
                    let p = predecessors[node][next]
                    if state[p] == 0 {
                        state[p] = 1
                        parent[p] = node
                        stack.append((p, 0))
                    } else if state[p] == 1 {
                        var path = [p]
                        var walk = node
                        while walk != p {
                            path.append(walk)
                            walk = parent[walk]
                        }
                        cycle = path
                        break outer
                    }
                } else {
                    state[node] = 2
                    stack.removeLast()
                }
            }
        }
        // `cycle` lists steps each of which comes after the next one; present it in execution order.
        let steps = cycle.reversed().map { plan.steps[$0] }
        let names = (steps + [steps[0]]).map(\.id.value).joined(separator: " → ")
        func edgeRange(_ step: Step, _ predecessorID: String) -> SourceRange {
            step.after?.first { $0.value == predecessorID }?.range ?? step.id.range
        }
        let first = steps[0]
        let last = steps[steps.count - 1]
        var notes: [DiagnosticNote] = []
        for (i, step) in steps.enumerated() where i > 0 {
            notes.append(
                DiagnosticNote(
                    location: plan.location(edgeRange(step, steps[i - 1].id.value)),
                    message: "'\(step.id.value)' comes after '\(steps[i - 1].id.value)'"))
        }
        return Diagnostic(
            rule: StructureRules.cycle, message: "the steps form a cycle: \(names)",
            location: plan.location(edgeRange(first, last.id.value)), notes: notes)
    }
}

/// A binary min-heap of step indices.
struct MinHeap {
    private var items: [Int] = []

    mutating func push(_ value: Int) {
        items.append(value)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < items.count, items[l] < items[m] { m = l }
                if r < items.count, items[r] < items[m] { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
