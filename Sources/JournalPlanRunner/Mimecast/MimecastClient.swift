import Foundation

/// A client of the Mimecast API 2.0 journaling services (`/journaling/cloud-gateway/v1/services`).
///
/// It authenticates with OAuth 2 client credentials, renews the token before it expires and once
/// after a 401, waits out 429 answers (`X-RateLimit-Reset` in milliseconds or as an epoch time, `Retry-After` in seconds,
/// within ``MimecastRetryPolicy/maxRateLimitWait``), and retries idempotent calls on 5xx and transport
/// failures with exponential backoff. A create is never repeated blindly: after a failure the client
/// re-lists the services to find out whether it happened. Errors never contain the secret or a token.
public actor MimecastClient {
    /// Where the client connects; its description never shows the secret.
    public nonisolated let configuration: MimecastConfiguration
    /// Retry and renewal limits.
    public nonisolated let policy: MimecastRetryPolicy
    let clock: any MimecastClock
    let http: MimecastHTTP

    private var token: AccessToken?
    private var pendingToken: Task<AccessToken, any Error>?
    /// Every token this client has received, so that an echo in an error body can be redacted.
    private var issuedTokens: [String] = []

    /// A client for `configuration`, waiting with `clock` (inject a recording clock in tests).
    public init(
        configuration: MimecastConfiguration, clock: any MimecastClock = SystemMimecastClock(),
        policy: MimecastRetryPolicy = .standard
    ) {
        self.configuration = configuration
        self.clock = clock
        self.policy = policy
        http = MimecastHTTP(baseURL: configuration.baseURL, timeout: configuration.requestTimeout)
    }

    deinit {
        http.invalidate()
    }

    /// A client configured from `MIMECAST_CLIENT_ID`, `MIMECAST_CLIENT_SECRET` and `MIMECAST_BASE_URL`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any MimecastClock = SystemMimecastClock()
    ) throws -> MimecastClient {
        MimecastClient(configuration: try MimecastConfiguration(environment: environment), clock: clock)
    }

    /// The token endpoint, on the API host itself.
    static let tokenPath = "/oauth/token"

    struct AccessToken: Sendable {
        var value: String
        var renewAt: Date
    }

    // MARK: - Sending

    /// Sends an authenticated API request with the renewal, rate-limit and retry rules.
    func perform(_ request: MimecastRequest, idempotent: Bool) async throws -> MimecastResponse {
        var attempt = 1
        var renewedAfter401 = false
        var rateLimitWaits = 0
        while true {
            try Task.checkCancellation()
            let bearer = try await accessToken()
            let response: MimecastResponse
            do {
                response = try await http.send(request, bearer: bearer)
            } catch MimecastError.transport(let method, let path, let reason) {
                let failure = MimecastError.transport(method: method, path: path, reason: redact(reason))
                guard idempotent, attempt < policy.maxAttempts else { throw failure }
                try await clock.sleep(for: policy.backoff(after: attempt))
                attempt += 1
                continue
            }
            if response.isSuccess { return response }
            switch response.status {
            case 401 where !renewedAfter401:
                renewedAfter401 = true
                discardToken(bearer)
            case 401:
                throw MimecastError.authenticationFailed(status: 401, details: details(of: response))
            case 429:
                try await waitOutRateLimit(response, request: request, waits: &rateLimitWaits)
            case 500...599 where idempotent && attempt < policy.maxAttempts:
                try await clock.sleep(for: policy.backoff(after: attempt))
                attempt += 1
            default:
                throw MimecastError.http(
                    status: response.status, method: request.method, path: request.path,
                    details: details(of: response))
            }
        }
    }

    /// Sleeps as long as a 429 asks, or throws when it asks too often or for too long.
    private func waitOutRateLimit(_ response: MimecastResponse, request: MimecastRequest, waits: inout Int)
        async throws
    {
        let asked = Self.rateLimitDelay(response, now: clock.now())
        let wait = asked ?? policy.backoff(after: waits + 1)
        guard waits < policy.maxRateLimitRetries, wait <= policy.maxRateLimitWait else {
            throw MimecastError.rateLimited(method: request.method, path: request.path, retryAfterSeconds: asked?.seconds)
        }
        waits += 1
        try await clock.sleep(for: wait)
    }

    /// The longer of `X-RateLimit-Reset` and `Retry-After` (seconds), when either is readable.
    ///
    /// Mimecast documents `X-RateLimit-Reset` as milliseconds until the quota refills (API 1.0 docs,
    /// assumed for 2.0). Other APIs send an epoch time there; an epoch wait would be about 20 days, so a
    /// value of at least 10^9 is read as epoch seconds (10^12: epoch milliseconds), a point in time
    /// measured against the server's `Date` header when it sends one, else `now` (a past one: no wait).
    static func rateLimitDelay(_ response: MimecastResponse, now: Date) -> Duration? {
        let reference = response.serverDate ?? now
        let reset = response.header("X-RateLimit-Reset").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            .map { value -> Duration in
                switch value {
                case 1e12...: return .seconds(double: value / 1000 - reference.timeIntervalSince1970)
                case 1e9...: return .seconds(double: value - reference.timeIntervalSince1970)
                default: return .seconds(double: value / 1000)
                }
            }
        let retryAfter = response.header("Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            .map { Duration.seconds(double: $0) }
        switch (reset, retryAfter) {
        case (let a?, let b?): return max(a, b)
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (nil, nil): return nil
        }
    }

    func details(of response: MimecastResponse) -> [MimecastAPIErrorDetail] {
        MimecastErrorBody.details(from: response.body) { self.redact($0) }
    }

    /// Replaces the client secret and every issued token in `text` with `<redacted>`.
    func redact(_ text: String) -> String {
        var result = text
        for secret in [configuration.clientSecret.value] + issuedTokens where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return result
    }

    // MARK: - Token

    /// A valid access token: the cached one, one being fetched, or a new one.
    func accessToken() async throws -> String {
        if let token, clock.now() < token.renewAt { return token.value }
        if let pendingToken { return try await pendingToken.value.value }
        let task = Task { try await self.fetchToken() }
        pendingToken = task
        do {
            let fresh = try await task.value
            token = fresh
            pendingToken = nil
            return fresh.value
        } catch {
            pendingToken = nil
            throw error
        }
    }

    private func discardToken(_ value: String) {
        if token?.value == value { token = nil }
    }

    private func fetchToken() async throws -> AccessToken {
        let form = [
            ("grant_type", "client_credentials"), ("client_id", configuration.clientID),
            ("client_secret", configuration.clientSecret.value),
        ]
        let request = MimecastRequest(
            method: "POST", path: Self.tokenPath, body: Data(FormEncoding.encode(form).utf8),
            contentType: "application/x-www-form-urlencoded")
        var attempt = 1
        var rateLimitWaits = 0
        while true {
            let requestedAt = clock.now()
            let response: MimecastResponse
            do {
                response = try await http.send(request, bearer: nil)
            } catch MimecastError.transport(let method, let path, let reason) {
                let failure = MimecastError.transport(method: method, path: path, reason: redact(reason))
                guard attempt < policy.maxAttempts else { throw failure }
                try await clock.sleep(for: policy.backoff(after: attempt))
                attempt += 1
                continue
            }
            switch response.status {
            case 200..<300:
                return try readToken(response, requestedAt: requestedAt)
            case 429:
                try await waitOutRateLimit(response, request: request, waits: &rateLimitWaits)
            case 500...599 where attempt < policy.maxAttempts:
                try await clock.sleep(for: policy.backoff(after: attempt))
                attempt += 1
            default:
                throw MimecastError.authenticationFailed(status: response.status, details: details(of: response))
            }
        }
    }

    private func readToken(_ response: MimecastResponse, requestedAt: Date) throws -> AccessToken {
        guard let object = LooseJSON.parse(response.body)?.object,
            let value = object["access_token"]?.string, !value.isEmpty
        else {
            throw MimecastError.invalidResponse(
                method: "POST", path: "/oauth/token", reason: "no access_token in the token response")
        }
        issuedTokens.append(value)
        // Token lifetime is documented inconsistently (30 or 60 minutes): trust expires_in, else assume 30.
        let lifetime = Double(object["expires_in"]?.int ?? 1800)
        let margin = min(policy.tokenRenewalMargin.seconds, lifetime / 2)
        return AccessToken(value: value, renewAt: requestedAt.addingTimeInterval(lifetime - margin))
    }
}

/// `application/x-www-form-urlencoded` as HTML defines it: `*-._` and alphanumerics kept, space as `+`.
enum FormEncoding {
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "):
                out.append("+")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
