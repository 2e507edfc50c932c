import Foundation

/// How to start and connect the PowerShell host.
public struct PowerShellHostConfiguration: Sendable {
    /// `pwsh -NoProfile -NonInteractive -Command -`: PowerShell 7 reading commands from standard input.
    public static let defaultShell = "pwsh -NoProfile -NonInteractive -Command -"

    /// The host's command line, split into program and arguments.
    public var arguments: [String]
    /// How the host reaches Exchange before the first script.
    public var connection: ExchangeConnection
    /// The host's environment; `nil` inherits the runner's.
    public var environment: [String: String]?
    /// How long starting the host and connecting may take (remote sessions can be slow).
    public var startupTimeout: Duration
    /// How much of the host's standard error is kept (the tail), in bytes.
    public var stderrLimit: Int
    /// How many lines printed outside a response are kept per script.
    public var hostOutputLimit: Int
    /// Longer output lines are cut (a host that never ends a line cannot exhaust memory).
    public var maxLineLength: Int
    /// The most lines one answer may have (with the lines printed before it); past it the command fails
    /// and the host is stopped.
    public var maxResponseLines: Int
    /// The most bytes one answer may have, likewise.
    public var maxResponseBytes: Int
    /// How many bytes of output may wait unread; the host's own writes block beyond it.
    public var queuedOutputLimit: Int
    /// How long one script may take when the caller gives no timeout of its own.
    public var commandTimeout: Duration
    /// Texts removed from everything the host says (output, error records, standard error) before it
    /// reaches the state, the audit log or the console: by default the values of the runner's
    /// `MIMECAST_*` variables that hold a secret (a host could find them in a profile or a file).
    public var secrets: [String]

    /// A configuration from a `--shell` command line (split like a shell would, without running one).
    ///
    /// - Throws: ``PowerShellHostError/invalidCommandLine(_:)`` for an empty or badly quoted command
    ///   line or an unusable connection URI.
    public init(
        shell: String = Self.defaultShell, connection: ExchangeConnection = .existingShell,
        environment: [String: String]? = nil, startupTimeout: Duration = .seconds(300)
    ) throws(PowerShellHostError) {
        do {
            arguments = try ShellCommandLine.split(shell)
        } catch {
            throw .invalidCommandLine(error.description)
        }
        do {
            self.connection = try connection.validated()
        } catch {
            throw .invalidCommandLine(error.description)
        }
        self.environment = environment
        self.startupTimeout = startupTimeout
        stderrLimit = 65_536
        hostOutputLimit = 1000
        maxLineLength = 1 << 20
        maxResponseLines = 100_000
        maxResponseBytes = 32 << 20
        queuedOutputLimit = 4 << 20
        commandTimeout = .seconds(600)
        secrets = Self.secrets(in: ProcessInfo.processInfo.environment)
    }

    /// The values of `MIMECAST_*` variables whose name says they hold a secret (secret, token, password, key).
    public static func secrets(in environment: [String: String]) -> [String] {
        environment.compactMap { name, value in
            let upper = name.uppercased()
            guard upper.hasPrefix("MIMECAST_"), !value.isEmpty,
                ["SECRET", "TOKEN", "PASSWORD", "KEY"].contains(where: upper.contains)
            else { return nil }
            return value
        }.sorted()
    }
}
