/// The `--format sarif` document: SARIF 2.1.0 (OASIS), for code-scanning services such as GitHub's.
///
/// One run for the whole invocation. `tool.driver.rules` is the full catalogue (``RuleRegistry/descriptors``),
/// each result points at its rule by `ruleId` and `ruleIndex`, notes become `relatedLocations`, and no-loss
/// counter-examples (diagnostics with a `trace`) become a `codeFlow` whose steps are located in the plan.
/// Columns count Unicode scalars, which the run declares with `columnKind: unicodeCodePoints`.
public enum SARIFFormatter {
    /// Where the tool's documentation lives (SARIF `informationUri`).
    public static let informationURI = "https://github.com/journalplan/journalplan"
    /// The schema the document declares.
    public static let schemaURI =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The SARIF log for `results`, with `rules` as the driver's catalogue (default: every rule).
    public static func document(
        _ results: [ValidationResult], toolVersion: String, rules: [RuleDescriptor] = RuleRegistry.descriptors
    ) -> JSONValue {
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.id] = i }
        let driver: JSONValue = .object([
            ("name", "JournalPlan"),
            ("version", .string(toolVersion)),
            ("semanticVersion", .string(toolVersion)),
            ("informationUri", .string(informationURI)),
            ("rules", .array(rules.map(reportingDescriptor))),
        ])
        var sarifResults: [JSONValue] = []
        for result in results {
            for diagnostic in result.diagnostics {
                sarifResults.append(sarifResult(diagnostic, ruleIndex: ruleIndex[diagnostic.ruleID], plan: result.plan))
            }
        }
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("columnKind", "unicodeCodePoints"),
            ("results", .array(sarifResults)),
        ])
        return .object([("$schema", .string(schemaURI)), ("version", "2.1.0"), ("runs", [run])])
    }

    /// A rule of the catalogue as a SARIF `reportingDescriptor`.
    static func reportingDescriptor(_ rule: RuleDescriptor) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            (
                "help",
                .object([
                    ("text", .string("\(rule.summary) Why: \(rule.rationale)")),
                    ("markdown", .string("**\(rule.id) `\(rule.name)`**: \(rule.summary)\n\n*Why:* \(rule.rationale)")),
                ])
            ),
            ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
            ("properties", .object([("tags", [.string(rule.category.rawValue)])])),
        ])
    }

    static func sarifResult(_ d: Diagnostic, ruleIndex: Int?, plan: Plan?) -> JSONValue {
        var fields: [(String, JSONValue)] = [("ruleId", .string(d.ruleID))]
        if let ruleIndex { fields.append(("ruleIndex", .int(ruleIndex))) }
        fields += [
            ("level", .string(level(d.severity))),
            ("message", .object([("text", .string(d.message))])),
            ("locations", [location(d.location, message: nil, id: nil)]),
        ]
        if !d.notes.isEmpty {
            fields.append(
                (
                    "relatedLocations",
                    .array(d.notes.enumerated().map { location($1.location, message: $1.message, id: $0 + 1) })
                ))
        }
        if let trace = d.trace, !trace.isEmpty {
            fields.append(("codeFlows", [codeFlow(d, trace: trace, plan: plan)]))
        }
        return .object(fields)
    }

    /// The counter-example as one thread of execution: each step of the trace, located at its `id:` when
    /// the plan is known; the i-th numbered note explains the i-th step when there is one note per step.
    static func codeFlow(_ d: Diagnostic, trace: [String], plan: Plan?) -> JSONValue {
        let explained = d.notes.count == trace.count
        let locations: [JSONValue] = trace.enumerated().map { i, key in
            let stepID = String(key.split(separator: "@", maxSplits: 1).first ?? Substring(key))
            let step = plan?.steps.first { $0.id.value == stepID }
            let where_ = step.map { SourceLocation(file: d.location.file, range: $0.id.range) }
                ?? (explained ? d.notes[i].location : d.location)
            let text = explained ? d.notes[i].message : "step \(i + 1): \(key)"
            return .object([
                ("location", location(where_, message: text, id: nil)),
                ("executionOrder", .int(i + 1)),
            ])
        }
        return .object([
            ("message", .object([("text", .string("an order of the steps that loses journal reports"))])),
            ("threadFlows", [.object([("locations", .array(locations))])]),
        ])
    }

    static func location(_ loc: SourceLocation, message: String?, id: Int?) -> JSONValue {
        let r = loc.range
        let start = r.start
        // SARIF regions end at the column after the last character; an empty range stays a point.
        let end = r.end < start ? start : r.end
        var fields: [(String, JSONValue)] = []
        if let id { fields.append(("id", .int(id))) }
        fields.append(
            (
                "physicalLocation",
                .object([
                    ("artifactLocation", .object([("uri", .string(artifactURI(loc.file)))])),
                    (
                        "region",
                        .object([
                            ("startLine", .int(max(1, start.line))),
                            ("startColumn", .int(max(1, start.column))),
                            ("endLine", .int(max(1, end.line))),
                            ("endColumn", .int(max(1, end.column))),
                        ])
                    ),
                ])
            ))
        if let message { fields.append(("message", .object([("text", .string(message))]))) }
        return .object(fields)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A URI reference for a path as given on the command line: relative paths stay relative (code
    /// scanning resolves them against the checkout), absolute ones become `file://` URIs, and characters
    /// that a URI may not contain are percent-encoded.
    public static func artifactURI(_ path: String) -> String {
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@")
        var out = path.hasPrefix("/") ? "file://" : ""
        var first = true
        for byte in path.utf8 {
            let scalar = Character(Unicode.Scalar(byte))
            // A leading relative segment with ':' would read as a scheme; encode it.
            if byte < 0x80, unreserved.contains(scalar), !(first && byte == UInt8(ascii: ":")) {
                out.append(scalar)
            } else {
                out += "%" + hex(byte)
            }
            if byte == UInt8(ascii: "/") { first = false }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
