/// One step of the plan: what it does, and what it must come after.
public struct Step: Sendable {
    public var id: Located<String>
    public var action: StepAction
    /// Where `action:` was written.
    public var actionRange: SourceRange
    /// Explicit predecessors; nil means "the step listed before" (and `[]` means "none").
    public var after: [Located<String>]?
    public var note: Located<String>?
    /// The whole step mapping.
    public var range: SourceRange
    /// Position in the plan's list.
    public var index: Int

    public init(
        id: Located<String>, action: StepAction, actionRange: SourceRange, after: [Located<String>]?,
        note: Located<String>?, range: SourceRange, index: Int
    ) {
        self.id = id
        self.action = action
        self.actionRange = actionRange
        self.after = after
        self.note = note
        self.range = range
        self.index = index
    }

    public var kind: ActionKind { action.kind }
}

/// A subset of a fan-out step's targets; nil means all of them.
public typealias TargetSelection = [Located<String>]?

/// Where a journal rule or database sends its reports.
public enum JournalTarget: String, Sendable, Hashable, CaseIterable {
    /// The external mail contact in the journal domain (SMTP journaling).
    case contact
    /// The local journal mailbox the POP3 connector drains.
    case mailbox
}

/// The optional test message `confirm-journaling` sends first, since a quiet night may journal nothing.
public struct JournalProbe: Sendable, Hashable {
    public var from: Located<EmailAddress>
    public var to: Located<EmailAddress>

    public init(from: Located<EmailAddress>, to: Located<EmailAddress>) {
        self.from = from
        self.to = to
    }
}

/// The action catalogue: one typed case per action, with its own fields.
public enum StepAction: Sendable {
    case createContact
    case setNDRMailbox
    case createSendConnector(name: Located<String>?)
    case stopTransport(servers: TargetSelection)
    case startTransport(servers: TargetSelection)
    case disableJournalRule(rules: TargetSelection)
    case enableJournalRule(rules: TargetSelection)
    case setJournalRecipient(to: Located<JournalTarget>, rules: TargetSelection, databases: TargetSelection)
    case confirmJournaling(timeout: Located<PlanDuration>, probe: JournalProbe?)
    case requestJournalDomain
    case createConnector(connector: Located<String>)
    case disableConnector(connector: Located<String>)
    case waitConnectorDrained(connector: Located<String>, timeout: Located<PlanDuration>, pollEvery: Located<PlanDuration>)
    case deleteConnector(connector: Located<String>)
    case manual(instructions: Located<String>)

    public var kind: ActionKind {
        switch self {
        case .createContact: .createContact
        case .setNDRMailbox: .setNDRMailbox
        case .createSendConnector: .createSendConnector
        case .stopTransport: .stopTransport
        case .startTransport: .startTransport
        case .disableJournalRule: .disableJournalRule
        case .enableJournalRule: .enableJournalRule
        case .setJournalRecipient: .setJournalRecipient
        case .confirmJournaling: .confirmJournaling
        case .requestJournalDomain: .requestJournalDomain
        case .createConnector: .createConnector
        case .disableConnector: .disableConnector
        case .waitConnectorDrained: .waitConnectorDrained
        case .deleteConnector: .deleteConnector
        case .manual: .manual
        }
    }

    /// The connector a Mimecast connector step acts on.
    public var connectorReference: Located<String>? {
        switch self {
        case .createConnector(let c), .disableConnector(let c), .deleteConnector(let c): c
        case .waitConnectorDrained(let c, _, _): c
        default: nil
        }
    }
}

/// The names of the actions, as written in plans.
public enum ActionKind: String, Sendable, Hashable, CaseIterable {
    case createContact = "create-contact"
    case setNDRMailbox = "set-ndr-mailbox"
    case createSendConnector = "create-send-connector"
    case stopTransport = "stop-transport"
    case startTransport = "start-transport"
    case disableJournalRule = "disable-journal-rule"
    case enableJournalRule = "enable-journal-rule"
    case setJournalRecipient = "set-journal-recipient"
    case confirmJournaling = "confirm-journaling"
    case requestJournalDomain = "request-journal-domain"
    case createConnector = "create-connector"
    case disableConnector = "disable-connector"
    case waitConnectorDrained = "wait-connector-drained"
    case deleteConnector = "delete-connector"
    case manual = "manual"

    /// The action named `rawValue`, found by hashing rather than by comparing with every case in turn:
    /// the decoder asks this of each of thousands of steps.
    public init?(rawValue: String) {
        guard let kind = Self.byName[rawValue] else { return nil }
        self = kind
    }

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// Which system the action changes or reads.
    public var system: ActionSystem {
        switch self {
        case .createContact, .setNDRMailbox, .createSendConnector, .stopTransport, .startTransport,
            .disableJournalRule, .enableJournalRule, .setJournalRecipient:
            .exchange
        case .requestJournalDomain, .createConnector, .disableConnector, .deleteConnector: .mimecast
        case .confirmJournaling, .waitConnectorDrained: .both
        case .manual: .person
        }
    }

    /// Fields the action takes besides `id`, `action`, `after` and `note`.
    public var fields: [String] {
        switch self {
        case .createContact, .setNDRMailbox, .requestJournalDomain: []
        case .createSendConnector: ["name"]
        case .stopTransport, .startTransport: ["servers"]
        case .disableJournalRule, .enableJournalRule: ["rules"]
        case .setJournalRecipient: ["to", "rules", "databases"]
        case .confirmJournaling: ["timeout", "probe"]
        case .createConnector, .disableConnector, .deleteConnector: ["connector"]
        case .waitConnectorDrained: ["connector", "timeout", "pollEvery"]
        case .manual: ["instructions"]
        }
    }

    /// Deleting a connector cannot be undone: it is the point of no return.
    public var isIrreversible: Bool { self == .deleteConnector }

    /// One line for catalogues and runbooks.
    public var summary: String {
        switch self {
        case .createContact: "Create the external mail contact in the journal domain (hidden from address lists)."
        case .setNDRMailbox: "Set the alternate journaling mailbox (JournalingReportNdrTo)."
        case .createSendConnector: "Route the journal domain to Mimecast's journal hosts."
        case .stopTransport: "Stop the transport service on each transport server."
        case .startTransport: "Start the transport service on each transport server."
        case .disableJournalRule: "Disable each journal rule."
        case .enableJournalRule: "Enable each journal rule."
        case .setJournalRecipient: "Point journal rules (premium) or databases (standard) at a target."
        case .confirmJournaling: "Confirm that journal reports reach the contact."
        case .requestJournalDomain: "Mimecast Support adds the journal domain to the account (manual)."
        case .createConnector: "Create the Mimecast journal connector."
        case .disableConnector: "Suspend a Mimecast journal connector."
        case .waitConnectorDrained: "Wait until the connector's queue and journal mailbox are empty."
        case .deleteConnector: "Delete a Mimecast journal connector (irreversible)."
        case .manual: "A person follows the instructions and confirms."
        }
    }
}

/// The system an action touches.
public enum ActionSystem: String, Sendable, Hashable {
    case exchange, mimecast, both, person
}
