/// Every object's segments (its state between consecutive steps of its timeline), computed by replaying
/// the object's own steps through ``MailFlowState``, so the check uses exactly the model's transitions.
struct ObjectSegments: Sendable {
    /// Per group: each segment with the state the object is in during it.
    struct Group {
        var objects: [MailFlowObject]
        var steps: [Int]
        var segments: [Entry]
    }

    /// One segment of a group and the object's state during it. Servers and flows (thousands of them)
    /// keep only their own state; the few other objects keep the whole projected model state, which
    /// their predicates read.
    struct Entry {
        var segment: Segment
        var state: MailFlowState?
        var running = false
        var journaler: JournalerState?

        init(_ segment: Segment, _ state: MailFlowState, of object: MailFlowObject) {
            self.segment = segment
            switch object {
            case .server(let name): running = state.transportRunning[name] == true
            case .flow(let target): journaler = state.journalers[target]
            default: self.state = state
            }
        }
    }

    let initial: MailFlowState
    private(set) var groups: [Group] = []
    private(set) var serverGroups: [Int] = []
    private(set) var flowGroups: [Int] = []
    private(set) var groupOf: [MailFlowObject: Int] = [:]

    init(graph: StepGraph, timelines: [MailFlowTimeline]) {
        initial = MailFlowState.initial(for: graph.plan)
        var timelines = timelines
        // Objects no step changes still have a state: one segment, from the start to the end.
        let touched = Set(timelines.flatMap(\.objects))
        let idleServers = initial.servers.map(MailFlowObject.server).filter { !touched.contains($0) }
        let idleFlows = initial.flows.map(MailFlowObject.flow).filter { !touched.contains($0) }
        for idle in [idleServers, idleFlows] where !idle.isEmpty {
            timelines.append(MailFlowTimeline(objects: idle, steps: []))
        }
        var singles: [MailFlowObject] = [.contact, .journalDomain, .sendConnector]
        singles += graph.plan.connectors.map { .connector($0.id.value) }
        for object in singles where !touched.contains(object) {
            timelines.append(MailFlowTimeline(objects: [object], steps: []))
        }
        groups.reserveCapacity(timelines.count)
        groupOf.reserveCapacity(initial.servers.count + initial.flows.count + singles.count + 1)
        for timeline in timelines { add(timeline, graph) }
    }

    private mutating func add(_ timeline: MailFlowTimeline, _ graph: StepGraph) {
        let object = timeline.representative
        var state = initial.projected(onto: object)
        let index = groups.count
        var segments: [Entry] = []
        segments.reserveCapacity(timeline.steps.count + 1)
        segments.append(Entry(Segment(after: nil, before: timeline.steps.first, group: index), state, of: object))
        let target = object.nodeTarget
        for (i, step) in timeline.steps.enumerated() {
            state.apply(graph.steps[step].action, to: target)
            let next = i + 1 < timeline.steps.count ? timeline.steps[i + 1] : nil
            segments.append(Entry(Segment(after: step, before: next, group: index), state, of: object))
        }
        groups.append(Group(objects: timeline.objects, steps: timeline.steps, segments: segments))
        for member in timeline.objects { groupOf[member] = index }
        switch object {
        case .server: serverGroups.append(index)
        case .flow: flowGroups.append(index)
        default: break
        }
    }

    /// The object standing for the segment's group (nil for a segment of no group).
    func object(of segment: Segment) -> MailFlowObject? {
        groups.indices.contains(segment.group) ? groups[segment.group].objects[0] : nil
    }

    /// Segments of the server groups in which the server's transport is (`true`) or is not running.
    func serverSegments(running: Bool) -> [Segment] {
        serverGroups.flatMap { g in groups[g].segments.lazy.filter { $0.running == running }.map(\.segment) }
    }

    /// Segments of the flow groups whose journaling state satisfies `predicate`.
    func flowSegments(where predicate: (JournalerState) -> Bool) -> [Segment] {
        var out: [Segment] = []
        for g in flowGroups {
            for entry in groups[g].segments {
                if let journaler = entry.journaler, predicate(journaler) { out.append(entry.segment) }
            }
        }
        return out
    }

    /// Segments of one object's group whose state satisfies `predicate` (empty if the object is unknown);
    /// for the objects that keep their whole state (not servers or flows).
    func segments(of object: MailFlowObject, where predicate: (MailFlowState) -> Bool) -> [Segment] {
        guard let g = groupOf[object] else { return [] }
        return groups[g].segments.compactMap { entry in entry.state.map(predicate) == true ? entry.segment : nil }
    }
}

extension MailFlowState {
    /// A copy that tracks only `object` among servers and flows (cheap to replay one object's steps on).
    func projected(onto object: MailFlowObject) -> MailFlowState {
        var copy = self
        copy.servers = []
        copy.transportRunning = [:]
        copy.flows = []
        copy.journalers = [:]
        switch object {
        case .server(let name):
            copy.servers = [name]
            copy.transportRunning = [name: true]
        case .flow(let target):
            copy.flows = [target]
            copy.journalers = [target: .initial]
        default: break
        }
        return copy
    }
}
