import Foundation

/// One error reported by the Mimecast API in its response body.
public struct MimecastAPIErrorDetail: Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable code (`err_validation_missing_field`, OAuth `invalid_client`, …), if any.
    public var code: String?
    /// The human-readable message, if any.
    public var message: String?
    /// The request field the error is about, if any.
    public var field: String?

    /// A detail from its parts.
    public init(code: String? = nil, message: String? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// `code: message (field)`, leaving out what is missing.
    public var description: String {
        var text = [code, message].compactMap { $0 }.joined(separator: ": ")
        if let field { text += text.isEmpty ? "field \(field)" : " (field \(field))" }
        return text.isEmpty ? "no details" : text
    }
}

/// Why a Mimecast API call failed. No case ever carries the client secret or an access token.
public enum MimecastError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// A required environment variable is not set.
    case missingConfiguration(String)
    /// `MIMECAST_BASE_URL` is not an absolute http(s) URL.
    case invalidBaseURL(String)
    /// The base URL is plain `http` to a host that is not a loopback address: the secret would travel
    /// in clear. Nothing is sent.
    case insecureBaseURL(String)
    /// The API answered with a redirect the client does not follow: to another origin (scheme, host or
    /// port), or any redirect of the token endpoint. Nothing was sent to the redirect's target.
    case redirectRefused(method: String, path: String, location: String)
    /// The token endpoint refused the client credentials, or a renewed token was refused again.
    case authenticationFailed(status: Int, details: [MimecastAPIErrorDetail])
    /// The API answered with an error status that is not retried (or no longer retried).
    case http(status: Int, method: String, path: String, details: [MimecastAPIErrorDetail])
    /// The API kept answering 429, or asked for a longer wait than the client accepts.
    case rateLimited(method: String, path: String, retryAfterSeconds: Double?)
    /// The request did not reach the API or no response came back.
    case transport(method: String, path: String, reason: String)
    /// The response body could not be read as the expected JSON.
    case invalidResponse(method: String, path: String, reason: String)
    /// No journaling service matched.
    case serviceNotFound(String)
    /// More than one journaling service matched; carries the ids of all of them.
    case ambiguousService(String, ids: [String])
    /// A create call failed with a server or transport error, and a re-list found no service it could
    /// have created; `reason` is the original failure.
    case createFailed(description: String, reason: String)
    /// A DELETE was answered (`answered`: its status, 404 included) but a re-list still shows the service.
    case deletionNotConfirmed(id: String, answered: Int)
    /// The connector's queue was not observed empty before the timeout.
    case drainTimedOut(id: String, lastQueueSize: Int?, waitedSeconds: Double)
    /// The connector's last-received time did not advance before the timeout.
    case noNewTraffic(id: String, lastReceived: String?, waitedSeconds: Double)

    /// A one-line explanation for the operator.
    public var description: String {
        switch self {
        case .missingConfiguration(let name):
            return "\(name) is not set; the Mimecast API adapter needs MIMECAST_CLIENT_ID and MIMECAST_CLIENT_SECRET"
        case .invalidBaseURL(let raw):
            return "MIMECAST_BASE_URL '\(raw)' is not an absolute http(s) URL"
        case .insecureBaseURL(let raw):
            return "the Mimecast API URL '\(raw)' is plain http; use https (plain http is accepted only on a loopback address, for tests)"
        case .redirectRefused(let method, let path, let location):
            return "\(method) \(path) was redirected to \(location); the client does not follow it, so no "
                + "credential or token left the configured host. Check MIMECAST_BASE_URL (global, US or UK host)"
        case .authenticationFailed(let status, let details):
            return "Mimecast refused the client credentials (HTTP \(status)): \(Self.join(details))"
        case .http(let status, let method, let path, let details):
            return "\(method) \(path) failed with HTTP \(status)\(Self.hint(status)): \(Self.join(details))"
        case .rateLimited(let method, let path, let seconds):
            let wait = seconds.map { " (asked to wait \(Self.seconds($0)))" } ?? ""
            return "\(method) \(path) is rate limited by Mimecast\(wait); try again later"
        case .transport(let method, let path, let reason):
            return "\(method) \(path) did not complete: \(reason)"
        case .invalidResponse(let method, let path, let reason):
            return "\(method) \(path) returned a response that could not be read: \(reason)"
        case .serviceNotFound(let criteria):
            return "no Mimecast journaling service matches \(criteria)"
        case .ambiguousService(let criteria, let ids):
            return "\(ids.count) Mimecast journaling services match \(criteria) (ids \(ids.joined(separator: ", "))); make the match unique"
        case .createFailed(let description, let reason):
            return "creating journaling service '\(description)' failed and a re-list shows it was not created: \(reason)"
        case .deletionNotConfirmed(let id, let answered):
            return "Mimecast answered HTTP \(answered) to deleting journaling service \(id) but still lists it; "
                + "it is not deleted. Check it in the Administration Console before going on"
        case .drainTimedOut(let id, let size, let waited):
            let last = size.map { "queue size \($0)" } ?? "queue size never reported"
            return "journaling service \(id) did not drain within \(Self.seconds(waited)) (last seen: \(last))"
        case .noNewTraffic(let id, let last, let waited):
            return "journaling service \(id) received nothing new within \(Self.seconds(waited)) (last received: \(last ?? "never"))"
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }

    private static func join(_ details: [MimecastAPIErrorDetail]) -> String {
        details.isEmpty ? "no details in the response" : details.map(\.description).joined(separator: "; ")
    }

    private static func hint(_ status: Int) -> String {
        switch status {
        case 403: return " (the API application lacks a journaling permission)"
        case 404: return " (not found)"
        case 409: return " (conflict)"
        default: return ""
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : String(format: "%.1fs", value)
    }
}
