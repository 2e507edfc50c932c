import Foundation

/// Why the PowerShell host could not run a script. A script that ran and failed is not an error:
/// it is a ``HostResult`` with `succeeded == false`.
public enum PowerShellHostError: Error, Sendable, CustomStringConvertible {
    /// The `--shell` command line cannot be split into arguments.
    case invalidCommandLine(String)
    /// The host program could not be started.
    case launchFailed(command: String, reason: String)
    /// No answer within the time allowed; the host was killed and the next call starts a new one.
    case timedOut(seconds: Double, stderr: String)
    /// The host process ended (or closed its output) before it answered.
    case hostExited(status: Int32?, stderr: String)
    /// The host stopped reading its input.
    case brokenPipe(stderr: String)
    /// The host wrote something that breaks the `JP1` framing.
    case protocolViolation(String, stderr: String)
    /// The connect script (remote session or Exchange Online) failed.
    case connectionFailed([HostErrorRecord], stderr: String)
    /// The call was cancelled; the host was killed because its state is unknown.
    case cancelled

    /// A one-line explanation, with the tail of the host's standard error when there is one.
    public var description: String {
        switch self {
        case .invalidCommandLine(let reason):
            return "--shell: \(reason)"
        case .launchFailed(let command, let reason):
            return "cannot start the PowerShell host '\(command)': \(reason)"
        case .timedOut(let seconds, let stderr):
            return "the PowerShell host did not answer within \(MimecastError.seconds(seconds)); it was stopped"
                + Self.tail(stderr)
        case .hostExited(let status, let stderr):
            let how = status.map { "with status \($0)" } ?? "without an exit status"
            return "the PowerShell host exited \(how) before it answered" + Self.tail(stderr)
        case .brokenPipe(let stderr):
            return "the PowerShell host stopped reading its input" + Self.tail(stderr)
        case .protocolViolation(let what, let stderr):
            return "the PowerShell host broke the JP1 protocol: \(what)" + Self.tail(stderr)
        case .connectionFailed(let errors, let stderr):
            return "connecting the PowerShell host to Exchange failed: "
                + errors.map(\.description).joined(separator: "; ") + Self.tail(stderr)
        case .cancelled:
            return "the PowerShell command was cancelled; the host was stopped"
        }
    }

    private static func tail(_ stderr: String) -> String {
        let trimmed = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "" : "\nhost stderr:\n\(trimmed)"
    }
}
