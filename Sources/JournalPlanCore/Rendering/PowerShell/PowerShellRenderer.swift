/// Renders the typed command model as PowerShell source. Plan values only ever become single-quoted
/// literals (``PowerShellQuoting/literal(_:)``) or references to the variables that hold them.
public enum PowerShellRenderer {
    /// A value as PowerShell source.
    public static func value(_ value: PowerShellValue) -> String { source { $0.value(value) } }

    /// `$jpName = '<literal>'`.
    public static func declaration(_ variable: PowerShellVariable) -> String { source { $0.declaration(variable) } }

    /// The declarations of every variable the given commands reference, in first-use order: what an
    /// adapter sends before the commands.
    public static func declarations(for commands: [PowerShellCommand]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        func visit(_ v: PowerShellValue) {
            switch v {
            case .variable(let variable):
                if seen.insert(variable.name).inserted { out.append(declaration(variable)) }
            case .mailboxDatabase(let of, let dc):
                visit(of)
                if let dc { visit(dc) }
            default: break
            }
        }
        for command in commands {
            for parameter in command.parameters { if let v = parameter.value { visit(v) } }
            if let server = command.server { visit(server) }
        }
        return out
    }

    /// `Cmdlet -Name value -Switch -Confirm:$false`.
    public static func command(_ command: PowerShellCommand) -> String { source { $0.command(command) } }

    /// A command and its `Where-Object` filter.
    public static func pipeline(_ pipeline: PowerShellPipeline) -> String { source { $0.pipeline(pipeline) } }

    /// One property test on `$_`.
    public static func test(_ test: PropertyTest) -> String { source { $0.test(test) } }

    /// A condition as a boolean PowerShell expression.
    public static func condition(_ condition: PowerShellCondition) -> String { source { $0.condition(condition) } }

    /// A condition split over lines at its top-level `-and`/`-or`, for reading.
    public static func conditionLines(_ condition: PowerShellCondition) -> [String] {
        lines { $0.conditionLines(condition) }
    }

    /// One operator line of a gate: `Write-Host ('text' + $jpValue)`.
    public static func gateLine(_ line: GateLine) -> String { source { $0.gateLine(line) } }

    /// The lines of one action.
    public static func action(_ action: ProgramAction) -> [String] { lines { $0.action(action) } }

    private static func source(_ write: (inout PowerShellSource) -> Void) -> String {
        var out = PowerShellSource()
        write(&out)
        return out.text
    }

    private static func lines(_ write: (inout ScriptWriter) -> Void) -> [String] {
        var writer = ScriptWriter()
        write(&writer)
        var lines = writer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // after the final newline
        return lines
    }
}
