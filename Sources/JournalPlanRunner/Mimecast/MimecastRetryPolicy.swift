/// How hard the Mimecast client tries before it gives up on a call.
public struct MimecastRetryPolicy: Sendable, Equatable {
    /// Total attempts of an idempotent call (GET, DELETE, PATCH of `enabled`) that meets 5xx or a
    /// transport failure; the first attempt included.
    public var maxAttempts: Int
    /// The wait before the second attempt; it doubles for each further attempt.
    public var initialBackoff: Duration
    /// The longest backoff between two attempts.
    public var maxBackoff: Duration
    /// How many 429 answers in a row one call may wait out.
    public var maxRateLimitRetries: Int
    /// The longest wait a 429 may ask for; a longer one fails the call with ``MimecastError/rateLimited(method:path:retryAfterSeconds:)``.
    public var maxRateLimitWait: Duration
    /// Renew the access token this long before `expires_in` runs out (halved for very short tokens).
    public var tokenRenewalMargin: Duration

    /// A policy from explicit values.
    public init(
        maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(8),
        maxRateLimitRetries: Int = 5, maxRateLimitWait: Duration = .seconds(120),
        tokenRenewalMargin: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRateLimitRetries = max(0, maxRateLimitRetries)
        self.maxRateLimitWait = maxRateLimitWait
        self.tokenRenewalMargin = tokenRenewalMargin
    }

    /// Four attempts, 0.5 s doubling to 8 s, five 429 waits of at most two minutes, renew 60 s early.
    public static let standard = MimecastRetryPolicy()

    /// The wait after failed attempt number `attempt` (1-based).
    func backoff(after attempt: Int) -> Duration {
        var wait = initialBackoff
        for _ in 1..<max(1, attempt) where wait < maxBackoff { wait *= 2 }
        return min(wait, maxBackoff)
    }
}
