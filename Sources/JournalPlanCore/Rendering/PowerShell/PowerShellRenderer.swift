/// Renders the typed command model as PowerShell source. Plan values only ever become single-quoted
/// literals (``PowerShellQuoting/literal(_:)``) or references to the variables that hold them.
public enum PowerShellRenderer {
    /// A value as PowerShell source.
    public static func value(_ value: PowerShellValue) -> String {
        switch value {
        case .string(let s): PowerShellQuoting.literal(s)
        case .bool(let b): b ? "$true" : "$false"
        case .int(let i): String(i)
        case .stringArray(let items): "@(" + items.map(PowerShellQuoting.literal).joined(separator: ", ") + ")"
        case .null: "$null"
        case .variable(let v): "$" + v.name
        case .runtime(let r): "$" + r.rawValue
        case .remembered(let name): "(Get-JpRemembered -Name \(PowerShellQuoting.literal(name)))"
        case .now: "(Get-Date)"
        case .mailboxDatabase(let of, let dc):
            "([string](Get-Mailbox -Identity \(Self.value(of))\(dc.map { " -DomainController " + Self.value($0) } ?? "") | Select-Object -ExpandProperty Database))"
        }
    }

    /// `$jpName = '<literal>'`.
    public static func declaration(_ variable: PowerShellVariable) -> String {
        "$\(variable.name) = \(value(variable.value))"
    }

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
    public static func command(_ command: PowerShellCommand) -> String {
        var out = command.cmdlet
        for parameter in command.parameters {
            out.append(" -")
            out.append(parameter.name)
            if let v = parameter.value {
                out.append(parameter.colonForm ? ":" : " ")
                out.append(value(v))
            }
        }
        return out
    }

    /// A command and its `Where-Object` filter.
    public static func pipeline(_ pipeline: PowerShellPipeline) -> String {
        var out = command(pipeline.command)
        if pipeline.missingIsEmpty { out += " -ErrorAction SilentlyContinue" }
        if !pipeline.filter.isEmpty {
            out += " | Where-Object { " + pipeline.filter.map(test).joined(separator: " -and ") + " }"
        }
        return out
    }

    /// One property test on `$_`.
    public static func test(_ test: PropertyTest) -> String {
        func lhs(_ property: String, _ v: PowerShellValue) -> String {
            switch v {
            case .bool, .int, .null: "$_.\(property)"
            default: "[string]$_.\(property)"
            }
        }
        switch test {
        case .equals(let p, let v): return "\(lhs(p, v)) -eq \(value(v))"
        case .notEquals(let p, let v): return "\(lhs(p, v)) -ne \(value(v))"
        case .greaterThan(let p, let v): return "$_.\(p) -gt \(value(v))"
        case .like(let p, let pattern): return "[string]$_.\(p) -like \(PowerShellQuoting.literal(pattern))"
        case .addressEquals(let p, let v): return "(([string]$_.\(p)) -replace '^smtp:', '') -eq \(value(v))"
        case .sameRecipient(let p, let v): return "(Test-JpSameRecipient -Identity $_.\(p) -Address \(value(v)))"
        case .anyOf(let tests): return "(" + tests.map(Self.test).joined(separator: " -or ") + ")"
        case .not(let inner): return "-not (\(Self.test(inner)))"
        }
    }

    /// A condition as a boolean PowerShell expression.
    public static func condition(_ condition: PowerShellCondition) -> String {
        switch condition {
        case .exists(let p): return "(@(\(pipeline(p))).Count -gt 0)"
        case .absent(let p): return "(@(\(pipeline(p))).Count -eq 0)"
        case .sameNames(let p, let property, let expected):
            return "(Test-JpSameNames -Actual @(\(pipeline(p)) | ForEach-Object { [string]$_.\(property) }) -Expected \(value(expected)))"
        case .cmdletAvailable(let name):
            return "(@(Get-Command -Name \(PowerShellQuoting.literal(name)) -ErrorAction SilentlyContinue).Count -gt 0)"
        case .all(let cs):
            return cs.isEmpty ? "$true" : cs.count == 1 ? Self.condition(cs[0]) : "(" + cs.map(Self.condition).joined(separator: " -and ") + ")"
        case .any(let cs):
            return cs.isEmpty ? "$false" : cs.count == 1 ? Self.condition(cs[0]) : "(" + cs.map(Self.condition).joined(separator: " -or ") + ")"
        }
    }

    /// A condition split over lines at its top-level `-and`/`-or`, for reading.
    public static func conditionLines(_ condition: PowerShellCondition) -> [String] {
        switch condition {
        case .all(let cs) where cs.count > 1: return joinedLines(cs, "-and")
        case .any(let cs) where cs.count > 1: return joinedLines(cs, "-or")
        default: return [Self.condition(condition)]
        }
    }

    private static func joinedLines(_ cs: [PowerShellCondition], _ op: String) -> [String] {
        cs.enumerated().map { i, c in Self.condition(c) + (i < cs.count - 1 ? " \(op)" : "") }
    }

    /// One operator line of a gate: `Write-Host ('text' + $jpValue)`.
    public static func gateLine(_ line: GateLine) -> String {
        let parts = line.parts.map { part -> String in
            switch part {
            case .text(let t): return PowerShellQuoting.literal(t)
            case .value(let v):
                if case .variable(let variable) = v, case .stringArray = variable.value {
                    return "(\(value(v)) -join ', ')"
                }
                return value(v)
            }
        }
        return "Write-Host (" + parts.joined(separator: " + ") + ")"
    }

    /// The lines of one action.
    public static func action(_ action: ProgramAction) -> [String] {
        switch action {
        case .run(let c): return [command(c)]
        case .pipe(let a, let b): return [command(a) + " | " + command(b)]
        case .gate(let gate):
            var lines = ["Write-Host ''"]
            if let path = gate.consolePath {
                lines.append("Write-Host \(PowerShellQuoting.literal("In the Mimecast console, go to " + path + ":"))")
            }
            lines += gate.lines.map(gateLine)
            lines.append("Confirm-JpGate -StepId \(value(gate.stepID))")
            return lines
        case .wait(let wait):
            var lines = [
                "Wait-JpCondition -Description \(PowerShellQuoting.literal(wait.description)) -TimeoutSeconds \(wait.timeoutSeconds) -PollSeconds \(wait.pollSeconds) -Condition {"
            ]
            lines += conditionLines(wait.condition).map { "    " + $0 }
            lines.append("}")
            return lines
        case .remember(let r):
            return [
                "Save-JpRemembered -Name \(PowerShellQuoting.literal(r.name)) -Value ([string](@(\(command(r.command)))[0].\(r.property)))"
            ]
        case .ifRemembered(let name, let actions):
            var lines = ["if (Test-JpRemembered -Name \(PowerShellQuoting.literal(name))) {"]
            lines += actions.flatMap { Self.action($0) }.map { "    " + $0 }
            lines += ["} else {", "    Write-Host '    nothing to restore: the previous value was not changed by this plan'", "}"]
            return lines
        }
    }
}
