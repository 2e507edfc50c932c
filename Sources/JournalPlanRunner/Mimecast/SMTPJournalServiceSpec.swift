import JournalPlanCore

/// What to create: an SMTP journaling service for Exchange journal reports.
///
/// The body sent is `{"description", "enabled", "messageFormat": "exchange_env",
/// "smtpJournalingConnection": {"emailAddress", "ipRanges", "usesTls": true, "usesAuthentication": false}}`:
/// exactly one connection object, and no `transferProtocol` (the create schema has none).
public struct SMTPJournalServiceSpec: Sendable, Equatable {
    /// The connector's description; the plan finds it again by this text.
    public var description: String
    /// The journal contact's address (in the journal sub-domain).
    public var emailAddress: String
    /// The source IPv4 ranges (CIDR) allowed to deliver journal reports.
    public var ipRanges: [String]
    /// Whether the connector starts enabled.
    public var enabled: Bool

    /// A spec from its parts.
    public init(description: String, emailAddress: String, ipRanges: [String], enabled: Bool = true) {
        self.description = description
        self.emailAddress = emailAddress
        self.ipRanges = ipRanges
        self.enabled = enabled
    }

    /// The JSON request body, keys in a fixed order.
    var body: JSONValue {
        .object([
            ("description", .string(description)),
            ("enabled", .bool(enabled)),
            ("messageFormat", "exchange_env"),
            (
                "smtpJournalingConnection",
                .object([
                    ("emailAddress", .string(emailAddress)),
                    ("ipRanges", .array(ipRanges.map(JSONValue.string))),
                    ("usesTls", true),
                    ("usesAuthentication", false),
                ])
            ),
        ])
    }
}
