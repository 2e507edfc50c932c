import Dispatch
import Synchronization

/// Lines read from the host's standard output, as an `AsyncStream` with a bound on what waits unread.
///
/// The reader thread ``push(_:)``es each line; while `limit` bytes of lines are queued and not yet
/// ``taken(_:)``, it blocks, so a host that floods its output stalls in its own write instead of filling
/// the runner's memory (the command's deadline then ends it). ``close()`` releases a blocked reader for
/// good once nobody reads any more. Only the one reader of the current request iterates ``lines``.
final class HostLineQueue: Sendable {
    let lines: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    /// Bytes queued and unread, and whether the queue is closed.
    private let queued = Mutex((bytes: 0, closed: false))
    /// Signalled whenever room is made or the queue closes.
    private let room = DispatchSemaphore(value: 0)
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
        (lines, continuation) = AsyncStream.makeStream(of: String.self)
    }

    /// Queues `line`, waiting while the queue is full; drops it once the queue is closed.
    func push(_ line: String) {
        let size = line.utf8.count + 1
        while true {
            let admitted: Bool? = queued.withLock { state in
                if state.closed { return nil }
                guard state.bytes == 0 || state.bytes + size <= limit else { return false }
                state.bytes += size
                return true
            }
            switch admitted {
            case nil: return
            case true?:
                continuation.yield(line)
                return
            case false?:
                room.wait()
            }
        }
    }

    /// The host closed its output.
    func finish() { continuation.finish() }

    /// A reader took `line` off the stream: its bytes no longer count.
    func taken(_ line: String) {
        queued.withLock { $0.bytes -= line.utf8.count + 1 }
        room.signal()
    }

    /// Nobody reads any more (the host is being discarded): the reader thread stops waiting for room.
    func close() {
        queued.withLock { $0.closed = true }
        room.signal()
        continuation.finish()
    }
}

/// The last `limit` bytes of a stream (the host's standard error).
final class BoundedText: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let limit: Int

    init(limit: Int) { self.limit = max(0, limit) }

    func append(_ chunk: ArraySlice<UInt8>) {
        bytes.withLock { bytes in
            bytes += chunk
            if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
        }
    }

    var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
}

/// The host's exit status once Foundation reports it, for any number of waiters, each with a grace
/// period; no polling.
final class HostExit: Sendable {
    private let state = Mutex<(status: Int32?, waiters: [AsyncStream<Int32>.Continuation])>((nil, []))

    /// From the process's termination handler.
    func record(_ status: Int32) {
        let waiters = state.withLock { state in
            state.status = status
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.yield(status)
            waiter.finish()
        }
    }

    var status: Int32? { state.withLock { $0.status } }

    /// The status, waiting up to `grace` for it; nil when the process has not ended by then.
    func wait(grace: Duration) async -> Int32? {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let known: Int32? = state.withLock { state in
            if state.status == nil { state.waiters.append(continuation) }
            return state.status
        }
        if let known { return known }
        return await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await status in stream { return status }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            continuation.finish()
            return first ?? status
        }
    }
}
