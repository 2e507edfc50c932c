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
        maxLineLength = 16 << 20
    }
}
