/// What happens to a message accepted at one moment of the cut-over.
public enum JournalOutcome: Hashable, Sendable, CustomStringConvertible {
    /// The server's transport is stopped: it refuses the message and the sender retries later. No loss.
    case notAccepted(server: String)
    /// Journaled once per rule or database flow, through these routes (a standard-journaling message with
    /// recipients on several databases may have some reports go each way; that is not a duplicate).
    case journaled(JournalRoutes)
    /// The same message is reported to both the journal mailbox and the contact (premium: one enabled rule
    /// per target). Mimecast archives it twice.
    case duplicated(mailboxFlow: NodeTarget, contactFlow: NodeTarget)
    /// A report that should exist is never archived.
    case lost(JournalLoss)

    public var isLoss: Bool {
        if case .lost = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .notAccepted(let server): "not accepted: transport is stopped on \(server), the sender retries"
        case .journaled(let routes): "journaled via \(routes)"
        case .duplicated(let mailbox, let contact):
            "duplicated: \(mailbox.flowName) journals to the mailbox and \(contact.flowName) to the contact"
        case .lost(let loss): "lost: \(loss)"
        }
    }
}

/// The routes a journal report can take to Mimecast.
public struct JournalRoutes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Delivered to the journal mailbox, pulled by the POP3 connector (possibly later, if it is suspended).
    public static let pop3 = JournalRoutes(rawValue: 1)
    /// Sent to the contact, received by the SMTP connector.
    public static let smtp = JournalRoutes(rawValue: 2)

    public var description: String {
        [contains(.pop3) ? "POP3" : nil, contains(.smtp) ? "SMTP" : nil].compactMap { $0 }.joined(separator: " and ")
    }
}

/// Why reports of one rule or database flow are lost.
public enum LossCause: String, Hashable, Sendable, CaseIterable {
    case flowDisabled
    case contactMissing
    case domainNotAccepted
    case smtpConnectorAbsent
    case smtpConnectorDisabled
    case smtpConnectorDeleted
    case sendConnectorMissing
    case pop3ConnectorDeleted

    /// A short phrase: "the contact does not exist".
    public var phrase: String {
        switch self {
        case .flowDisabled: "the rule is disabled"
        case .contactMissing: "the contact does not exist"
        case .domainNotAccepted: "Mimecast does not accept the journal domain"
        case .smtpConnectorAbsent: "the SMTP journal connector does not exist"
        case .smtpConnectorDisabled: "the SMTP journal connector is disabled"
        case .smtpConnectorDeleted: "the SMTP journal connector is deleted"
        case .sendConnectorMissing: "no send connector routes the journal domain"
        case .pop3ConnectorDeleted: "the POP3 connector is deleted"
        }
    }
}

/// A loss: which flow, why, and where the message was accepted.
public struct JournalLoss: Hashable, Sendable, CustomStringConvertible {
    public var flow: NodeTarget
    public var cause: LossCause
    /// The accepting server (nil on Exchange Online).
    public var server: String?
    /// Whether `JournalingReportNdrTo` is set (rejected reports come back as NDRs to resend by hand).
    public var ndrMailboxSet: Bool

    public init(flow: NodeTarget, cause: LossCause, server: String?, ndrMailboxSet: Bool) {
        self.flow = flow
        self.cause = cause
        self.server = server
        self.ndrMailboxSet = ndrMailboxSet
    }

    /// For example "mail accepted by MBX02 now is not journaled: rule 'Journal All' is disabled and
    /// MBX02's transport is running".
    public var description: String {
        let accepted = server.map { "accepted by \($0)" } ?? "accepted"
        let subject: String
        if case .database(let name) = flow {
            subject = "mail to recipients on database '\(name)' \(accepted) now"
        } else {
            subject = "mail \(accepted) now"
        }
        let running = server.map { " and \($0)'s transport is running" } ?? ""
        let rejected =
            ndrMailboxSet
            ? "; the report is rejected and comes back to the NDR mailbox, to be resent by hand"
            : "; the report is rejected and, with no NDR mailbox set, expires"
        switch cause {
        case .flowDisabled:
            return "\(subject) is not journaled: \(flow.flowName) is disabled\(running)"
        case .contactMissing:
            return "\(subject) is not journaled: \(flow.flowName) journals to the contact, which does not exist yet"
        case .domainNotAccepted:
            return "\(subject) is not journaled: \(flow.flowName) journals to the contact but Mimecast does not accept the journal domain yet\(rejected)"
        case .smtpConnectorAbsent:
            return "\(subject) is not journaled: \(flow.flowName) journals to the contact but the SMTP journal connector does not exist yet\(rejected)"
        case .smtpConnectorDisabled:
            return "\(subject) is not journaled: \(flow.flowName) journals to the contact but the SMTP journal connector is disabled\(rejected)"
        case .smtpConnectorDeleted:
            return "\(subject) is not journaled: \(flow.flowName) journals to the contact but the SMTP journal connector is deleted\(rejected)"
        case .sendConnectorMissing:
            return "\(subject) is not journaled: \(flow.flowName) journals to the contact but no send connector routes the journal domain yet"
        case .pop3ConnectorDeleted:
            return "\(subject) is not archived: \(flow.flowName) journals to the journal mailbox but the POP3 connector that drains it is deleted"
        }
    }
}

extension NodeTarget {
    /// "rule 'Journal All'", "database 'DB01'", "server 'EX01'".
    public var flowName: String {
        switch self {
        case .none: "the plan"
        case .rule(let n): "rule '\(n)'"
        case .database(let n): "database '\(n)'"
        case .server(let n): "server '\(n)'"
        }
    }
}
