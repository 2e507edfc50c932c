/// Renders diagnostics for people: `path:line:column: severity: message [JP201 name]`, the source line
/// with a caret under the column, then the notes with their own positions.
public struct TextDiagnosticFormatter: Sendable {
    public var colorize: Bool
    /// Longest excerpt of a source line; longer lines are cut around the column.
    public var excerptWidth = 120

    public init(colorize: Bool) { self.colorize = colorize }

    public func format(_ diagnostic: Diagnostic, source: SourceText?) -> String {
        var out = ""
        let loc = diagnostic.location
        let severity = paint(diagnostic.severity.rawValue + ":", severityColor(diagnostic.severity))
        out += bold("\(loc.file):\(loc.range.start.line):\(loc.range.start.column):") + " \(severity) "
        out += bold(diagnostic.message) + " [\(diagnostic.ruleID) \(diagnostic.ruleName)]\n"
        if let source, let excerpt = excerpt(source, loc.range.start) { out += excerpt }
        for (i, note) in diagnostic.notes.enumerated() {
            let numbered = diagnostic.trace != nil ? "\(i + 1). " : ""
            let nl = note.location
            out += bold("\(nl.file):\(nl.range.start.line):\(nl.range.start.column):") + " "
            out += paint("note:", "36") + " \(numbered)\(note.message)\n"
        }
        return out
    }

    /// What `plan validate` prints for `results`: each file's diagnostics (with excerpts from `sources`,
    /// keyed by file name), a line saying what was proved for each file without errors, and the summary.
    public func report(_ results: [ValidationResult], sources: [String: SourceText]) -> String {
        var out = ""
        for result in results {
            for diagnostic in result.diagnostics {
                out += format(diagnostic, source: sources[diagnostic.location.file])
            }
            if let proof = result.proof { out += bold("\(result.file):") + " \(proof.summary)\n" }
        }
        let all = results.flatMap(\.diagnostics)
        return out
            + summary(
                errors: all.filter { $0.severity == .error }.count,
                warnings: all.filter { $0.severity == .warning }.count, files: results.count)
    }

    /// A summary line such as `2 errors, 1 warning in 3 files`.
    public func summary(errors: Int, warnings: Int, files: Int) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(files, "file"))\n"
    }

    private func excerpt(_ source: SourceText, _ position: SourcePosition) -> String? {
        guard let line = source.line(position.line) else { return nil }
        var scalars = Array(line.unicodeScalars)
        var column = max(1, min(position.column, scalars.count + 1))
        var prefix = ""
        if scalars.count > excerptWidth {
            let start = max(0, min(column - 1 - excerptWidth / 2, scalars.count - excerptWidth))
            let end = min(scalars.count, start + excerptWidth)
            scalars = Array(scalars[start..<end])
            column -= start
            if start > 0 { prefix = "…" }
        }
        // Tabs would shift the caret, and control, bidirectional and invisible characters would reorder or
        // hide the line (a diagnostic never echoes them): show them as a space or '?', one column each.
        let shown = String(
            String.UnicodeScalarView(scalars.map { $0 == "\t" ? " " : (TextSafety.isUnsafe($0) ? "?" : $0) }))
        let padding = String(repeating: " ", count: prefix.count + column - 1)
        return "  \(prefix)\(shown)\n  \(padding)\(paint("^", "32"))\n"
    }

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
    }

    /// `text` in bold with the SGR colour `code` (`31` red, `32` green, `33` yellow, `36` cyan) when
    /// colouring; the one ANSI painter of the tool's output (`plan run` uses it too).
    public func paint(_ text: String, _ code: String) -> String {
        colorize ? "\u{1B}[1;\(code)m\(text)\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String { colorize ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
