/// Compiles a decoded plan into its ``StepGraph``: resolves `after` (default: the step listed before),
/// expands fan-out steps into one node per target, orders the steps, and reports cycles.
public struct GraphCompiler: Sendable {
    public init() {}

    public static let cycleRule = StructureRules.cycle

    public func compile(_ plan: Plan) -> Result<StepGraph, Diagnostic> {
        compile(plan, index: PlanIndex(plan))
    }

    /// Compiles with the plan's lookup tables as the decoder built them for this very plan
    /// (``PlanValidator`` passes them on rather than hashing every id and name again).
    func compile(_ plan: Plan, index planIndex: PlanIndex) -> Result<StepGraph, Diagnostic> {
        let index = planIndex.steps
        let n = plan.steps.count
        var predecessors = [[Int]](repeating: [], count: n)
        for (i, step) in plan.steps.enumerated() {
            if let after = step.after, after.count == 1 {
                if let p = index[after[0].value] { predecessors[i] = [p] }
            } else if let after = step.after {
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
        let targets = Self.targets(of: plan.steps, in: plan, index: planIndex)
        return .success(StepGraph(plan: plan, predecessors: predecessors, order: order, targets: targets, indexByID: index))
    }

    /// Kahn's algorithm, always taking the ready step listed first, so the order follows the file.
    static func topologicalOrder(_ predecessors: [[Int]]) -> [Int]? {
        let n = predecessors.count
        var indegree = predecessors.map(\.count)
        // Successor lists in one flat array: step p's successors are successors[start[p]..<start[p + 1]],
        // in step order (one allocation instead of one per step).
        var start = [Int](repeating: 0, count: n + 1)
        for preds in predecessors { for p in preds { start[p + 1] += 1 } }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var successors = [Int](repeating: 0, count: start[n])
        for (s, preds) in predecessors.enumerated() {
            for p in preds {
                successors[fill[p]] = s
                fill[p] += 1
            }
        }
        var ready = MinHeap()
        for s in 0..<n where indegree[s] == 0 { ready.push(s) }
        var order: [Int] = []
        order.reserveCapacity(n)
        while let s = ready.pop() {
            order.append(s)
            for t in successors[start[s]..<start[s + 1]] {
                indegree[t] -= 1
                if indegree[t] == 0 { ready.push(t) }
            }
        }
        return order.count == n ? order : nil
    }

    /// The fan-out targets of every step. Selections are resolved through a case-insensitive index, so
    /// narrowing 15,000 steps to one rule each costs one lookup per named target.
    static func targets(of steps: [Step], in plan: Plan, index: PlanIndex) -> [[NodeTarget]] {
        let servers = plan.exchange.transportServers.map { NodeTarget.server($0.value.text) }
        let rules = plan.exchange.journalRules.map { NodeTarget.rule($0.name.value) }
        let databases = plan.exchange.databases.map { NodeTarget.database($0.value) }
        let (serverIndex, ruleIndex, databaseIndex) = (index.servers, index.rules, index.databases)
        func pick(_ selection: TargetSelection, _ all: [NodeTarget], _ index: TargetIndex) -> [NodeTarget] {
            guard let selection else { return all }
            if selection.count == 1 {
                return index.position(of: selection[0].value).map { [all[$0]] } ?? []
            }
            // Keep the estate's order, whatever order the selection lists them in.
            let positions = Set(selection.compactMap { index.position(of: $0.value) })
            return positions.sorted().map { all[$0] }
        }
        let premium = plan.exchange.journaling.value == .premium
        return steps.map { step in
            switch step.action {
            case .stopTransport(let s), .startTransport(let s): pick(s, servers, serverIndex)
            case .disableJournalRule(let r), .enableJournalRule(let r): pick(r, rules, ruleIndex)
            case .setJournalRecipient(_, let r, let d):
                premium ? pick(r, rules, ruleIndex) : pick(d, databases, databaseIndex)
            default: [.none]
            }
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
