import JournalPlanCore

/// A fault of the live estate the simulator can model (`plan run --simulate --estate-fault NAME`): the
/// organisation differs from the plan's picture in a way the preflight (or a re-check inside the outage)
/// must catch before it loses journal reports (issue 16).
public enum EstateFault: String, Sendable, CaseIterable, Codable {
    /// A journal rule the plan does not list journals to the journal mailbox: after the POP3 connector
    /// is deleted its reports stay there, never pulled.
    case unlistedRule = "unlisted-rule"
    /// An Edge Transport server beside the plan's servers: it does not journal and is not stopped, so it
    /// is not counted (the estate still matches).
    case edgeServer = "edge-server"
    /// A wildcard accepted domain (`*.parent`) covers the journal domain: Exchange delivers the reports to
    /// the contact locally instead of sending them to Mimecast.
    case wildcardAcceptedDomain = "wildcard-accepted-domain"
    /// Managed Availability starts a stopped transport service inside the outage, before the rule changes:
    /// that server accepts mail while its rule is disabled.
    case transportRestarted = "transport-restarted"
    /// The Mimecast SMTP journal connector is in status `error` (an inactivity timeout passed): reports
    /// sent to the contact are refused.
    case connectorError = "connector-error"
    /// IRM journal-report decryption is off: a warning (reports of protected messages reach Mimecast
    /// still protected; nothing is lost).
    case irmDecryptionOff = "irm-decryption-off"

    /// The system whose check catches the fault, and the check's name; nil when the preflight passes
    /// (an Edge server is not counted; a restart happens later, inside the outage).
    public var preflightCheck: (system: ActionSystem, name: String)? {
        switch self {
        case .unlistedRule: (.exchange, "unlisted-journal-rules")
        case .wildcardAcceptedDomain: (.exchange, "journal-domain-not-accepted")
        case .connectorError: (.mimecast, MimecastPreflight.connectorStatus.name)
        case .irmDecryptionOff: (.exchange, "irm-journal-decryption")
        case .edgeServer, .transportRestarted: nil
        }
    }

    /// The fault names for messages (`unlisted-rule, edge-server, …`).
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
