import Foundation

/// The time source and sleeper the Mimecast client waits with; tests inject one that records waits.
public protocol MimecastClock: Sendable {
    /// The current wall-clock time (token expiry, gate deadlines, last-received comparisons).
    func now() -> Date
    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemMimecastClock: MimecastClock {
    /// The system clock.
    public init() {}
    /// `Date()`.
    public func now() -> Date { Date() }
    /// `Task.sleep(for:)`.
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// A duration from (fractional) seconds, clamped at zero.
    static func seconds(double value: Double) -> Duration {
        .milliseconds(Int64((max(0, value) * 1000).rounded()))
    }
}
