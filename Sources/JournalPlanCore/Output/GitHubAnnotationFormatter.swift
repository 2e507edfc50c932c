/// The `--format github` output: one GitHub Actions workflow command per diagnostic, which the runner turns
/// into an annotation on the pull request's changed lines.
///
/// `::error file=plans/x.yaml,line=12,col=5,endLine=12,endColumn=30,title=JP201 stop-before-disable::message`.
/// Warnings use `::warning`, notes `::notice`; a diagnostic's own notes are folded into the message. GitHub
/// shows only the first ten annotations of each kind per step, so the output ends with a `::notice` that
/// gives the totals.
public enum GitHubAnnotationFormatter {
    /// Every line of the output, each ending in a line feed.
    public static func lines(_ results: [ValidationResult]) -> String {
        var out = ""
        let all = results.flatMap(\.diagnostics)
        for diagnostic in all { out += annotation(diagnostic) + "\n" }
        let errors = all.filter { $0.severity == .error }.count
        let warnings = all.filter { $0.severity == .warning }.count
        let files = results.count
        out += "::notice title=JournalPlan::" + escapeData(summary(errors: errors, warnings: warnings, files: files))
        return out + "\n"
    }

    /// One workflow command for one diagnostic.
    public static func annotation(_ d: Diagnostic) -> String {
        let start = d.location.range.start
        let end = d.location.range.end < start ? start : d.location.range.end
        var properties: [(String, String)] = [
            ("file", d.location.file), ("line", String(start.line)), ("col", String(start.column)),
        ]
        if end != start {
            properties += [("endLine", String(end.line)), ("endColumn", String(end.column))]
        }
        properties.append(("title", "\(d.ruleID) \(d.ruleName)"))
        var message = d.message
        for (i, note) in d.notes.enumerated() {
            let n = note.location.range.start
            let numbered = d.trace != nil ? "\(i + 1). " : ""
            message += "\nnote: \(note.location.file):\(n.line):\(n.column): \(numbered)\(note.message)"
        }
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command(d.severity)) \(list)::\(escapeData(message))"
    }

    /// `1 error, 2 warnings in 3 files`, as the text format ends.
    static func summary(errors: Int, warnings: Int, files: Int) -> String {
        String(TextDiagnosticFormatter(colorize: false).summary(errors: errors, warnings: warnings, files: files)
            .dropLast())
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// Escapes a command's message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
    public static func escapeData(_ text: String) -> String {
        ScalarEscaping.escape(text) { scalar in
            switch scalar {
            case "%": "%25"
            case "\r": "%0D"
            case "\n": "%0A"
            default: nil
            }
        }
    }

    /// Escapes a property value: as data, and also `:` → `%3A` and `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        ScalarEscaping.escape(escapeData(text)) { scalar in
            switch scalar {
            case ":": "%3A"
            case ",": "%2C"
            default: nil
            }
        }
    }
}
