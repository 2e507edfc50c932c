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
    /// baseline, until it reports any time at all) and returns that reading.
    ///
    /// Take the baseline from a reading made before traffic is expected (e.g. before transport restarts).
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
            guard let received = current.lastReceived else { return nil }
            return since.map { received > $0 } ?? true ? current : nil
        } timedOut: { waited in
            MimecastError.noNewTraffic(id: id, lastReceived: lastText, waitedSeconds: waited)
        }
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
