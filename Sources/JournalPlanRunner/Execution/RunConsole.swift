import Foundation

/// Where a run talks to people: progress lines, notes, and typed confirmations at gates.
public protocol RunConsole: Sendable {
    /// A line of the run's report (standard output).
    func say(_ line: String)
    /// A warning or note (standard error).
    func note(_ line: String)
    /// A transient progress line for long waits (only shown on a terminal).
    func progress(_ line: String)
    /// Shows the gate and asks the person to type `expected`; nil when nobody can be asked.
    func confirm(_ reason: GateReason, expected: String) -> Bool?
}

/// The process's terminal: stdout for the report, stderr for notes and progress (progress and prompts
/// only when stderr / stdin are terminals).
public struct TerminalConsole: RunConsole {
    public init() {}

    public func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    public func note(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    public func progress(_ line: String) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    public func confirm(_ reason: GateReason, expected: String) -> Bool? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var text = "\n\(reason.title)\n"
        for line in reason.instructions { text += "  \(line)\n" }
        text += "Type '\(expected)' to approve (anything else pauses the run): "
        FileHandle.standardError.write(Data(text.utf8))
        guard let answer = readLine() else { return false }
        return answer.trimmingCharacters(in: .whitespaces) == expected
    }
}
