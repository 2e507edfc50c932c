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
        session = URLSession(configuration: configuration)
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

    func send(_ request: MimecastRequest, bearer: String?) async throws -> MimecastResponse {
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
        return MimecastResponse(status: http.statusCode, headers: headers, body: data)
    }
}
