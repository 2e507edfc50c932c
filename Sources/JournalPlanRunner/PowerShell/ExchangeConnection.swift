import Foundation
import JournalPlanCore

/// How the PowerShell host reaches Exchange before it runs any step.
public enum ExchangeConnection: Sendable, Equatable {
    /// The host already is an Exchange Management Shell (or has the cmdlets loaded): nothing to do.
    case existingShell
    /// A remote session to an Exchange server's PowerShell endpoint with Kerberos
    /// (`New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri … ; Import-PSSession`).
    case remote(connectionURI: String)
    /// Exchange Online through `Connect-ExchangeOnline`, signing in the way the host is set up to
    /// (e.g. certificate-based app sign-in in the user's profile or a managed identity).
    case online

    /// Why a connection cannot be used.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The connection URI is not an absolute http(s) URL or contains control characters.
        case invalidConnectionURI(String)

        /// A one-line explanation.
        public var description: String {
            switch self {
            case .invalidConnectionURI(let uri):
                return "--connection-uri '\(uri)' is not an absolute http(s) URL such as http://ex01.contoso.com/PowerShell/"
            }
        }
    }

    /// Checks the URI of a remote connection.
    public func validated() throws(Failure) -> ExchangeConnection {
        guard case .remote(let uri) = self else { return self }
        let hasControl = uri.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard !hasControl, let url = URL(string: uri), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else { throw .invalidConnectionURI(uri) }
        return self
    }

    /// The script that connects, dot-sourced in the host's global scope so the imported commands stay;
    /// `nil` when there is nothing to do. The URI appears only as a single-quoted literal.
    public var connectScript: String? {
        switch self {
        case .existingShell:
            return nil
        case .remote(let uri):
            return """
                $global:JP1Session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri \(PowerShellQuoting.literal(uri)) -Authentication Kerberos -ErrorAction Stop
                Import-PSSession -Session $global:JP1Session -DisableNameChecking -AllowClobber -ErrorAction Stop | Out-Null
                """
        case .online:
            return "Connect-ExchangeOnline -ShowBanner:$false -ErrorAction Stop"
        }
    }

    /// The script that ends the session before the host is closed; `nil` when there is nothing to end.
    public var disconnectScript: String? {
        switch self {
        case .existingShell:
            return nil
        case .remote:
            return "if ($global:JP1Session) { Remove-PSSession -Session $global:JP1Session }"
        case .online:
            return "Disconnect-ExchangeOnline -Confirm:$false"
        }
    }
}
