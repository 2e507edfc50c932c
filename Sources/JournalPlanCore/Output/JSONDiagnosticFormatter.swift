/// The `--format json` document (docs/design.md §5): one document for the whole run, stable field names.
public enum JSONDiagnosticFormatter {
    public static func document(_ results: [ValidationResult]) -> JSONValue {
        let diagnostics = results.flatMap(\.diagnostics)
        // What was proved of each file without errors (issue 20: validate says what it proved).
        let proved: [JSONValue] = results.compactMap { result in
            result.proof.map { proof in
                .object([
                    ("file", .string(result.file)), ("claim", "no-loss"), ("orders", "all"),
                    ("nodes", .int(proof.nodes)), ("steps", .int(proof.steps)),
                ])
            }
        }
        return .object([
            ("version", 1),
            ("diagnostics", .array(diagnostics.map(json))),
            ("proved", .array(proved)),
            (
                "summary",
                .object([
                    ("files", .int(results.count)),
                    ("errors", .int(diagnostics.filter { $0.severity == .error }.count)),
                    ("warnings", .int(diagnostics.filter { $0.severity == .warning }.count)),
                ])
            ),
        ])
    }

    public static func json(_ d: Diagnostic) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("file", .string(d.location.file)),
            ("line", .int(d.location.range.start.line)),
            ("column", .int(d.location.range.start.column)),
            ("endLine", .int(d.location.range.end.line)),
            ("endColumn", .int(d.location.range.end.column)),
            ("severity", .string(d.severity.rawValue)),
            ("rule", .string(d.ruleID)),
            ("name", .string(d.ruleName)),
            ("message", .string(d.message)),
            (
                "notes",
                .array(
                    d.notes.map {
                        .object([
                            ("file", .string($0.location.file)),
                            ("line", .int($0.location.range.start.line)),
                            ("column", .int($0.location.range.start.column)),
                            ("message", .string($0.message)),
                        ])
                    })
            ),
        ]
        if let trace = d.trace { fields.append(("trace", .array(trace.map(JSONValue.string)))) }
        return .object(fields)
    }
}
