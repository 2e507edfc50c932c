import Foundation

extension MimecastClient {
    /// Polls a service until its queue is observed empty (`queueSize == 0`) and returns that reading.
    ///
    /// A reading without `queueSize` is never taken for empty. `progress` sees every reading.
    ///
    /// - Throws: ``MimecastError/drainTimedOut(id:lastQueueSize:waitedSeconds:)`` when `timeout` passes
    ///   first; API errors as they come.
    public func waitUntilDrained(
        id: String, timeout: Duration, pollEvery: Duration,
        progress: (@Sendable (JournalService) -> Void)? = nil
    ) async throws -> JournalService {
        var lastSize: Int?
        return try await poll(timeout: timeout, pollEvery: pollEvery) { [self] in
            let current = try await service(id: id)
            progress?(current)
            lastSize = current.queueSize ?? lastSize
            return current.queueSize == 0 ? current : nil
        } timedOut: { waited in
            MimecastError.drainTimedOut(id: id, lastQueueSize: lastSize, waitedSeconds: waited)
        }
    }

    /// Polls a service until `statusInfo.lastReceivedDateTime` is later than `since` (or, with no
    /// baseline, until it reports any time at all) and returns that reading. A time ahead of Mimecast's
    /// clock never counts (see ``isNewTraffic(_:since:now:)``).
    ///
    /// Take the baseline from a Mimecast reading made before traffic is expected (before transport
    /// restarts), never from the local clock.
    ///
    /// - Throws: ``MimecastError/noNewTraffic(id:lastReceived:waitedSeconds:)`` when `timeout` passes first.
    public func waitForNewTraffic(
        id: String, since: Date?, timeout: Duration, pollEvery: Duration,
        progress: (@Sendable (JournalService) -> Void)? = nil
    ) async throws -> JournalService {
        var lastText: String?
        return try await poll(timeout: timeout, pollEvery: pollEvery) { [self] in
            let current = try await service(id: id)
            progress?(current)
            lastText = current.lastReceivedText ?? lastText
            return Self.isNewTraffic(current, since: since, now: clock.now()) ? current : nil
        } timedOut: { waited in
            MimecastError.noNewTraffic(id: id, lastReceived: lastText, waitedSeconds: waited)
        }
    }

    /// Whether `reading` shows traffic after the baseline `since` (any traffic when `since` is nil).
    ///
    /// Both times are Mimecast's: `since` is a `lastReceivedDateTime` read earlier. A `lastReceivedDateTime`
    /// more than a second ahead of the reading's own `Date` header (Mimecast's clock; `now` when the
    /// response had none) is in the future and never counts: a clock error is not proof of delivery.
    public static func isNewTraffic(_ reading: JournalService, since: Date?, now: Date) -> Bool {
        guard let received = reading.lastReceived else { return false }
        if received > (reading.serverDate ?? now).addingTimeInterval(1) { return false }
        return since.map { received > $0 } ?? true
    }

    /// Runs `probe` until it returns a value, sleeping `pollEvery` (at least one second) between tries.
    private func poll<T: Sendable>(
        timeout: Duration, pollEvery: Duration, _ probe: () async throws -> T?,
        timedOut: (Double) -> MimecastError
    ) async throws -> T {
        let start = clock.now()
        let deadline = start.addingTimeInterval(timeout.seconds)
        let interval = max(pollEvery, .seconds(1))
        while true {
            if let done = try await probe() { return done }
            let remaining = deadline.timeIntervalSince(clock.now())
            guard remaining > 0 else { throw timedOut(clock.now().timeIntervalSince(start)) }
            try await clock.sleep(for: min(interval, .seconds(double: remaining)))
        }
    }
}
