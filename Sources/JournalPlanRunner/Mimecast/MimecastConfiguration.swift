import Foundation

/// Where and as whom the Mimecast API 2.0 client connects.
///
/// The secret is held in a ``MimecastSecret`` that never prints itself, so a configuration can be
/// logged or interpolated without leaking it.
public struct MimecastConfiguration: Sendable, CustomStringConvertible {
    /// The global API host, used when `MIMECAST_BASE_URL` is not set.
    public static let defaultBaseURL = URL(string: "https://api.services.mimecast.com")!

    /// The OAuth 2 client id of the API 2.0 application.
    public var clientID: String
    /// The OAuth 2 client secret of the API 2.0 application.
    public var clientSecret: MimecastSecret
    /// The API host (global, US or UK); the token endpoint is on the same host.
    public var baseURL: URL
    /// How long one HTTP exchange may take before it counts as a transport failure.
    public var requestTimeout: Duration

    /// A configuration from explicit values.
    public init(
        clientID: String, clientSecret: MimecastSecret, baseURL: URL = Self.defaultBaseURL,
        requestTimeout: Duration = .seconds(60)
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.baseURL = baseURL
        self.requestTimeout = requestTimeout
    }

    /// Reads `MIMECAST_CLIENT_ID`, `MIMECAST_CLIENT_SECRET` and `MIMECAST_BASE_URL` (optional).
    ///
    /// - Throws: ``MimecastError/missingConfiguration(_:)`` naming the first missing variable, or
    ///   ``MimecastError/invalidBaseURL(_:)`` when the base URL is not an absolute http(s) URL.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func required(_ name: String) throws -> String {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
            else { throw MimecastError.missingConfiguration(name) }
            return value
        }
        let id = try required("MIMECAST_CLIENT_ID")
        let secret = try required("MIMECAST_CLIENT_SECRET")
        var base = Self.defaultBaseURL
        if let raw = environment["MIMECAST_BASE_URL"]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty {
            guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(),
                scheme == "https" || scheme == "http", url.host != nil
            else { throw MimecastError.invalidBaseURL(raw) }
            guard Self.isSecure(url) else { throw MimecastError.insecureBaseURL(raw) }
            base = url
        }
        self.init(clientID: id, clientSecret: MimecastSecret(secret), baseURL: base)
    }

    /// Whether `url` keeps the secret out of clear text: `https`, or `http` to a loopback address
    /// (`127.0.0.0/8`, `::1`, `localhost`), which never leaves the machine (the tests' stand-in servers).
    public static func isSecure(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host != nil
        case "http":
            guard var host = url.host?.lowercased() else { return false }
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            if host == "localhost" || host == "::1" { return true }
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
        default: return false
        }
    }

    /// The base URL and client id; never the secret.
    public var description: String { "Mimecast API \(baseURL.absoluteString) (client \(clientID))" }
}

/// A credential that redacts itself in every textual representation.
public struct MimecastSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The credential itself; read it only to put it on the wire.
    let value: String

    /// Wraps a credential.
    public init(_ value: String) { self.value = value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// A mirror without children, so `dump` and `print` cannot reveal the value.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
