import Foundation

/// A Mimecast journaling service ("journal connector") as the API 2.0 reports it.
///
/// Every field except `id` is optional: the list and create responses are unconfirmed, so a missing
/// or oddly typed field becomes `nil` rather than an error. `id` is opaque: a number is kept as text.
public struct JournalService: Sendable, Equatable {
    /// How journal reports reach Mimecast.
    public enum TransferProtocol: Sendable, Hashable, CustomStringConvertible {
        /// Mimecast pulls a journal mailbox over POP3.
        case pop3
        /// Exchange sends journal reports to Mimecast over SMTP.
        case smtp
        /// A value this client does not know, kept as sent.
        case other(String)

        /// Parses `pop3` / `smtp` case-insensitively.
        public init(_ raw: String) {
            switch raw.lowercased() {
            case "pop3": self = .pop3
            case "smtp": self = .smtp
            default: self = .other(raw)
            }
        }

        /// The wire value.
        public var description: String {
            switch self {
            case .pop3: return "pop3"
            case .smtp: return "smtp"
            case .other(let raw): return raw
            }
        }
    }

    /// The opaque service id used in `/services/{id}`.
    public var id: String
    /// The description the connector was created with (the plan matches on it).
    public var description: String?
    /// Whether the connector is enabled.
    public var enabled: Bool?
    /// `pop3` or `smtp`; inferred from the connection object when the field is absent.
    public var transferProtocol: TransferProtocol?
    /// Items waiting in the journaling queue (top level; the legacy `statusInfo.queueSize` is accepted too).
    public var queueSize: Int?
    /// `ok`, `not_active` or `error`.
    public var status: String?
    /// `statusInfo.lastReceivedDateTime` (or legacy `lastReceived`) as sent.
    public var lastReceivedText: String?
    /// ``lastReceivedText`` parsed as an ISO 8601 date-time, when it parses.
    public var lastReceived: Date?
    /// SMTP connection: the address Exchange journals to.
    public var smtpEmailAddress: String?
    /// SMTP connection: the host names Mimecast accepts journal mail on (read-only).
    public var smtpHostnames: [String]
    /// SMTP connection: the source IP ranges allowed to deliver.
    public var smtpIPRanges: [String]
    /// POP3 connection: the journal mailbox address.
    public var pop3EmailAddress: String?
    /// POP3 connection: the login name of the journal mailbox.
    public var pop3Mailbox: String?
    /// POP3 connection: the server Mimecast pulls from.
    public var pop3Host: String?
    /// Mimecast's clock when it sent this reading (the response's `Date` header), when it sent one.
    public var serverDate: Date?

    /// A service with only an id; the other fields are filled by the caller.
    public init(id: String) {
        self.id = id
        smtpHostnames = []
        smtpIPRanges = []
    }

    /// `id 'description' (protocol, enabled, queue N)`, for logs and progress lines.
    public var summary: String {
        var parts: [String] = []
        if let transferProtocol { parts.append(transferProtocol.description) }
        if let enabled { parts.append(enabled ? "enabled" : "disabled") }
        if let queueSize { parts.append("queue \(queueSize)") }
        if let status { parts.append(status) }
        let name = self.description.map { " '\($0)'" } ?? ""
        return "\(id)\(name) (\(parts.joined(separator: ", ")))"
    }
}

extension JournalService {
    /// Reads a service from one decoded JSON object; `nil` when it has no usable `id`.
    init?(json: [String: LooseJSON]) {
        guard let id = json["id"]?.text, !id.isEmpty else { return nil }
        self.init(id: id)
        description = json["description"]?.string
        enabled = json["enabled"]?.bool
        let status = json["statusInfo"]?.object ?? [:]
        queueSize = json["queueSize"]?.int ?? status["queueSize"]?.int
        self.status = status["status"]?.text
        lastReceivedText = status["lastReceivedDateTime"]?.text ?? status["lastReceived"]?.text
        lastReceived = lastReceivedText.flatMap(LooseJSON.date)
        let smtp = json["smtpJournalingConnection"]?.object
        let pop3 = json["pop3JournalingConnection"]?.object
        if let smtp {
            smtpEmailAddress = smtp["emailAddress"]?.string
            smtpHostnames = smtp["hostnames"]?.strings ?? []
            smtpIPRanges = smtp["ipRanges"]?.strings ?? []
        }
        if let pop3 {
            pop3EmailAddress = pop3["emailAddress"]?.string
            pop3Mailbox = pop3["mailbox"]?.string
            pop3Host = pop3["host"]?.string
        }
        if let raw = json["transferProtocol"]?.string {
            transferProtocol = TransferProtocol(raw)
        } else if (smtp == nil) != (pop3 == nil) {
            transferProtocol = smtp != nil ? .smtp : .pop3
        }
    }
}
