/// The Windows services that carry SMTP on a transport server, by Exchange version (domain-facts §1a).
public enum TransportServices {
    /// Services to stop, in stop order (the front end first, so the server refuses new SMTP before the
    /// transport service goes down); start them in reverse order.
    public static func names(for version: ExchangeVersion) -> [String] {
        switch version {
        case .v2003: ["SMTPSVC"]
        case .v2007, .v2010: ["MSExchangeTransport"]
        case .v2013, .v2016, .v2019, .subscriptionEdition: ["MSExchangeFrontEndTransport", "MSExchangeTransport"]
        case .online: []
        }
    }

    /// How long one service may take to stop or start once asked before its server's node fails (and,
    /// inside the outage, compensation runs). MSExchangeTransport commonly takes tens of seconds; a
    /// server still not there after ten minutes is stuck, and waiting longer only lengthens the outage.
    public static let controlTimeoutSeconds = 600

    /// Services that may be missing on a transport server of this version: on Exchange 2013 a Mailbox
    /// server without the Client Access role has no Front End Transport service (domain-facts §1a), so it
    /// is stopped and started only where it is installed. Every other service must exist (preflight).
    public static func optionalNames(for version: ExchangeVersion) -> Set<String> {
        version == .v2013 ? ["MSExchangeFrontEndTransport"] : []
    }

    /// The services every transport server must have (preflight checks them on each server).
    public static func requiredNames(for version: ExchangeVersion) -> [String] {
        let optional = optionalNames(for: version)
        return names(for: version).filter { !optional.contains($0) }
    }

    /// `Get-TransportServer` on 2007/2010 (Hub Transport), `Get-TransportService` on 2013 and later.
    public static func listCmdlet(for version: ExchangeVersion) -> String {
        version.usesPowerShell2 ? "Get-TransportServer" : "Get-TransportService"
    }

    /// The `AdminDisplayVersion` prefix of each on-premises version (`Version 15.1 (Build …)`).
    public static func adminDisplayVersionPattern(for version: ExchangeVersion) -> String? {
        switch version {
        case .v2007: "Version 8.*"
        case .v2010: "Version 14.*"
        case .v2013: "Version 15.0*"
        case .v2016: "Version 15.1*"
        case .v2019, .subscriptionEdition: "Version 15.2*"
        case .v2003, .online: nil
        }
    }
}
