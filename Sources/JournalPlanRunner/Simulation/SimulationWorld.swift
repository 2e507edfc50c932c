import Foundation
import JournalPlanCore

/// The simulated systems of one run: a ``SimulatedEstate`` on a simulated clock. It is saved beside the
/// state after every change (as the list of changes, replayed on the core's mail-flow model when read
/// back) so a simulated run can be killed and resumed like a real one.
public actor SimulationWorld {
    /// One change to the estate: a node applied, or undone by a compensation.
    struct Change: Codable, Sendable {
        var node: String
        var undo: Bool
        var record: [String: String]?
    }

    /// What the simulation file holds.
    struct Snapshot: Codable, Sendable {
        var changes: [Change] = []
        var mailboxQueue = 0
        var counters = TrafficCounters()
        /// Simulated time, seconds since 1970 (starts at the window's start).
        var clock: Int
        /// How many times each node was applied (exactly once in a correct run).
        var applies: [String: Int] = [:]
        var traffic: Int
    }

    private let graph: StepGraph
    private var snapshot: Snapshot
    public private(set) var estate: SimulatedEstate
    private let path: String?
    private let failSteps: Set<String>
    private let totalTicks: Int

    /// A fresh estate for `graph`'s plan, or the one saved at `path` when it exists (a resume).
    /// `traffic` messages are spread over `graph.nodeCount + 1` ticks; `failSteps` are step ids or node
    /// keys whose apply fails.
    public init(graph: StepGraph, path: String?, traffic: Int, failSteps: Set<String>, startTime: Int) throws {
        self.graph = graph
        self.path = path
        self.failSteps = failSteps
        self.totalTicks = graph.nodeCount + 1
        var estate = SimulatedEstate(plan: graph.plan)
        if let path, let bytes = AtomicFile.read(path) {
            do {
                snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(bytes))
            } catch {
                throw AdapterError("\(path): not a simulation file (\(error))")
            }
            let nodes = Dictionary(graph.nodes.map { ($0.key(in: graph), $0) }, uniquingKeysWith: { a, _ in a })
            for change in snapshot.changes {
                guard let node = nodes[change.node] else { continue }
                if change.undo {
                    SimulatedActions.undo(node, in: graph, record: change.record ?? [:], flow: &estate.flow)
                } else {
                    estate.flow.apply(node, in: graph)
                }
            }
            estate.mailboxQueue = snapshot.mailboxQueue
            estate.counters = snapshot.counters
        } else {
            snapshot = Snapshot(clock: startTime, traffic: traffic)
        }
        self.estate = estate
    }

    public var applies: [String: Int] { snapshot.applies }
    public var now: Int { snapshot.clock }

    public func advance(seconds: Int) throws {
        snapshot.clock += max(0, seconds)
        try save()
    }

    /// Sends the traffic of every tick up to `finishedNodes` (one tick before the first node and one
    /// after each finished node), catching up after a crash.
    public func sendTraffic(upTo finishedNodes: Int) throws {
        let through = min(finishedNodes, totalTicks - 1)
        var changed = false
        while estate.counters.ticks <= through {
            let tick = estate.counters.ticks
            let share = snapshot.traffic * (tick + 1) / totalTicks - snapshot.traffic * tick / totalTicks
            estate.sendTraffic(share)
            estate.counters.ticks += 1
            changed = true
        }
        if changed { try save() }
    }

    /// Sends whatever traffic remains and lets the POP3 connector pull: the end of a finished or failed run.
    public func finish() throws {
        try sendTraffic(upTo: totalTicks - 1)
        estate.sendTraffic(0)
        try save()
    }

    public func check(_ node: GraphNode, in graph: StepGraph) throws -> CheckOutcome {
        let before = estate
        let done = SimulatedActions.isDone(node, in: graph, estate: &estate)
        if estate != before { try save() }
        return done.map { $0 ? .done : .notDone } ?? .unknown
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) throws -> [String: String] {
        let key = node.key(in: graph)
        if failSteps.contains(key) || failSteps.contains(graph.steps[node.step].id.value) {
            throw AdapterError("\(key): injected fault (--fail-step)")
        }
        let record = SimulatedActions.apply(node, in: graph, estate: &estate)
        snapshot.changes.append(Change(node: key, undo: false, record: nil))
        snapshot.applies[key, default: 0] += 1
        try save()
        return record
    }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) throws {
        SimulatedActions.undo(node, in: graph, record: record, flow: &estate.flow)
        snapshot.changes.append(Change(node: node.key(in: graph), undo: true, record: record))
        try save()
    }

    /// Every journal rule (or database) journals to the journal mailbox, and every rule is enabled.
    public func journalingRestored() -> Bool {
        estate.flow.flows.allSatisfy { estate.flow.journalers[$0] == JournalerState(enabled: true, target: .mailbox) }
    }

    private func save() throws {
        guard let path else { return }
        snapshot.mailboxQueue = estate.mailboxQueue
        snapshot.counters = estate.counters
        try AtomicFile.write(StateStore.encode(snapshot), to: path)
    }
}
