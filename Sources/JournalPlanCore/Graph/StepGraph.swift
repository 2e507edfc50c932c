/// What one node of the graph acts on: a fan-out step has one node per server, rule or database.
public enum NodeTarget: Hashable, Sendable, CustomStringConvertible {
    /// Steps that act once (contact, connectors, gates).
    case none
    case server(String)
    case rule(String)
    case database(String)

    public var description: String {
        switch self {
        case .none: ""
        case .server(let name): name
        case .rule(let name): name
        case .database(let name): name
        }
    }

    public var name: String? {
        switch self {
        case .none: nil
        case .server(let n), .rule(let n), .database(let n): n
        }
    }
}

/// One executable unit: a step applied to one target.
public struct GraphNode: Hashable, Sendable {
    /// Index of the step in the plan.
    public var step: Int
    public var target: NodeTarget

    /// Stable key used by state files and scripts: `step-id` or `step-id@TARGET`.
    public func key(in graph: StepGraph) -> String {
        let id = graph.steps[step].id.value
        guard let name = target.name else { return id }
        return id + "@" + name
    }
}

/// The compiled step graph: steps, their explicit and default `after` edges, fan-out nodes, and a
/// topological order. "A before B" means A is an ancestor of B, which holds in every order an executor
/// may choose; steps on parallel branches are unordered.
public struct StepGraph: Sendable {
    public let plan: Plan
    public var steps: [Step] { plan.steps }
    /// Direct predecessors of each step (indices into `steps`).
    public let predecessors: [[Int]]
    /// Direct successors of each step.
    public let successors: [[Int]]
    /// Steps in a topological order that keeps the plan's listing order where the edges allow.
    public let order: [Int]
    /// The targets each step fans out over (a single `.none` for steps that act once).
    public let targets: [[NodeTarget]]
    /// Each step's position in `order`.
    public let rank: [Int]
    /// Each step's action kind, read without copying the step (rules ask it of thousands of steps).
    public let kinds: [ActionKind]
    private let reachability: Reachability
    private let stepsByKind: [ActionKind: [Int]]
    private let indexByID: [String: Int]

    /// `indexByID` maps each step id to its index (the compiler has built it already).
    init(plan: Plan, predecessors: [[Int]], order: [Int], targets: [[NodeTarget]], indexByID: [String: Int]) {
        self.plan = plan
        self.predecessors = predecessors
        var successors = [[Int]](repeating: [], count: predecessors.count)
        for (step, preds) in predecessors.enumerated() {
            for p in preds { successors[p].append(step) }
        }
        self.successors = successors
        self.order = order
        var rank = [Int](repeating: 0, count: order.count)
        for (i, step) in order.enumerated() { rank[step] = i }
        self.rank = rank
        self.targets = targets
        self.reachability = Reachability(predecessors: predecessors, order: order)
        let kinds = plan.steps.map(\.kind)
        self.kinds = kinds
        var byKind: [ActionKind: [Int]] = [:]
        for step in order { byKind[kinds[step], default: []].append(step) }
        self.stepsByKind = byKind
        self.indexByID = indexByID
    }

    public func index(of id: String) -> Int? { indexByID[id] }

    /// Whether step `a` is a strict ancestor of step `b`: it finishes before `b` starts in every order.
    public func precedes(_ a: Int, _ b: Int) -> Bool {
        a != b && reachability.reaches(a, b)
    }

    /// Whether `a` and `b` are the same step or ordered one way or the other.
    public func areOrdered(_ a: Int, _ b: Int) -> Bool { a == b || precedes(a, b) || precedes(b, a) }

    /// Every node of the graph, step by step in topological order.
    public var nodes: [GraphNode] {
        order.flatMap { step in targets[step].map { GraphNode(step: step, target: $0) } }
    }

    public var nodeCount: Int { targets.reduce(0) { $0 + $1.count } }

    /// Whether the step touches `target` (a fan-out step over a subset touches only that subset).
    public func touches(_ step: Int, _ target: NodeTarget) -> Bool { targets[step].contains(target) }

    /// The steps of a given kind, in topological order.
    public func steps(_ kind: ActionKind) -> [Int] { stepsByKind[kind] ?? [] }

    /// The steps of any of the given kinds, in topological order.
    public func steps(ofKinds kinds: Set<ActionKind>) -> [Int] {
        if kinds.count == 1, let kind = kinds.first { return steps(kind) }
        return kinds.flatMap { steps($0) }.sorted { rank[$0] < rank[$1] }
    }

    /// The ancestors of `step` (all steps before it), in topological order: the shortest prefix of any
    /// execution that reaches it.
    public func ancestors(of targetSteps: [Int]) -> [Int] {
        let marked = ancestorMarks(of: targetSteps)
        return order.filter { marked[$0] }
    }

    /// Per step: whether it is an ancestor of one of `targetSteps`.
    public func ancestorMarks(of targetSteps: [Int]) -> [Bool] {
        var marked = [Bool](repeating: false, count: steps.count)
        var stack = targetSteps
        while let s = stack.popLast() {
            for p in predecessors[s] where !marked[p] {
                marked[p] = true
                stack.append(p)
            }
        }
        return marked
    }
}
