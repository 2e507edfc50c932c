import Foundation
import JournalPlanRunner

/// A clock that never really sleeps: each sleep is recorded and moves the time forward at once.
final class ManualClock: MimecastClock, @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    private var waits: [Duration] = []
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func now() -> Date { lock.withLock { start.addingTimeInterval(offset) } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock {
            waits.append(duration)
            offset += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }

    /// Moves the time forward without recording a wait (time passing between calls).
    func advance(by seconds: TimeInterval) { lock.withLock { offset += seconds } }

    /// Every sleep so far, in order.
    var recordedWaits: [Duration] { lock.withLock { waits } }
}
