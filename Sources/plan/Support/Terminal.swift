import Foundation
import JournalPlanCore

/// A write to standard output (or to `-o FILE`) that failed: the command stops and `plan` exits 2.
struct OutputWriteError: Error, CustomStringConvertible {
    var target: String
    var code: Int32

    var description: String { "\(target): cannot be written (\(String(cString: strerror(code))))" }
}

/// One open output: a file descriptor and the name errors give it.
struct OutputChannel: Sendable {
    var fd: Int32
    var name: String

    static let standardOutput = OutputChannel(fd: STDOUT_FILENO, name: "standard output")
    static let standardError = OutputChannel(fd: STDERR_FILENO, name: "standard error")

    /// Writes every byte, retrying short writes and EINTR; throws on any other failure.
    func write(_ bytes: [UInt8]) throws(OutputWriteError) {
        let code = bytes.withUnsafeBufferPointer { Self.writeAll(fd, $0) }
        if code != 0 { throw OutputWriteError(target: name, code: code) }
    }

    func write(_ text: String) throws(OutputWriteError) {
        var text = text
        let code = text.withUTF8 { Self.writeAll(fd, $0) }
        if code != 0 { throw OutputWriteError(target: name, code: code) }
    }

    /// 0, or the errno of the write that failed.
    private static func writeAll(_ fd: Int32, _ chunk: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let base = chunk.baseAddress else { return 0 }
        var offset = 0
        while offset < chunk.count {
            let n = Foundation.write(fd, base + offset, chunk.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }
}

/// Where output goes and whether it may be coloured. Every command writes its output through
/// ``write(_:)``, which is checked: a full disk or a closed pipe is an error the command returns, and
/// `plan` exits 2 (never a crash). The channels are task-local so tests can run a command in process
/// against a file or `/dev/full`.
enum Terminal {
    @TaskLocal static var output: OutputChannel = .standardOutput
    @TaskLocal static var errors: OutputChannel = .standardError
    @TaskLocal static var environment: [String: String] = ProcessInfo.processInfo.environment

    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The time `plan validate` checks windows against (JP313): the clock, or `JOURNALPLAN_NOW` (an RFC 3339
    /// time with an offset) for reproducible CI runs and tests.
    static var now: Timestamp {
        if let text = environment["JOURNALPLAN_NOW"], let fixed = Timestamp(text) { return fixed }
        return Timestamp(epochSeconds: Int(Date().timeIntervalSince1970), offsetMinutes: 0)
    }

    /// Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org: an
    /// empty NO_COLOR does not count).
    static func useColor(fd: Int32) -> Bool {
        !(environment["NO_COLOR"].map { !$0.isEmpty } ?? false) && isTTY(fd)
    }

    /// Whether the command's output channel may be coloured.
    static var colorOutput: Bool { useColor(fd: output.fd) }
    /// Whether standard error may be coloured.
    static var colorErrors: Bool { useColor(fd: errors.fd) }

    /// Writes `text` to the command's output; throws ``OutputWriteError`` when it cannot.
    static func write(_ text: String) throws(OutputWriteError) { try output.write(text) }

    /// Writes `text` to standard error. A failure there has nowhere to be reported and is ignored.
    static func writeError(_ text: String) { try? errors.write(text) }
}

/// Values kept alive until the process exits. The commands hand their large results (plans, graphs,
/// sources) here rather than letting them be torn down object by object on return: the process ends
/// right after, and the teardown costs a large plan several percent of its run.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []
    private static let lock = NSLock()

    static func keep(_ value: Any) {
        lock.lock()
        kept.append(value)
        lock.unlock()
    }
}
