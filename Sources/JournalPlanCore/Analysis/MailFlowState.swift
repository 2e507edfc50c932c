/// The mail-flow model of a journaling cut-over: what Exchange and Mimecast look like at one moment.
///
/// It is the single source of truth for what each catalogue action does to journaling. The no-loss check
/// (JP401–JP403) derives its conditions from it, and the runner's simulator steps it node by node:
/// start from ``initial(for:)``, call ``apply(_:in:)`` for each finished node, and ask
/// ``journalOutcome(acceptedBy:database:)`` what happens to a message accepted now.
///
/// Assumptions, where the plan is silent (all checked by the preflight at run time):
/// - every journal rule starts enabled and every rule or database journals to the journal mailbox;
/// - transport runs on every listed server;
/// - the contact, the accepted journal domain, a Mimecast connector and the send connector exist from the
///   start exactly when the plan has no step that creates (or requests) them;
/// - a plan without a POP3 (or SMTP) connector entry has that route working throughout.
public struct MailFlowState: Hashable, Sendable {
    /// Exchange Online: no transport service, mail is always accepted.
    public var isOnline: Bool
    public var journaling: JournalingType
    /// The transport servers, in plan order.
    public var servers: [String]
    /// Whether transport runs on each server.
    public var transportRunning: [String: Bool]
    /// The journal rules (premium) or databases (standard), in plan order.
    public var flows: [NodeTarget]
    /// Each rule's or database's journaling.
    public var journalers: [NodeTarget: JournalerState]
    public var contactExists: Bool
    /// Mimecast accepts the journal domain (after `request-journal-domain`).
    public var domainAccepted: Bool
    /// Whether reports to the contact need the send connector (the plan has a `create-send-connector` step).
    public var sendConnectorRequired: Bool
    public var sendConnectorPresent: Bool
    /// `JournalingReportNdrTo` is set: undeliverable reports come back as resendable NDRs.
    public var ndrMailboxSet: Bool
    /// Each Mimecast connector, by plan id.
    public var connectors: [String: ConnectorState]
    public var pop3ConnectorID: String?
    public var smtpConnectorID: String?
    /// Reports may be waiting in the journal mailbox (true until an effective drain, and again whenever
    /// a rule or database journals to the mailbox while mail flows).
    public var journalMailboxMayHoldReports: Bool
    /// The POP3 connector was deleted while reports may still have been waiting: they are never pulled.
    public var pop3Stranded: Bool

    public init(
        isOnline: Bool, journaling: JournalingType, servers: [String], transportRunning: [String: Bool],
        flows: [NodeTarget], journalers: [NodeTarget: JournalerState], contactExists: Bool, domainAccepted: Bool,
        sendConnectorRequired: Bool, sendConnectorPresent: Bool, ndrMailboxSet: Bool,
        connectors: [String: ConnectorState], pop3ConnectorID: String?, smtpConnectorID: String?,
        journalMailboxMayHoldReports: Bool, pop3Stranded: Bool
    ) {
        self.isOnline = isOnline
        self.journaling = journaling
        self.servers = servers
        self.transportRunning = transportRunning
        self.flows = flows
        self.journalers = journalers
        self.contactExists = contactExists
        self.domainAccepted = domainAccepted
        self.sendConnectorRequired = sendConnectorRequired
        self.sendConnectorPresent = sendConnectorPresent
        self.ndrMailboxSet = ndrMailboxSet
        self.connectors = connectors
        self.pop3ConnectorID = pop3ConnectorID
        self.smtpConnectorID = smtpConnectorID
        self.journalMailboxMayHoldReports = journalMailboxMayHoldReports
        self.pop3Stranded = pop3Stranded
    }

    /// The organisation before any step: POP3 journaling as it runs today.
    public static func initial(for plan: Plan) -> MailFlowState {
        let kinds = Set(plan.steps.map(\.kind))
        let created = Set(plan.steps.compactMap { step -> String? in
            if case .createConnector(let c) = step.action { return c.value }
            return nil
        })
        let servers = plan.exchange.version.value.isOnline ? [] : plan.exchange.transportServers.map(\.value.text)
        let flows: [NodeTarget] =
            plan.exchange.journaling.value == .premium
            ? plan.exchange.journalRules.map { .rule($0.name.value) } : plan.exchange.databases.map { .database($0.value) }
        var connectors: [String: ConnectorState] = [:]
        for connector in plan.connectors {
            let id = connector.id.value
            connectors[id] = created.contains(id) ? ConnectorState(presence: .absent, enabled: false) : .working
        }
        var state = MailFlowState(
            isOnline: plan.exchange.version.value.isOnline, journaling: plan.exchange.journaling.value,
            servers: servers, transportRunning: Dictionary(servers.map { ($0, true) }) { a, _ in a },
            flows: flows, journalers: Dictionary(flows.map { ($0, JournalerState.initial) }) { a, _ in a },
            contactExists: !kinds.contains(.createContact), domainAccepted: !kinds.contains(.requestJournalDomain),
            sendConnectorRequired: kinds.contains(.createSendConnector), sendConnectorPresent: false,
            ndrMailboxSet: plan.exchange.ndrMailbox != nil && !kinds.contains(.setNDRMailbox),
            connectors: connectors, pop3ConnectorID: plan.pop3Connector?.id.value,
            smtpConnectorID: plan.smtpConnector?.id.value, journalMailboxMayHoldReports: true, pop3Stranded: false)
        state.noteMailboxFeeding()
        return state
    }
}

/// One journal rule's (premium) or database's (standard) journaling.
public struct JournalerState: Hashable, Sendable {
    /// A disabled rule journals nothing. Databases are always enabled.
    public var enabled: Bool
    public var target: JournalTarget

    public init(enabled: Bool, target: JournalTarget) {
        self.enabled = enabled
        self.target = target
    }

    /// Before the cut-over: enabled, journaling to the journal mailbox.
    public static let initial = JournalerState(enabled: true, target: .mailbox)
}

/// Whether a Mimecast connector exists.
public enum ConnectorPresence: String, Hashable, Sendable {
    /// Not created yet.
    case absent
    case present
    /// Deleted: irreversible.
    case deleted
}

/// A Mimecast journal connector. A disabled POP3 connector leaves reports waiting in the journal mailbox
/// (nothing is lost until it is deleted); a disabled SMTP connector rejects reports.
public struct ConnectorState: Hashable, Sendable {
    public var presence: ConnectorPresence
    public var enabled: Bool

    public init(presence: ConnectorPresence, enabled: Bool) {
        self.presence = presence
        self.enabled = enabled
    }

    /// Present and enabled.
    public static let working = ConnectorState(presence: .present, enabled: true)
    public var isWorking: Bool { presence == .present && enabled }
}
