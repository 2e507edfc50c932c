import JournalPlanCore

/// The simulator's check, apply and undo for each catalogue action. Apply is the core's mail-flow
/// transition plus what the simulation counts (pulling the mailbox, reports stranded by a deletion).
enum SimulatedActions {
    /// Whether the node's effect is in place; nil when no check exists (manual steps).
    static func isDone(_ node: GraphNode, in graph: StepGraph, estate: inout SimulatedEstate) -> Bool? {
        let flow = estate.flow
        let target = node.target
        switch graph.steps[node.step].action {
        case .createContact: return flow.contactExists
        case .setNDRMailbox: return flow.ndrMailboxSet
        case .createSendConnector: return flow.sendConnectorPresent
        case .stopTransport: return flow.transportRunning[target.name ?? ""] == false
        case .startTransport: return flow.transportRunning[target.name ?? ""] == true
        case .disableJournalRule: return flow.journalers[target]?.enabled == false
        case .enableJournalRule: return flow.journalers[target]?.enabled == true
        case .setJournalRecipient(let to, _, _): return flow.journalers[target]?.target == to.value
        case .confirmJournaling:
            return flow.mailFlows && estate.contactAccepts
                && flow.journalers.values.contains { $0.enabled && $0.target == .contact }
        case .requestJournalDomain: return flow.domainAccepted
        case .createConnector(let c): return flow.connectors[c.value]?.presence == .present
        case .disableConnector(let c): return flow.connectors[c.value].map { !$0.isWorking } ?? true
        case .waitConnectorDrained(let c, _, _):
            guard c.value == flow.pop3ConnectorID else { return true }
            estate.pull()  // time passes between polls: Mimecast keeps pulling
            return estate.mailboxQueue == 0
        case .deleteConnector(let c): return flow.connectors[c.value]?.presence != .present
        case .manual: return nil
        }
    }

    /// Applies the node; returns what its undo needs.
    static func apply(_ node: GraphNode, in graph: StepGraph, estate: inout SimulatedEstate) -> [String: String] {
        var record: [String: String] = [:]
        switch graph.steps[node.step].action {
        case .setJournalRecipient:
            if let previous = estate.flow.journalers[node.target]?.target { record["previousTarget"] = previous.rawValue }
        case .waitConnectorDrained:
            estate.pull()
        case .deleteConnector(let c) where c.value == estate.flow.pop3ConnectorID:
            estate.counters.lost += estate.mailboxQueue  // reports still waiting are never pulled
            estate.mailboxQueue = 0
        default:
            break
        }
        estate.flow.apply(node, in: graph)
        return record
    }

    /// Reverses the node (a compensation); actions without an undo change nothing.
    static func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String], flow: inout MailFlowState) {
        let target = node.target
        switch graph.steps[node.step].action {
        case .stopTransport, .startTransport:
            guard let server = target.name, flow.transportRunning[server] != nil else { return }
            flow.transportRunning[server] = graph.steps[node.step].kind == .stopTransport
        case .disableJournalRule: flow.journalers[target]?.enabled = true
        case .enableJournalRule: flow.journalers[target]?.enabled = false
        case .setJournalRecipient(let to, _, _):
            let fallback: JournalTarget = to.value == .contact ? .mailbox : .contact
            flow.journalers[target]?.target = record["previousTarget"].flatMap(JournalTarget.init) ?? fallback
        case .createContact: flow.contactExists = false
        case .createSendConnector: flow.sendConnectorPresent = false
        case .createConnector(let c): flow.connectors[c.value] = ConnectorState(presence: .absent, enabled: false)
        case .disableConnector(let c): flow.connectors[c.value]?.enabled = true
        case .setNDRMailbox, .confirmJournaling, .requestJournalDomain, .waitConnectorDrained, .deleteConnector,
            .manual:
            break
        }
    }
}
