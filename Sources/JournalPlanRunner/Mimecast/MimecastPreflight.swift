/// The Mimecast side of the preflight: what is checked before the outage and what a failure means (the
/// API adapter reads it; the simulator models it). Tool text only.
public struct MimecastPreflight: Sendable, Hashable {
    public var name: String
    public var summary: String

    /// The SMTP journal connector (a service with the contact's address) exists already and is not
    /// enabled or is in status `error`: reports sent to the contact would be refused.
    public static let connectorStatus = MimecastPreflight(
        name: "smtp-connector-status",
        summary: "The Mimecast SMTP journal connector is disabled or in status error (an inactivity timeout "
            + "passed?): reports sent to the contact would be refused; fix or recreate it in Mimecast first")
}
