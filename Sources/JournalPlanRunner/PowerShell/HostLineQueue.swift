import Foundation

/// Lines read from the host's standard output, handed to one waiting reader at a time.
///
/// A reader thread pushes lines and finally calls ``finish()``. The runner waits with ``next()``;
/// ``expire(_:)`` (from a deadline timer) makes the current and later waits of one request return
/// `.expired`, so a silent host can never hang the runner.
final class HostLineQueue: @unchecked Sendable {
    enum Event: Equatable {
        case line(String)
        case end
        case expired
    }

    private let lock = NSLock()
    private var lines: [String] = []
    private var head = 0
    private var finished = false
    private var generation = 0
    private var expired = false
    private var waiter: CheckedContinuation<Event, Never>?

    func push(_ line: String) {
        let resume: CheckedContinuation<Event, Never>? = lock.withLock {
            if let waiter {
                self.waiter = nil
                return waiter
            }
            lines.append(line)
            return nil
        }
        resume?.resume(returning: .line(line))
    }

    func finish() {
        let resume: CheckedContinuation<Event, Never>? = lock.withLock {
            finished = true
            defer { waiter = nil }
            return waiter
        }
        resume?.resume(returning: .end)
    }

    /// Starts a new request and returns its generation, for ``expire(_:)``.
    func beginRequest() -> Int {
        lock.withLock {
            generation += 1
            expired = false
            return generation
        }
    }

    /// Ends the waiting of request `generation` if it is still running; returns whether it did.
    @discardableResult
    func expire(_ generation: Int) -> Bool {
        let (applied, resume): (Bool, CheckedContinuation<Event, Never>?) = lock.withLock {
            guard generation == self.generation, !expired else { return (false, nil) }
            expired = true
            defer { waiter = nil }
            return (true, waiter)
        }
        resume?.resume(returning: .expired)
        return applied
    }

    /// Marks request `generation` answered, so a late deadline no longer applies; returns `false`
    /// when the deadline won the race.
    func endRequest(_ generation: Int) -> Bool {
        lock.withLock {
            guard generation == self.generation, !expired else { return false }
            self.generation += 1
            return true
        }
    }

    /// Whether the current request's deadline has passed.
    var isExpired: Bool { lock.withLock { expired } }

    /// The next line, `.end` once the host closed its output, or `.expired` after the deadline.
    func next() async -> Event {
        if let event = poll() { return event }
        return await withCheckedContinuation { continuation in
            let immediate: Event? = lock.withLock {
                if let event = takeLocked() { return event }
                waiter = continuation
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    /// What ``next()`` would return without waiting; `nil` when it would have to wait.
    func poll() -> Event? {
        lock.withLock { takeLocked() }
    }

    private func takeLocked() -> Event? {
        if expired { return .expired }
        if head < lines.count {
            let line = lines[head]
            head += 1
            if head > 4096, head * 2 > lines.count {
                lines.removeFirst(head)
                head = 0
            }
            return .line(line)
        }
        return finished ? .end : nil
    }
}

/// The last `limit` bytes of a stream (the host's standard error).
final class BoundedText: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let limit: Int

    init(limit: Int) { self.limit = max(0, limit) }

    func append(_ chunk: ArraySlice<UInt8>) {
        lock.withLock {
            bytes += chunk
            if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
        }
    }

    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
}
