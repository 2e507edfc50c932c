/// Questions about one moment of the cut-over: what happens to mail accepted now, and is the job done.
extension MailFlowState {
    /// What happens to a message accepted now by `server` (nil on Exchange Online).
    ///
    /// Rules are organisation-wide: a running server applies every enabled rule, and a message is taken to
    /// match every rule. With standard journaling, `database` names the database of the recipients; nil
    /// means recipients on every database, each database's report being a flow of its own.
    public func journalOutcome(acceptedBy server: String?, database: String? = nil) -> JournalOutcome {
        if !isOnline, let server, transportRunning[server] == false { return .notAccepted(server: server) }
        var routes: JournalRoutes = []
        var mailboxFlow: NodeTarget?
        var contactFlow: NodeTarget?
        for flow in flows {
            if let database, journaling == .standard, flow != .database(database) { continue }
            guard let journaler = journalers[flow] else { continue }
            if let cause = lossCause(of: journaler) {
                return .lost(JournalLoss(flow: flow, cause: cause, server: server, ndrMailboxSet: ndrMailboxSet))
            }
            switch journaler.target {
            case .mailbox:
                routes.insert(.pop3)
                mailboxFlow = mailboxFlow ?? flow
            case .contact:
                routes.insert(.smtp)
                contactFlow = contactFlow ?? flow
            }
        }
        if journaling == .premium, let mailboxFlow, let contactFlow {
            return .duplicated(mailboxFlow: mailboxFlow, contactFlow: contactFlow)
        }
        return .journaled(routes)
    }

    /// Why a flow's reports are lost now, if they are.
    public func lossCause(of journaler: JournalerState) -> LossCause? {
        guard journaler.enabled else { return .flowDisabled }
        switch journaler.target {
        case .contact: return contactRouteProblem
        case .mailbox:
            if let id = pop3ConnectorID, connectors[id]?.presence == .deleted { return .pop3ConnectorDeleted }
            return nil
        }
    }

    /// Why a report sent to the contact now would be lost, or nil when the route works.
    public var contactRouteProblem: LossCause? {
        if !contactExists { return .contactMissing }
        if !domainAccepted { return .domainNotAccepted }
        if let id = smtpConnectorID, let connector = connectors[id] {
            switch connector.presence {
            case .absent: return .smtpConnectorAbsent
            case .deleted: return .smtpConnectorDeleted
            case .present: if !connector.enabled { return .smtpConnectorDisabled }
            }
        }
        if sendConnectorRequired && !sendConnectorPresent { return .sendConnectorMissing }
        return nil
    }

    /// The servers accepting mail now (nil stands for Exchange Online, which always accepts).
    public var acceptingServers: [String?] {
        isOnline ? [nil] : servers.filter { transportRunning[$0] == true }
    }

    /// The first loss for mail accepted now by any running server (or online), for any database.
    public var currentLoss: JournalLoss? {
        for server in acceptingServers {
            if case .lost(let loss) = journalOutcome(acceptedBy: server) { return loss }
        }
        return nil
    }

    /// Premium journaling: an enabled rule delivers to the journal mailbox and another to a working contact
    /// route, so mail accepted now is archived twice (whether or not some third rule loses reports).
    public var currentDuplicate: (mailboxFlow: NodeTarget, contactFlow: NodeTarget)? {
        guard journaling == .premium, mailFlows else { return nil }
        var mailboxFlow: NodeTarget?
        var contactFlow: NodeTarget?
        for flow in flows {
            guard let journaler = journalers[flow], journaler.enabled, lossCause(of: journaler) == nil else { continue }
            if journaler.target == .mailbox { mailboxFlow = mailboxFlow ?? flow } else { contactFlow = contactFlow ?? flow }
        }
        guard let mailboxFlow, let contactFlow else { return nil }
        return (mailboxFlow, contactFlow)
    }

    /// The goal of the cut-over: every rule or database enabled and journaling to a working contact route,
    /// transport running everywhere, and the POP3 connector either deleted or holding nothing.
    public var isGoal: Bool { goalShortfalls.isEmpty }

    /// What still differs from the goal (empty at the goal).
    public var goalShortfalls: [GoalShortfall] {
        var missing: [GoalShortfall] = []
        for flow in flows {
            guard let journaler = journalers[flow] else { continue }
            if !journaler.enabled { missing.append(.flowDisabled(flow)) }
            if journaler.target != .contact { missing.append(.flowJournalsToMailbox(flow)) }
        }
        for server in servers where transportRunning[server] == false {
            missing.append(.transportStopped(server))
        }
        if let problem = contactRouteProblem { missing.append(.contactRouteFails(problem)) }
        if let id = pop3ConnectorID, connectors[id]?.presence != .deleted, journalMailboxMayHoldReports {
            missing.append(.pop3NotDrained(id))
        }
        return missing
    }
}

/// One way a state falls short of the cut-over's goal.
public enum GoalShortfall: Hashable, Sendable, CustomStringConvertible {
    case flowDisabled(NodeTarget)
    case flowJournalsToMailbox(NodeTarget)
    case transportStopped(String)
    case contactRouteFails(LossCause)
    /// Reports may still wait in the journal mailbox and the POP3 connector is not deleted.
    case pop3NotDrained(String)

    public var description: String {
        switch self {
        case .flowDisabled(let flow): "\(flow.flowName) is disabled"
        case .flowJournalsToMailbox(let flow): "\(flow.flowName) still journals to the journal mailbox"
        case .transportStopped(let server): "transport is stopped on \(server)"
        case .contactRouteFails(let cause): "reports to the contact fail (\(cause.phrase))"
        case .pop3NotDrained(let id): "the POP3 connector '\(id)' is not drained: reports may still wait in the journal mailbox"
        }
    }
}
