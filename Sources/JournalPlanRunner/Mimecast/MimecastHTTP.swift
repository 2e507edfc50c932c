import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP request as the client builds it, before the bearer token is added.
struct MimecastRequest: Sendable {
    var method: String
    var path: String
    var query: [(String, String)] = []
    var body: Data? = nil
    var contentType: String? = nil

    /// The method and path, for messages (never the query or body).
    var label: String { "\(method) \(path)" }
}

/// One HTTP response: status, headers with lower-cased names, body.
struct MimecastResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? { headers[name.lowercased()] }
    var isSuccess: Bool { (200..<300).contains(status) }

    /// The server's clock: the `Date` header (RFC 9110 IMF-fixdate), when it sends a readable one.
    var serverDate: Date? { header("Date").flatMap(Self.httpDate) }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }
}

/// Sends requests with URLSession (FoundationNetworking on Linux), no caching and no cookies.
struct MimecastHTTP: Sendable {
    let baseURL: URL
    let session: URLSession

    init(baseURL: URL, timeout: Duration) {
        self.baseURL = baseURL
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = timeout.seconds
        configuration.timeoutIntervalForResource = timeout.seconds
        // A session delegate, not a per-task one: FoundationNetworking consults only the session's
        // delegate about redirects of `data(for:)` (a task delegate passed there is not asked).
        session = URLSession(
            configuration: configuration, delegate: SameOriginRedirects(origin: Origin(baseURL)), delegateQueue: nil)
    }

    /// Lets running tasks finish, then releases the session.
    func invalidate() { session.finishTasksAndInvalidate() }

    func url(for request: MimecastRequest) -> URL? {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return nil }
        let basePath = components.percentEncodedPath.hasSuffix("/")
            ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = basePath + request.path
        if !request.query.isEmpty {
            components.queryItems = request.query.map { URLQueryItem(name: $0.0, value: $0.1) }
        }
        return components.url
    }

    /// Sends `request` to the base URL's origin. A redirect is followed only to the same origin, and never
    /// for the token endpoint; any other redirect comes back as
    /// ``MimecastError/redirectRefused(method:path:location:)`` without a byte sent to its target.
    /// Plain `http` to a host that is not loopback is refused before anything is sent.
    func send(_ request: MimecastRequest, bearer: String?) async throws -> MimecastResponse {
        guard MimecastConfiguration.isSecure(baseURL) else {
            throw MimecastError.insecureBaseURL(baseURL.absoluteString)
        }
        guard let url = url(for: request) else {
            throw MimecastError.transport(method: request.method, path: request.path, reason: "cannot form a URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let bearer { urlRequest.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        if let body = request.body {
            urlRequest.httpBody = body
            urlRequest.setValue(request.contentType ?? "application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // The error text of URLSession names the URL at most; it never contains the request headers.
            throw MimecastError.transport(
                method: request.method, path: request.path, reason: (error as NSError).localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else {
            throw MimecastError.invalidResponse(method: request.method, path: request.path, reason: "not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        if [301, 302, 303, 307, 308].contains(http.statusCode) {
            let location = headers["location"].flatMap { URL(string: $0, relativeTo: url)?.absoluteURL }
            let target = location.map { Origin($0).description + $0.path } ?? "an unnamed location"
            throw MimecastError.redirectRefused(method: request.method, path: request.path, location: target)
        }
        return MimecastResponse(status: http.statusCode, headers: headers, body: data)
    }
}

/// Scheme, host and port: what a redirect must keep for the client to follow it.
struct Origin: Equatable, CustomStringConvertible {
    var scheme: String
    var host: String
    var port: Int?

    init(_ url: URL) {
        scheme = url.scheme?.lowercased() ?? ""
        host = url.host?.lowercased() ?? ""
        port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
    }

    var description: String { "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "") }
}

/// URLSession follows redirects with every header of the original request, the bearer token included,
/// and re-posts a 307/308 (the token endpoint's client secret) to wherever it points. This delegate lets
/// a redirect through only within the configured origin; a refused one ends the task with the 3xx
/// response itself, which ``MimecastHTTP/send(_:bearer:)`` turns into an error.
final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    let origin: Origin

    init(origin: Origin) { self.origin = origin }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let isToken = task.originalRequest?.url?.path.hasSuffix(MimecastClient.tokenPath) ?? true
        guard !isToken, let next = request.url, Origin(next) == origin else { return completionHandler(nil) }
        completionHandler(request)
    }
}
