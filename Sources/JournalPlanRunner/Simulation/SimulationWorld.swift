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
        /// The simulated timeline (``LatencyModel``): when each node began and finished.
        var timeline = Timeline()
        /// Managed Availability has started a stopped transport service (``EstateFault/transportRestarted``).
        var restarted: Bool? = nil
    }

    /// When each node's operations ran in simulated time. A node begins once the nodes of every step
    /// before it have finished and a lane is free (lanes: `--parallel`, or more for the outage steps,
    /// as the executor runs them); each operation then takes its latency. Concurrent nodes overlap, so a
    /// step's nodes take as long as the slowest, not the sum.
    struct Timeline: Codable, Sendable {
        var begun: [String: Int] = [:]
        /// The simulated time the node's latest operation ended.
        var finished: [String: Int] = [:]
        /// When the node's apply (for a stop: the first stop request) began.
        var applied: [String: Int] = [:]
        /// The node whose finish made this one wait (for the critical path).
        var after: [String: String] = [:]
        /// When the undo of a node (a compensation) finished.
        var undone: [String: Int] = [:]
        /// Lane free times, general and outage.
        var lanes: [Int] = []
        var outageLanes: [Int] = []
        var laneOf: [String: Int] = [:]
        /// When journaling last read back as restored (a compensation's restart begins then).
        var readBack: Int?
        /// When the first node began (nodes without predecessors begin then).
        var start: Int?
    }

    private let graph: StepGraph
    private var snapshot: Snapshot
    public private(set) var estate: SimulatedEstate
    private let path: String?
    private let failSteps: Set<String>
    private let totalTicks: Int
    private let latency: LatencyModel
    private let parallel: Int
    private let outageParallel: Int
    private let nodesByKey: [String: GraphNode]
    private let stepKeys: [[String]]

    /// A fresh estate for `graph`'s plan, or the one saved at `path` when it exists (a resume).
    /// `traffic` messages are spread over `graph.nodeCount + 1` ticks; `failSteps` are step ids or node
    /// keys whose apply fails.
    /// `latency` says how long each operation takes in simulated time; `parallel` and `outageParallel`
    /// are the executor's limits (general, and for the stop and start steps).
    public init(
        graph: StepGraph, path: String?, traffic: Int, failSteps: Set<String>, startTime: Int,
        latency: LatencyModel = LatencyModel(), parallel: Int = 4, outageParallel: Int = RunOptions.defaultMaxParallel,
        faults: Set<EstateFault> = []
    ) throws {
        self.graph = graph
        self.path = path
        self.failSteps = failSteps
        self.totalTicks = graph.nodeCount + 1
        self.latency = latency
        self.parallel = max(1, parallel)
        self.outageParallel = max(1, parallel, outageParallel)
        var stepKeys = [[String]](repeating: [], count: graph.steps.count)
        var byKey: [String: GraphNode] = [:]
        for node in graph.nodes {
            let key = node.key(in: graph)
            stepKeys[node.step].append(key)
            if byKey[key] == nil { byKey[key] = node }
        }
        self.stepKeys = stepKeys
        self.nodesByKey = byKey
        var estate = SimulatedEstate(plan: graph.plan, faults: faults)
        if let path, let bytes = AtomicFile.read(path) {
            do {
                snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(bytes))
            } catch {
                throw AdapterError("\(path): not a simulation file (\(error))")
            }
            for change in snapshot.changes {
                guard let node = byKey[change.node] else { continue }
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
        spend(node, latency.latency("check", target: node.target.name) ?? 0)
        if estate != before { try save() }
        return done.map { $0 ? .done : .notDone } ?? .unknown
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) throws -> [String: String] {
        let key = node.key(in: graph)
        if failSteps.contains(key) || failSteps.contains(graph.steps[node.step].id.value) {
            throw AdapterError("\(key): injected fault (--fail-step)")
        }
        let kind = graph.steps[node.step].kind
        let cursor = spend(node, 0)
        if snapshot.timeline.applied[key] == nil { snapshot.timeline.applied[key] = cursor }
        let took = latency.latency(kind.rawValue, target: node.target.name)
        if kind == .stopTransport || kind == .startTransport {
            // The service is asked, then waited for with the script's timeout (Set-JpServiceState).
            let timeout = TransportServices.controlTimeoutSeconds
            guard let took, took <= timeout else {
                spend(node, timeout)
                try save()
                let state = kind == .stopTransport ? "Stopped" : "Running"
                throw AdapterError(
                    "\(key): the transport services were not \(state) within \(timeout) s (simulated latency "
                        + (took.map { "\($0) s" } ?? "never") + ")")
            }
            spend(node, took)
        } else {
            spend(node, took ?? 0)
        }
        if estate.faults.contains(.transportRestarted), snapshot.restarted != true,
            Self.requiresTransportStopped(node, in: graph), let server = estate.flow.servers.first
        {
            estate.flow.transportRunning[server] = true  // Managed Availability started it again
            snapshot.restarted = true
            try save()
        }
        // The node's own re-check (``ProgramAction/require(_:failure:)``): transport is still stopped on
        // every server, or the change is not made.
        if let failure = Self.transportRequirement(node, in: graph), estate.flow.transportRunning.values.contains(true) {
            throw AdapterError(failure)
        }
        let record = SimulatedActions.apply(node, in: graph, estate: &estate)
        snapshot.changes.append(Change(node: key, undo: false, record: nil))
        snapshot.applies[key, default: 0] += 1
        try save()
        return record
    }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) throws {
        let key = node.key(in: graph)
        let kind = graph.steps[node.step].kind
        // Undoing a stop is a start (the compensation's restart, which begins once journaling read back
        // as restored, every server at once); undoing a start is a stop.
        let undoKind: ActionKind = kind == .stopTransport ? .startTransport : kind == .startTransport ? .stopTransport : kind
        let begin = kind == .stopTransport ? (snapshot.timeline.readBack ?? snapshot.clock) : snapshot.clock
        let took = latency.latency(undoKind.rawValue, target: node.target.name)
        let end = begin + min(took ?? TransportServices.controlTimeoutSeconds, TransportServices.controlTimeoutSeconds)
        snapshot.timeline.undone[key] = end
        snapshot.clock = max(snapshot.clock, end)
        if (kind == .stopTransport || kind == .startTransport), took.map({ $0 > TransportServices.controlTimeoutSeconds }) ?? true {
            try save()
            throw AdapterError("\(key): the undo did not complete within \(TransportServices.controlTimeoutSeconds) s (simulated)")
        }
        SimulatedActions.undo(node, in: graph, record: record, flow: &estate.flow)
        snapshot.changes.append(Change(node: node.key(in: graph), undo: true, record: record))
        try save()
    }

    /// Every journal rule (or database) journals to the journal mailbox, and every rule is enabled.
    public func journalingRestored() -> Bool {
        snapshot.clock += latency.latency("check", target: nil) ?? 0
        snapshot.timeline.readBack = snapshot.clock
        return estate.flow.flows.allSatisfy { estate.flow.journalers[$0] == JournalerState(enabled: true, target: .mailbox) }
    }

    /// The outage so far: from the first stop request to the last server started (by a start node or
    /// a compensation's restart); nil when the plan stops no transport or none was stopped yet.
    public func outage() -> OutageSummary? {
        let t = snapshot.timeline
        var first: (time: Int, key: String)?
        var last: (time: Int, key: String)?
        for node in graph.nodes {
            let key = node.key(in: graph)
            switch graph.steps[node.step].kind {
            case .stopTransport:
                if let at = t.applied[key], first == nil || at < first!.time { first = (at, key) }
                if let end = t.undone[key], last == nil || end > last!.time { last = (end, key) }
            case .startTransport:
                if t.applied[key] != nil, let end = t.finished[key], last == nil || end > last!.time { last = (end, key) }
            default:
                break
            }
        }
        guard let first else { return nil }
        let running = !estate.flow.servers.isEmpty && estate.flow.servers.allSatisfy { estate.flow.transportRunning[$0] == true }
        let end = running ? (last?.time ?? snapshot.clock) : snapshot.clock
        // The chain of nodes that decided the end, back to the first stop.
        var path: [String] = []
        var cursor = running ? last?.key : nil
        var seen = Set<String>()
        while let key = cursor, seen.insert(key).inserted {
            path.append(key)
            if graph.steps[nodesByKey[key]!.step].kind == .stopTransport { break }
            cursor = t.after[key]
        }
        return OutageSummary(
            seconds: max(0, end - first.time), deferred: estate.counters.heldBack, criticalPath: path.reversed(),
            ended: running)
    }

    /// Spends `seconds` of simulated time on `node`'s operations: on its first operation the node
    /// begins when the nodes of every step before it have finished and a lane is free. Returns the
    /// node's time before spending. Waits (confirm, drain) also move with the shared clock, which their
    /// polling advances.
    @discardableResult
    private func spend(_ node: GraphNode, _ seconds: Int) -> Int {
        let key = node.key(in: graph)
        let kind = graph.steps[node.step].kind
        let outage = kind == .stopTransport || kind == .startTransport
        var t = snapshot.timeline
        var cursor: Int
        if let finished = t.finished[key] {
            cursor = finished
        } else {
            // Ready: every node of every step before this one has finished.
            if t.start == nil { t.start = snapshot.clock }
            var ready = t.start ?? snapshot.clock
            var after: String?
            for step in graph.predecessors[node.step] {
                for other in stepKeys[step] {
                    let end = t.undone[other] ?? t.finished[other] ?? snapshot.clock
                    if end > ready || after == nil && end == ready {
                        ready = end
                        after = other
                    }
                }
            }
            // A free lane: the executor runs at most so many at once.
            let size = outage ? outageParallel : parallel
            var lanes = outage ? t.outageLanes : t.lanes
            if lanes.count < size { lanes.append(Int.min) }
            let lane = lanes.indices.min { lanes[$0] < lanes[$1] }!
            cursor = max(ready, lanes[lane])
            if lanes[lane] > ready, let holder = t.laneOf.first(where: { $0.value == lane && t.finished[$0.key] == lanes[lane] })?.key {
                after = holder
            }
            if outage { t.outageLanes = lanes } else { t.lanes = lanes }
            t.laneOf[key] = lane
            t.begun[key] = cursor
            if let after { t.after[key] = after }
        }
        if Executor.isWait(kind) { cursor = max(cursor, snapshot.clock) }
        let before = cursor
        cursor += seconds
        t.finished[key] = cursor
        if let lane = t.laneOf[key] {
            if outage { t.outageLanes[lane] = max(t.outageLanes[lane], cursor) } else { t.lanes[lane] = max(t.lanes[lane], cursor) }
        }
        snapshot.timeline = t
        snapshot.clock = max(snapshot.clock, cursor)
        return before
    }

    /// The failure text of the node's re-check that transport is still stopped, if it has one.
    static func transportRequirement(_ node: GraphNode, in graph: StepGraph) -> String? {
        for action in ExchangeCommands.program(for: node, in: graph).apply {
            if case .require(_, let failure) = action { return failure }
        }
        return nil
    }

    static func requiresTransportStopped(_ node: GraphNode, in graph: StepGraph) -> Bool {
        transportRequirement(node, in: graph) != nil
    }

    /// The preflight of the simulated estate: each fault a check of `system` catches fails that check,
    /// with the check's own name and summary and what the same rehearsal loses without it.
    public func preflight(system: ActionSystem) -> [String] {
        let exchange = ExchangeCommands.preflight(for: graph.plan)
        return EstateFault.allCases.compactMap { fault -> String? in
            guard estate.faults.contains(fault), let check = fault.preflightCheck, check.system == system else { return nil }
            let found = exchange.first { $0.name == check.name }
            let summary = system == .exchange ? found?.summary ?? check.name : MimecastPreflight.connectorStatus.summary
            if found?.advisory == true { return PreflightWarning.prefix + "\(check.name): \(summary)" }
            let loss = Self.rehearsalLoss(graph: graph, fault: fault, traffic: max(snapshot.traffic, 1000))
            return "\(check.name): \(summary) (without this check the rehearsal loses \(loss.lost) of \(loss.sent) journal reports)"
        }
    }

    /// The same cut-over rehearsed on a fresh estate with `fault` and no preflight: every node applied in
    /// the graph's order, `traffic` messages spread over it, the POP3 connector pulling while it can.
    /// What it loses is what the check that catches the fault prevents.
    public static func rehearsalLoss(graph: StepGraph, fault: EstateFault?, traffic: Int) -> (lost: Int, sent: Int) {
        var estate = SimulatedEstate(plan: graph.plan, faults: fault.map { [$0] } ?? [])
        let nodes = graph.nodes
        let ticks = nodes.count + 1
        func share(_ tick: Int) -> Int { traffic * (tick + 1) / ticks - traffic * tick / ticks }
        var restarted = false
        estate.sendTraffic(share(0))
        for (index, node) in nodes.enumerated() {
            if fault == .transportRestarted, !restarted, requiresTransportStopped(node, in: graph),
                let server = estate.flow.servers.first
            {
                estate.flow.transportRunning[server] = true
                restarted = true
                estate.sendTraffic(0)  // the restarted server accepts mail before the change is made
            }
            _ = SimulatedActions.apply(node, in: graph, estate: &estate)
            if fault == .transportRestarted, restarted, let server = estate.flow.servers.first,
                graph.steps[node.step].kind == .stopTransport || graph.steps[node.step].kind == .startTransport
            {
                estate.flow.transportRunning[server] = true  // nobody stopped it again
            }
            estate.sendTraffic(share(index + 1))
        }
        estate.sendTraffic(0)
        let stranded = estate.pop3Deleted ? estate.mailboxQueue : 0
        return (estate.counters.lost + stranded, estate.counters.sent)
    }

    private func save() throws {
        guard let path else { return }
        snapshot.mailboxQueue = estate.mailboxQueue
        snapshot.counters = estate.counters
        try AtomicFile.write(StateStore.encode(snapshot), to: path)
    }
}
