/// One transition per catalogue action: what finishing a node of the step graph does to mail flow.
extension MailFlowState {
    /// Applies a finished node (a step on one target). The transitions, by action:
    /// - `create-contact`: the contact exists. `set-ndr-mailbox`: the NDR mailbox is set.
    ///   `create-send-connector`: the journal domain is routed. `request-journal-domain`: Mimecast accepts it.
    /// - `stop-transport` / `start-transport`: transport stops / runs on the node's server.
    /// - `disable-journal-rule` / `enable-journal-rule`: the node's rule is disabled / enabled.
    /// - `set-journal-recipient`: the node's rule or database journals to the contact or the mailbox.
    /// - `create-connector`: the connector exists, enabled. `disable-connector`: it is suspended.
    /// - `wait-connector-drained` on the POP3 connector: the journal mailbox is empty, provided the connector
    ///   exists and is enabled (a suspended connector pulls nothing).
    /// - `delete-connector`: gone for good; deleting the POP3 connector while reports may wait strands them.
    /// - `confirm-journaling`, `manual`: no change to mail flow.
    ///
    /// After every transition, if mail flows to a rule or database that journals to the mailbox, reports
    /// may be waiting there again.
    public mutating func apply(_ node: GraphNode, in graph: StepGraph) {
        apply(graph.steps[node.step].action, to: node.target)
    }

    /// Applies an action to one target (``NodeTarget/none`` for steps that act once).
    public mutating func apply(_ action: StepAction, to target: NodeTarget) {
        switch action {
        case .createContact: contactExists = true
        case .setNDRMailbox: ndrMailboxSet = true
        case .createSendConnector: sendConnectorPresent = true
        case .requestJournalDomain: domainAccepted = true
        case .stopTransport: setTransport(target, running: false)
        case .startTransport: setTransport(target, running: true)
        case .disableJournalRule: journalers[target]?.enabled = false
        case .enableJournalRule: journalers[target]?.enabled = true
        case .setJournalRecipient(let to, _, _): journalers[target]?.target = to.value
        case .createConnector(let id): connectors[id.value] = .working
        case .disableConnector(let id): connectors[id.value]?.enabled = false
        case .waitConnectorDrained(let id, _, _):
            if id.value == pop3ConnectorID, connectors[id.value]?.isWorking == true {
                journalMailboxMayHoldReports = false
            }
        case .deleteConnector(let id):
            if id.value == pop3ConnectorID, connectors[id.value]?.presence == .present, journalMailboxMayHoldReports {
                pop3Stranded = true
            }
            connectors[id.value] = ConnectorState(presence: .deleted, enabled: false)
        case .confirmJournaling, .manual: break
        }
        noteMailboxFeeding()
    }

    private mutating func setTransport(_ target: NodeTarget, running: Bool) {
        if case .server(let name) = target, transportRunning[name] != nil { transportRunning[name] = running }
    }

    /// Whether some server accepts mail now (always, on Exchange Online).
    public var mailFlows: Bool { isOnline || transportRunning.values.contains(true) }

    /// Whether mail flowing now leaves journal reports in the journal mailbox.
    public var feedsJournalMailbox: Bool {
        mailFlows && journalers.values.contains { $0.enabled && $0.target == .mailbox }
    }

    mutating func noteMailboxFeeding() {
        if !journalMailboxMayHoldReports, feedsJournalMailbox { journalMailboxMayHoldReports = true }
    }
}
