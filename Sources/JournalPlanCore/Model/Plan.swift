/// A decoded, well-typed journaling migration plan (format `journal-migration/v1`).
public struct Plan: Sendable {
    /// The file the plan came from, as given on the command line.
    public var file: String
    public var name: Located<String>
    public var description: String?
    public var exchange: ExchangeEstate
    public var contact: MailContact
    public var domain: JournalDomain
    public var connectors: [JournalConnector]
    public var window: OutageWindow?
    public var steps: [Step]

    public init(
        file: String, name: Located<String>, description: String?, exchange: ExchangeEstate, contact: MailContact,
        domain: JournalDomain, connectors: [JournalConnector], window: OutageWindow?, steps: [Step]
    ) {
        self.file = file
        self.name = name
        self.description = description
        self.exchange = exchange
        self.contact = contact
        self.domain = domain
        self.connectors = connectors
        self.window = window
        self.steps = steps
    }

    /// The format this model reads.
    public static let formatVersion = "journal-migration/v1"

    public func connector(id: String) -> JournalConnector? { connectors.first { $0.id.value == id } }

    /// The POP3 connector being replaced, if the plan names one.
    public var pop3Connector: JournalConnector? { connectors.first { $0.transport == .pop3 } }
    /// The SMTP connector being introduced, if the plan names one.
    public var smtpConnector: JournalConnector? { connectors.first { $0.transport == .smtp } }

    public func location(_ range: SourceRange) -> SourceLocation { SourceLocation(file: file, range: range) }
}

/// Exchange versions JournalPlan knows.
public enum ExchangeVersion: String, Sendable, Hashable, CaseIterable {
    case v2003 = "2003", v2007 = "2007", v2010 = "2010", v2013 = "2013", v2016 = "2016", v2019 = "2019"
    case subscriptionEdition = "SE"
    case online

    /// Exchange Online has no transport service to stop and is managed through Exchange Online PowerShell.
    public var isOnline: Bool { self == .online }
    /// 2003 has no Exchange Management Shell: its plans serve the runbook and manual execution only.
    public var isScriptable: Bool { self != .v2003 }
    /// 2007 and 2010 run on Windows PowerShell 2.0 and use Get-TransportServer (Hub Transport role).
    public var usesPowerShell2: Bool { self == .v2007 || self == .v2010 }
    public var displayName: String {
        switch self {
        case .online: "Exchange Online"
        case .subscriptionEdition: "Exchange Server SE"
        default: "Exchange \(rawValue)"
        }
    }
}

/// Premium journaling uses journal rules; standard journaling uses each database's JournalRecipient.
public enum JournalingType: String, Sendable, Hashable, CaseIterable {
    case premium, standard
}

/// The Exchange organisation as the plan describes it; the preflight checks this picture against the live one.
public struct ExchangeEstate: Sendable {
    public var version: Located<ExchangeVersion>
    public var journaling: Located<JournalingType>
    public var transportServers: [Located<HostName>]
    public var journalRules: [JournalRuleReference]
    public var databases: [Located<String>]
    public var journalMailbox: Located<EmailAddress>
    public var ndrMailbox: Located<EmailAddress>?
    public var domainController: Located<HostName>?
    /// The organisation's own (accepted) mail domains, besides those of its mailboxes.
    public var acceptedDomains: [Located<HostName>]
    public var range: SourceRange

    public init(
        version: Located<ExchangeVersion>, journaling: Located<JournalingType>, transportServers: [Located<HostName>],
        journalRules: [JournalRuleReference], databases: [Located<String>], journalMailbox: Located<EmailAddress>,
        ndrMailbox: Located<EmailAddress>?, domainController: Located<HostName>?, acceptedDomains: [Located<HostName>],
        range: SourceRange
    ) {
        self.version = version
        self.journaling = journaling
        self.transportServers = transportServers
        self.journalRules = journalRules
        self.databases = databases
        self.journalMailbox = journalMailbox
        self.ndrMailbox = ndrMailbox
        self.domainController = domainController
        self.acceptedDomains = acceptedDomains
        self.range = range
    }
}

/// An existing journal rule the cut-over repoints.
public struct JournalRuleReference: Sendable, Hashable {
    public var name: Located<String>

    public init(name: Located<String>) { self.name = name }
}

/// The external mail contact Exchange journals to after the cut-over.
public struct MailContact: Sendable {
    public var name: Located<String>
    public var alias: Located<String>
    public var address: Located<EmailAddress>
    public var organizationalUnit: Located<String>?
    public var hidden: Bool
    public var range: SourceRange

    public init(
        name: Located<String>, alias: Located<String>, address: Located<EmailAddress>,
        organizationalUnit: Located<String>?, hidden: Bool, range: SourceRange
    ) {
        self.name = name
        self.alias = alias
        self.address = address
        self.organizationalUnit = organizationalUnit
        self.hidden = hidden
        self.range = range
    }
}

/// Mimecast regions with journal hosts (`{region}-smtp-journal-{1,2}.mimecast.com`).
public enum MimecastRegion: String, Sendable, Hashable, CaseIterable {
    case us, eu, de, au, je, za, ca, uk

    /// Whether the journal host names for this region come from a public source. The others are
    /// assumptions: plans for them must list `journalHosts` explicitly.
    public var hasConfirmedJournalHosts: Bool {
        switch self {
        case .us, .eu, .de, .au, .je: true
        case .za, .ca, .uk: false
        }
    }

    /// The region's Mimecast journal hosts, where publicly documented.
    public var journalHosts: [String] {
        hasConfirmedJournalHosts ? ["\(rawValue)-smtp-journal-1.mimecast.com", "\(rawValue)-smtp-journal-2.mimecast.com"] : []
    }
}

/// The journal sub-domain Mimecast accepts journal reports for.
public struct JournalDomain: Sendable {
    public var name: Located<HostName>
    public var region: Located<MimecastRegion>
    /// Overrides the region's journal hosts (required where they are unconfirmed).
    public var journalHosts: [Located<HostName>]
    public var supportTicket: Located<String>?
    public var range: SourceRange

    public init(
        name: Located<HostName>, region: Located<MimecastRegion>, journalHosts: [Located<HostName>],
        supportTicket: Located<String>?, range: SourceRange
    ) {
        self.name = name
        self.region = region
        self.journalHosts = journalHosts
        self.supportTicket = supportTicket
        self.range = range
    }

    /// The hosts a send connector routes the journal domain to.
    public var effectiveJournalHosts: [String] {
        journalHosts.isEmpty ? region.value.journalHosts : journalHosts.map(\.value.text)
    }
}

/// POP3 (Mimecast pulls from the journal mailbox) or SMTP (Exchange pushes to the contact).
public enum ConnectorTransport: String, Sendable, Hashable, CaseIterable {
    case pop3, smtp
}

/// A Mimecast journal connector ("journal service").
public struct JournalConnector: Sendable {
    public var id: Located<String>
    public var transport: ConnectorTransport
    public var description: Located<String>
    /// POP3: the journal mailbox Mimecast drains.
    public var mailbox: Located<EmailAddress>?
    /// POP3: the server Mimecast pulls from (optional, for the manual console steps).
    public var host: Located<HostName>?
    /// SMTP: the service address (the contact's address).
    public var address: Located<EmailAddress>?
    /// SMTP: the transport servers' public source ranges.
    public var sourceIPs: [Located<IPv4Network>]
    public var range: SourceRange

    public init(
        id: Located<String>, transport: ConnectorTransport, description: Located<String>,
        mailbox: Located<EmailAddress>?, host: Located<HostName>?, address: Located<EmailAddress>?,
        sourceIPs: [Located<IPv4Network>], range: SourceRange
    ) {
        self.id = id
        self.transport = transport
        self.description = description
        self.mailbox = mailbox
        self.host = host
        self.address = address
        self.sourceIPs = sourceIPs
        self.range = range
    }
}

/// The outage window: transport may be stopped only inside it.
public struct OutageWindow: Sendable {
    public var start: Located<Timestamp>
    public var end: Located<Timestamp>
    public var range: SourceRange

    public init(start: Located<Timestamp>, end: Located<Timestamp>, range: SourceRange) {
        self.start = start
        self.end = end
        self.range = range
    }
}
