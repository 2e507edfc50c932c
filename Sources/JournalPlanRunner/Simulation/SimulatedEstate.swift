import JournalPlanCore

/// The simulator's in-memory Exchange organisation and Mimecast account, with the mail-flow facts the
/// no-loss check reasons about: transport per server, each rule's or database's state and target, the
/// contact, the accepted journal domain, each connector, and the reports waiting in the journal mailbox.
public struct SimulatedEstate: Codable, Sendable, Equatable {
    /// A journal rule (premium) or a mailbox database's JournalRecipient (standard).
    public struct Journaler: Codable, Sendable, Equatable {
        public var name: String
        public var enabled: Bool
        public var target: String  // JournalTarget raw value
    }

    public struct Connector: Codable, Sendable, Equatable {
        public var id: String
        public var transport: String
        public var present: Bool
        public var enabled: Bool
    }

    public var online: Bool
    public var standard: Bool
    /// Transport service running, per server.
    public var servers: [String: Bool]
    public var serverOrder: [String]
    public var journalers: [Journaler]
    public var contactExists = false
    public var ndrMailboxSet = false
    public var sendConnectorExists = false
    public var domainAccepted = false
    public var connectors: [Connector]
    /// Journal reports delivered to the journal mailbox and not yet pulled by the POP3 connector.
    public var mailboxQueue = 0
    public var counters = TrafficCounters()

    /// The estate before the cut-over, as the plan describes it: transport running, every rule or database
    /// journaling to the journal mailbox, the POP3 connector in place, nothing of the SMTP side yet.
    public init(plan: Plan) {
        online = plan.exchange.version.value.isOnline
        standard = plan.exchange.journaling.value == .standard
        serverOrder = plan.exchange.transportServers.map(\.value.text)
        servers = Dictionary(serverOrder.map { ($0, true) }, uniquingKeysWith: { a, _ in a })
        let names = standard ? plan.exchange.databases.map(\.value) : plan.exchange.journalRules.map(\.name.value)
        journalers = names.map { Journaler(name: $0, enabled: true, target: JournalTarget.mailbox.rawValue) }
        connectors = plan.connectors.map {
            Connector(
                id: $0.id.value, transport: $0.transport.rawValue, present: $0.transport == .pop3,
                enabled: $0.transport == .pop3)
        }
    }

    /// Whether any transport service runs (Exchange Online always carries mail).
    public var transportRunning: Bool { online || servers.values.contains(true) }

    /// Whether a report sent to the contact now would be accepted by Mimecast.
    public var contactAccepts: Bool {
        contactExists && domainAccepted
            && connectors.contains { $0.transport == ConnectorTransport.smtp.rawValue && $0.present && $0.enabled }
    }

    var pop3Pulling: Bool {
        connectors.contains { $0.transport == ConnectorTransport.pop3.rawValue && $0.present && $0.enabled }
    }

    var pop3Present: Bool {
        connectors.contains { $0.transport == ConnectorTransport.pop3.rawValue && $0.present }
    }

    func connector(_ id: String) -> Connector? { connectors.first { $0.id == id } }

    mutating func setConnector(_ id: String, _ change: (inout Connector) -> Void) {
        if let i = connectors.firstIndex(where: { $0.id == id }) { change(&connectors[i]) }
    }

    func journaler(_ name: String) -> Journaler? {
        journalers.first { $0.name.lowercased() == name.lowercased() }
    }

    mutating func setJournaler(_ name: String, _ change: (inout Journaler) -> Void) {
        if let i = journalers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            change(&journalers[i])
        }
    }
}
