/// A reachable moment the no-loss check objects to, as the segments that make it up.
struct Witness {
    enum Kind {
        /// Mail accepted now loses reports of `flow`.
        case loss
        /// `delete` removes the POP3 connector while reports that arrived after `drain` (nil: no effective
        /// drain at all) may still wait in the journal mailbox.
        case stranded(delete: Int, drain: Int?)
        /// Reports go to both targets at once.
        case duplicate(contactFlow: NodeTarget)
        /// The plan ends with reports that arrived after `drain` still in the journal mailbox.
        case undrained(drain: Int?)
    }

    var kind: Kind
    var segments: [Segment]
    /// The object of each segment's group.
    var objects: [MailFlowObject?] = []
    /// The flow concerned (for losses: the losing one; for duplicates: the one journaling to the mailbox).
    var flow: NodeTarget?
    /// The accepting server (nil on Exchange Online or when no mail flow is involved).
    var server: String?
}

/// The exact check behind JP401–JP403, over every order the graph allows (given JP213).
///
/// Each losing condition is a conjunction of object segments ("rule R disabled", "some server running"),
/// and ``IdealSearch`` decides whether some reachable moment satisfies it. Objects sharing a timeline are
/// judged once, so the cost grows with steps × timelines, not with servers × rules.
struct NoLossAnalysis: Sendable {
    let graph: StepGraph
    let objects: ObjectSegments
    let twins: TwinSteps

    init(graph: StepGraph, timelines: [MailFlowTimeline]? = nil, twins: TwinSteps? = nil) {
        self.graph = graph
        self.objects = ObjectSegments(graph: graph, timelines: timelines ?? graph.objectTimelines())
        self.twins = twins ?? TwinSteps(graph)
    }

    var initial: MailFlowState { objects.initial }

    /// Segments in which some server accepts mail (Exchange Online: always).
    var running: [Segment] {
        if initial.isOnline { return [Segment(after: nil, before: nil, group: -1)] }
        return objects.serverSegments(running: true)
    }

    func flows(_ predicate: (JournalerState) -> Bool) -> [Segment] {
        objects.flowSegments(where: predicate)
    }

    /// Ways the contact route can fail, each as the segments of the object that makes it fail.
    var contactRouteFailures: [[Segment]] {
        var slots = [
            objects.segments(of: .contact) { !$0.contactExists },
            objects.segments(of: .journalDomain) { !$0.domainAccepted },
        ]
        if let id = initial.smtpConnectorID {
            slots.append(objects.segments(of: .connector(id)) { $0.connectors[id]?.isWorking == false })
        }
        if initial.sendConnectorRequired {
            slots.append(objects.segments(of: .sendConnector) { !$0.sendConnectorPresent })
        }
        return slots
    }

    /// Every losing condition that some order reaches, one witness per condition.
    func losses() -> [Witness] {
        let search = IdealSearch(graph: graph, twins: twins)
        let running = self.running
        var slotsList: [[[Segment]]] = [[running, flows { !$0.enabled }]]
        let toContact = flows { $0.enabled && $0.target == .contact }
        for failure in contactRouteFailures { slotsList.append([running, toContact, failure]) }
        let toMailbox = flows { $0.enabled && $0.target == .mailbox }
        if let id = initial.pop3ConnectorID {
            slotsList.append([running, toMailbox, objects.segments(of: .connector(id)) { $0.connectors[id]?.presence == .deleted }])
        }
        var found: [Witness] = []
        for slots in slotsList {
            guard let solution = search.solve(slots) else { continue }
            found.append(witness(.loss, solution))
        }
        found += strandings(running: running, toMailbox: toMailbox)
        return found
    }

    /// The POP3 connector deleted while reports may wait: no effective drain before the deletion, or mail
    /// journaled to the mailbox after the last one.
    private func strandings(running: [Segment], toMailbox: [Segment]) -> [Witness] {
        guard let id = initial.pop3ConnectorID, let pop3 = objects.groupOf[.connector(id)] else { return [] }
        let group = objects.groups[pop3]
        var lastDrain: Int?
        for (i, step) in group.steps.enumerated() {
            let before = group.segments[i].state?.connectors[id]
            switch graph.steps[step].action {
            case .waitConnectorDrained:
                if before?.isWorking == true { lastDrain = step }
            case .deleteConnector:
                guard before?.presence == .present else { continue }
                guard let drain = lastDrain else {
                    return [Witness(kind: .stranded(delete: step, drain: nil), segments: [])]
                }
                let waiting = Segment(after: drain, before: step, group: pop3)
                guard let solution = IdealSearch(graph: graph, twins: twins).solve([running, toMailbox, [waiting]])
                else { return [] }
                return [witness(.stranded(delete: step, drain: drain), solution)]
            default: continue
            }
        }
        return []
    }

    /// A moment where reports go to both targets at once (windows inside one fan-out step excepted).
    func duplicate() -> Witness? {
        guard initial.journaling == .premium else { return nil }
        var slots = [running, flows { $0.enabled && $0.target == .mailbox }, flows { $0.enabled && $0.target == .contact }]
        if let id = initial.pop3ConnectorID {
            slots.append(objects.segments(of: .connector(id)) { $0.connectors[id]?.presence != .deleted })
        }
        slots.append(objects.segments(of: .contact) { $0.contactExists })
        slots.append(objects.segments(of: .journalDomain) { $0.domainAccepted })
        if let id = initial.smtpConnectorID {
            slots.append(objects.segments(of: .connector(id)) { $0.connectors[id]?.isWorking == true })
        }
        if initial.sendConnectorRequired {
            slots.append(objects.segments(of: .sendConnector) { $0.sendConnectorPresent })
        }
        let search = IdealSearch(graph: graph, ignoreWindowsInsideOneStep: true)
        guard let solution = search.solve(slots), case .flow(let contactFlow) = objects.object(of: solution[2]) else {
            return nil
        }
        return witness(.duplicate(contactFlow: contactFlow), solution)
    }

    /// A plan that keeps the POP3 connector but can end with reports waiting in the journal mailbox.
    func undrained() -> Witness? {
        guard let id = initial.pop3ConnectorID else { return nil }
        guard let pop3 = objects.groupOf[.connector(id)] else {
            return Witness(kind: .undrained(drain: nil), segments: [])
        }
        let group = objects.groups[pop3]
        if group.segments.last?.state?.connectors[id]?.presence == .deleted { return nil }
        var lastDrain: Int?
        for (i, step) in group.steps.enumerated() where graph.kinds[step] == .waitConnectorDrained {
            if group.segments[i].state?.connectors[id]?.isWorking == true { lastDrain = step }
        }
        guard let drain = lastDrain else { return Witness(kind: .undrained(drain: nil), segments: []) }
        let waiting = Segment(after: drain, before: nil, group: pop3)
        let toMailbox = flows { $0.enabled && $0.target == .mailbox }
        guard let solution = IdealSearch(graph: graph, twins: twins).solve([running, toMailbox, [waiting]])
        else { return nil }
        return witness(.undrained(drain: drain), solution)
    }

    private func witness(_ kind: Witness.Kind, _ solution: [Segment]) -> Witness {
        let objects = solution.map(self.objects.object(of:))
        var server: String?
        if case .server(let name) = objects[0] { server = name }
        var flow: NodeTarget?
        if objects.count > 1, case .flow(let target) = objects[1] { flow = target }
        return Witness(kind: kind, segments: solution, objects: objects, flow: flow, server: server)
    }
}
