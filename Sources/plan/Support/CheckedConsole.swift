import Foundation
import JournalPlanCore
import JournalPlanRunner

/// `plan run`'s console: the runner's terminal console, with the report written through the command's
/// checked output. A report line that cannot be written does not stop the run (the state file is its
/// record); the first failure is kept and makes the command exit 2 at the end.
final class CheckedConsole: RunConsole, @unchecked Sendable {
    private let terminal = TerminalConsole()
    private let output = Terminal.output
    private let lock = NSLock()
    private var failure: OutputWriteError?

    /// The first report line that could not be written.
    var writeFailure: OutputWriteError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    func say(_ line: String) {
        do {
            try output.write(line + "\n")
        } catch {
            lock.lock()
            if failure == nil { failure = error }
            lock.unlock()
        }
    }

    func note(_ line: String) { terminal.note(line) }
    func progress(_ line: String) { terminal.progress(line) }
    func confirm(_ reason: GateReason, expected: String) -> Bool? { terminal.confirm(reason, expected: expected) }
}
