import Foundation
import JournalPlanCore
import JournalPlanRunner

/// `plan run`'s console: the runner's terminal console, with the report written through the command's
/// checked output. A report line that cannot be written does not stop the run (the state file is its
/// record); the first failure is kept and makes the command exit 2 at the end.
final class CheckedConsole: RunConsole, @unchecked Sendable {
    private let terminal = TerminalConsole()
    private let output = Terminal.output
    /// Colour on a terminal, as `plan validate` does (and never with a non-empty NO_COLOR).
    private let painter = TextDiagnosticFormatter(colorize: Terminal.colorOutput)
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
            try output.write(Self.styled(line, painter) + "\n")
        } catch {
            lock.lock()
            if failure == nil { failure = error }
            lock.unlock()
        }
    }

    /// The report line with its status word coloured: `done` and `run complete` green, `failed` red,
    /// `gate`, `held` and `paused` yellow, `undone` and `skip` cyan. Without colour, the line as it is.
    static func styled(_ line: String, _ painter: TextDiagnosticFormatter) -> String {
        guard painter.colorize else { return line }
        let styles: [(String, String)] = [
            ("done ", "32"), ("run complete", "32"), ("failed ", "31"), ("failure inside the outage", "31"),
            ("gate ", "33"), ("held ", "33"), ("paused", "33"), ("undone ", "36"), ("skip ", "36"),
        ]
        for (prefix, code) in styles where line.hasPrefix(prefix) {
            let word = prefix.hasSuffix(" ") ? String(prefix.dropLast()) : prefix
            return painter.paint(word, code) + line.dropFirst(word.count)
        }
        return line
    }

    /// Notes and progress go to standard error through the checked path: an unwritable standard error
    /// (`2> /dev/full`) loses them but never crashes the run (FileHandle.write traps on a write error).
    func note(_ line: String) { Terminal.writeError(line + "\n") }
    func progress(_ line: String) {
        guard Terminal.isTTY(Terminal.errors.fd) else { return }
        Terminal.writeError("\r\u{1B}[K" + line)
    }
    func confirm(_ reason: GateReason, expected: String) -> Bool? { terminal.confirm(reason, expected: expected) }
}
