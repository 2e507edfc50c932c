import JournalPlanCore

/// What each catalogue action does to a ``SimulatedEstate``: its check, apply and undo.
enum SimulatedActions {
    /// Whether the node's effect is in place; nil when no check exists (manual steps).
    static func isDone(_ node: GraphNode, in graph: StepGraph, estate: inout SimulatedEstate) -> Bool? {
        let target = node.target.name ?? ""
        switch graph.steps[node.step].action {
        case .createContact: return estate.contactExists
        case .setNDRMailbox: return estate.ndrMailboxSet
        case .createSendConnector: return estate.sendConnectorExists
        case .stopTransport: return estate.servers[target] == false
        case .startTransport: return estate.servers[target] == true
        case .disableJournalRule: return estate.journaler(target)?.enabled == false
        case .enableJournalRule: return estate.journaler(target)?.enabled == true
        case .setJournalRecipient(let to, _, _): return estate.journaler(target)?.target == to.value.rawValue
        case .confirmJournaling:
            return estate.transportRunning && estate.contactAccepts
                && estate.journalers.contains { $0.enabled && $0.target == JournalTarget.contact.rawValue }
        case .requestJournalDomain: return estate.domainAccepted
        case .createConnector(let c): return estate.connector(c.value)?.present == true
        case .disableConnector(let c): return estate.connector(c.value).map { !$0.present || !$0.enabled } ?? true
        case .waitConnectorDrained:
            estate.pull()  // time passes between polls: Mimecast keeps pulling
            return estate.mailboxQueue == 0
        case .deleteConnector(let c): return estate.connector(c.value)?.present != true
        case .manual: return nil
        }
    }

    /// Applies the node; returns what its undo needs.
    static func apply(_ node: GraphNode, in graph: StepGraph, estate: inout SimulatedEstate) -> [String: String] {
        let target = node.target.name ?? ""
        switch graph.steps[node.step].action {
        case .createContact: estate.contactExists = true
        case .setNDRMailbox: estate.ndrMailboxSet = true
        case .createSendConnector: estate.sendConnectorExists = true
        case .stopTransport: estate.servers[target] = false
        case .startTransport: estate.servers[target] = true
        case .disableJournalRule: estate.setJournaler(target) { $0.enabled = false }
        case .enableJournalRule: estate.setJournaler(target) { $0.enabled = true }
        case .setJournalRecipient(let to, _, _):
            let previous = estate.journaler(target)?.target ?? JournalTarget.mailbox.rawValue
            estate.setJournaler(target) { $0.target = to.value.rawValue }
            return ["previousTarget": previous]
        case .confirmJournaling, .manual: break
        case .requestJournalDomain: estate.domainAccepted = true
        case .createConnector(let c): estate.setConnector(c.value) { $0.present = true; $0.enabled = true }
        case .disableConnector(let c): estate.setConnector(c.value) { $0.enabled = false }
        case .waitConnectorDrained: estate.pull()
        case .deleteConnector(let c):
            if estate.connector(c.value)?.transport == ConnectorTransport.pop3.rawValue {
                estate.counters.lost += estate.mailboxQueue  // reports still waiting are never pulled
                estate.mailboxQueue = 0
            }
            estate.setConnector(c.value) { $0.present = false; $0.enabled = false }
        }
        return [:]
    }

    /// Reverses the node (compensation). Only reversible actions change anything.
    static func undo(
        _ node: GraphNode, in graph: StepGraph, record: [String: String], estate: inout SimulatedEstate
    ) {
        let target = node.target.name ?? ""
        switch graph.steps[node.step].action {
        case .createContact: estate.contactExists = false
        case .createSendConnector: estate.sendConnectorExists = false
        case .stopTransport: estate.servers[target] = true
        case .startTransport: estate.servers[target] = false
        case .disableJournalRule: estate.setJournaler(target) { $0.enabled = true }
        case .enableJournalRule: estate.setJournaler(target) { $0.enabled = false }
        case .setJournalRecipient(let to, _, _):
            let fallback: JournalTarget = to.value == .contact ? .mailbox : .contact
            let previous = record["previousTarget"] ?? fallback.rawValue
            estate.setJournaler(target) { $0.target = previous }
        case .createConnector(let c): estate.setConnector(c.value) { $0.present = false; $0.enabled = false }
        case .disableConnector(let c): estate.setConnector(c.value) { $0.enabled = true }
        case .setNDRMailbox, .confirmJournaling, .requestJournalDomain, .waitConnectorDrained, .deleteConnector,
            .manual:
            break
        }
    }
}
