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
    /// The base every artifact URI is relative to: the repository root.
    public static let sourceRootID = "%SRCROOT%"
    /// The key of JournalPlan's own entry in `partialFingerprints`.
    public static let fingerprintKey = "journalplan/v1"

    /// Where the files named on the command line sit in the repository, for relative artifact URIs.
    public struct SourceRoot: Sendable {
        /// The repository root, absolute, without a trailing slash (for example `/home/runner/work/x/x`).
        public var root: String
        /// The directory relative paths are relative to (the working directory), absolute.
        public var workingDirectory: String

        public init(root: String, workingDirectory: String) {
            self.root = root
            self.workingDirectory = workingDirectory
        }
    }

    /// The SARIF log for `results`, with `rules` as the driver's catalogue (default: every rule). With
    /// `sourceRoot`, paths are made relative to it (`uriBaseId` `%SRCROOT%`, declared in
    /// `originalUriBaseIds`); without, relative paths are only normalised (`./a/../b` → `b`).
    public static func document(
        _ results: [ValidationResult], toolVersion: String, rules: [RuleDescriptor] = RuleRegistry.descriptors,
        sourceRoot: SourceRoot? = nil
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
        let artifacts = ArtifactLocations(sourceRoot: sourceRoot)
        var sarifResults: [JSONValue] = []
        var notifications: [JSONValue] = []
        for result in results {
            for diagnostic in result.diagnostics {
                sarifResults.append(
                    sarifResult(diagnostic, ruleIndex: ruleIndex[diagnostic.ruleID], plan: result.plan, artifacts: artifacts))
                if diagnostic.ruleID == InputRules.unreadableFile.id {
                    notifications.append(notification(diagnostic, artifacts: artifacts))
                }
            }
        }
        var root: [(String, JSONValue)] = [
            ("description", .object([("text", "The root of the repository the plans are in.")]))
        ]
        if let sourceRoot { root.insert(("uri", .string(directoryURI(sourceRoot.root))), at: 0) }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(notifications.isEmpty))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", [.object(invocation)]),
            ("originalUriBaseIds", .object([(sourceRootID, .object(root))])),
            ("columnKind", "unicodeCodePoints"),
            ("results", .array(sarifResults)),
        ])
        return .object([("$schema", .string(schemaURI)), ("version", "2.1.0"), ("runs", [run])])
    }

    /// A file that could not be read, as a tool execution notification: code scanning then knows the run
    /// did not check it, rather than closing its alerts.
    static func notification(_ d: Diagnostic, artifacts: ArtifactLocations) -> JSONValue {
        .object([
            ("locations", [location(d.location, message: nil, id: nil, artifacts: artifacts)]),
            ("message", .object([("text", .string(sentence(d.message)))])),
            ("level", "error"),
            ("descriptor", .object([("id", .string(d.ruleID))])),
        ])
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
                    (
                        "markdown",
                        .string(
                            "**\(rule.id) `\(rule.name)`**: \(rule.summary)\n\n*Why:* \(rule.rationale)\n\n"
                                + "[Read more](\(RuleCatalogue.documentationURI(for: rule)))")
                    ),
                ])
            ),
            ("helpUri", .string(RuleCatalogue.documentationURI(for: rule))),
            ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
            ("properties", .object([("tags", [.string(rule.category.rawValue)])])),
        ])
    }

    static func sarifResult(_ d: Diagnostic, ruleIndex: Int?, plan: Plan?, artifacts: ArtifactLocations) -> JSONValue {
        var fields: [(String, JSONValue)] = [("ruleId", .string(d.ruleID))]
        if let ruleIndex { fields.append(("ruleIndex", .int(ruleIndex))) }
        // The message links each related location by its id (SARIF §3.11.6: `[text](id)`).
        var text = sentence(d.message)
        if !d.notes.isEmpty {
            let links = d.notes.enumerated().map { i, note in "[\(linkText(note.message))](\(i + 1))" }
            text += " See " + links.joined(separator: "; ") + "."
        }
        fields += [
            ("level", .string(level(d.severity))),
            ("message", .object([("text", .string(text))])),
            ("locations", [location(d.location, message: nil, id: nil, artifacts: artifacts)]),
            ("partialFingerprints", .object([(fingerprintKey, .string(fingerprint(d, plan: plan)))])),
        ]
        if !d.notes.isEmpty {
            fields.append(
                (
                    "relatedLocations",
                    .array(
                        d.notes.enumerated().map {
                            location($1.location, message: sentence($1.message), id: $0 + 1, artifacts: artifacts)
                        })
                ))
        }
        if let trace = d.trace, !trace.isEmpty {
            fields.append(("codeFlows", [codeFlow(d, trace: trace, plan: plan, artifacts: artifacts)]))
        }
        return .object(fields)
    }

    /// A fingerprint that survives unrelated edits: the rule, the file, the step the finding is in (by
    /// id, not position), and the message with line and column numbers taken out. Moving a step, or adding
    /// lines above it, keeps the alert; changing what is wrong makes a new one.
    public static func fingerprint(_ d: Diagnostic, plan: Plan?) -> String {
        let start = d.location.range.start
        let step = plan?.steps.first { $0.range.start <= start && start < $0.range.end }
        let key = [d.ruleID, d.location.file, step?.id.value ?? "", messageShape(d.message)].joined(separator: "\u{1F}")
        return stableHash(key)
    }

    /// Two FNV-1a 64-bit hashes of the key's UTF-8 (different offset bases), as 32 hex digits. A
    /// fingerprint only has to be stable and to tell findings apart, not to resist forgery, so the core
    /// needs no cryptographic hash (the plan's SHA-256 comes from JournalPlanDigest, outside it).
    static func stableHash(_ key: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        for byte in key.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(first) + hex(second)
    }

    /// `message` with the numbers of positions (`line 12`, `12:5`) replaced by `#`.
    static func messageShape(_ message: String) -> String {
        let scalars = Array(message.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isDigit(_ j: Int) -> Bool { j < scalars.count && ("0"..."9").contains(scalars[j]) }
        func endOfDigits(_ j: Int) -> Int {
            var j = j
            while isDigit(j) { j += 1 }
            return j
        }
        while i < scalars.count {
            if isDigit(i), i == 0 || !("0"..."9").contains(scalars[i - 1]) {
                let end = endOfDigits(i)
                let afterLine = String(String.UnicodeScalarView(out.suffix(5))) == "line "
                let position = end < scalars.count && scalars[end] == ":" && isDigit(end + 1)
                if afterLine || position {
                    out.append("#")
                    i = position ? endOfDigits(end + 1) : end
                    if position { out += ":#".unicodeScalars }
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// SARIF messages are sentences: they end with a period (GitHub's code scanning guidance).
    static func sentence(_ text: String) -> String {
        guard let last = text.unicodeScalars.last else { return text }
        return [".", "!", "?"].contains(last) ? text : text + "."
    }

    /// A note as link text: `[`, `]` and `\` escaped, no closing period.
    static func linkText(_ text: String) -> String {
        var text = Substring(text)
        while text.hasSuffix(".") { text = text.dropLast() }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "[" || scalar == "]" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The counter-example as one thread of execution: each step of the trace, located at its `id:` when
    /// the plan is known; the i-th numbered note explains the i-th step when there is one note per step.
    static func codeFlow(_ d: Diagnostic, trace: [String], plan: Plan?, artifacts: ArtifactLocations) -> JSONValue {
        let explained = d.notes.count == trace.count
        let locations: [JSONValue] = trace.enumerated().map { i, key in
            let stepID = String(key.split(separator: "@", maxSplits: 1).first ?? Substring(key))
            let step = plan?.steps.first { $0.id.value == stepID }
            let where_ = step.map { SourceLocation(file: d.location.file, range: $0.id.range) }
                ?? (explained ? d.notes[i].location : d.location)
            let text = explained ? d.notes[i].message : "step \(i + 1): \(key)"
            return .object([
                ("location", location(where_, message: sentence(text), id: nil, artifacts: artifacts)),
                ("executionOrder", .int(i + 1)),
            ])
        }
        return .object([
            ("message", .object([("text", .string("An order of the steps that loses journal reports."))])),
            ("threadFlows", [.object([("locations", .array(locations))])]),
        ])
    }

    static func location(_ loc: SourceLocation, message: String?, id: Int?, artifacts: ArtifactLocations) -> JSONValue {
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
                    ("artifactLocation", artifacts.location(loc.file)),
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

    /// `/a/b` as the directory URI `file:///a/b/`.
    static func directoryURI(_ path: String) -> String {
        let uri = artifactURI(path)
        return uri.hasSuffix("/") ? uri : uri + "/"
    }

    /// `path` with `.` and `..` segments and repeated slashes resolved lexically; a relative path that
    /// climbs above its start keeps its leading `..`.
    public static func normalised(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }

    /// `path` (as given, relative to `sourceRoot.workingDirectory`) relative to the repository root, or
    /// nil when it lies outside it.
    public static func repositoryPath(_ path: String, in sourceRoot: SourceRoot) -> String? {
        let absolute = normalised(path.hasPrefix("/") ? path : sourceRoot.workingDirectory + "/" + path)
        let root = normalised(sourceRoot.root)
        if root == "/" { return String(absolute.dropFirst()) }
        guard absolute.hasPrefix(root + "/") else { return nil }
        return String(absolute.dropFirst(root.count + 1))
    }

    /// The artifact location of each file: relative to `%SRCROOT%` whenever it can be.
    struct ArtifactLocations {
        var sourceRoot: SourceRoot?

        func location(_ file: String) -> JSONValue {
            if file == "<stdin>" { return .object([("uri", .string(artifactURI(file)))]) }
            let relative: String? =
                if let sourceRoot { repositoryPath(file, in: sourceRoot) } else if !file.hasPrefix("/") {
                    normalised(file)
                } else { nil }
            guard let relative, !relative.hasPrefix("../"), relative != ".." else {
                return .object([("uri", .string(artifactURI(normalised(file))))])
            }
            return .object([("uri", .string(artifactURI(relative))), ("uriBaseId", .string(sourceRootID))])
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
