/// Shared state of one decode: the file name and the findings so far, plus typed readers for YAML nodes.
final class DecodeSession {
    let file: String
    private var reported: [Diagnostic] = []
    /// Missing required fields, held until the end: the mapping's misspelt key may be reported (with its
    /// did-you-mean) only after the field was looked up.
    private var missing: [(field: String, keys: [SourcePosition], diagnostic: Diagnostic)] = []

    /// The findings: everything reported, and each missing field that no misspelt key of its mapping was
    /// taken for (one mistake, one error).
    var diagnostics: [Diagnostic] {
        reported + missing.filter { m in !m.keys.contains { suggestedKeys[$0] == m.field } }.map(\.diagnostic)
    }
    /// Each step id's position in the plan's steps, built while checking the ids are unique; the reference
    /// check resolves `after` through it and hands it on in the ``PlanIndex``.
    var stepIndex: [String: Int] = [:]
    /// The field values of connectors that did not decode (already reported): a step naming one of them is
    /// the same mistake, not another unknown connector.
    var rejectedConnectorNames: Set<String> = []
    /// Unknown keys reported with a did-you-mean, by key position: the field each was taken for. A required
    /// field that such a key names is then not reported missing too (one mistake, one error).
    private var suggestedKeys: [SourcePosition: String] = [:]

    init(file: String) { self.file = file }

    func report(
        _ rule: RuleDescriptor, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []
    ) {
        reported.append(
            Diagnostic(rule: rule, message: message, location: SourceLocation(file: file, range: range), notes: notes))
    }

    func note(_ message: String, at range: SourceRange) -> DiagnosticNote {
        DiagnosticNote(location: SourceLocation(file: file, range: range), message: message)
    }

    // MARK: Mappings

    /// The pairs of a mapping node, or nil (reported) if the node is something else.
    func mapping(_ node: YAMLNode, _ what: String) -> [YAMLPair]? {
        if case .mapping(let pairs) = node.content { return pairs }
        report(StructureRules.wrongType, "\(what) must be a mapping, not \(node.kindDescription)", at: node.range)
        return nil
    }

    /// Reports keys that are not in `allowed`, with a suggestion; `context` names where they were found.
    func checkKeys(_ pairs: [YAMLPair], allowed: [String], context: String, elsewhere: [String: String] = [:]) {
        for pair in pairs where !allowed.contains(pair.name) {
            let name = Excerpt.short(pair.name)
            if pair.name == "<<" {
                report(
                    StructureRules.unknownKey,
                    "YAML merge keys ('<<') are not part of the plan format; write the fields out in \(context)",
                    at: pair.key.range)
            } else if let hint = elsewhere[pair.name] {
                report(StructureRules.unknownKey, "'\(name)' is not a field of \(context); \(hint)", at: pair.key.range)
            } else {
                let suggestion = Suggestion.closest(to: pair.name, in: allowed)
                if let suggestion { suggestedKeys[pair.key.range.start] = suggestion }
                report(
                    StructureRules.unknownKey,
                    "unknown key '\(name)' in \(context)" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: pair.key.range)
            }
        }
    }

    func required(_ pairs: [YAMLPair], _ key: String, in context: String, at range: SourceRange) -> YAMLNode? {
        if let node = pairs.first(where: { $0.name == key })?.value { return node }
        missing.append(
            (
                key, pairs.map(\.key.range.start),
                Diagnostic(
                    rule: StructureRules.missingField, message: "\(context) is missing required field '\(key)'",
                    location: SourceLocation(file: file, range: range))
            ))
        return nil
    }

    // MARK: Scalars

    /// A string scalar in any style. A plain scalar that YAML tools read as a number or boolean (`01234567`,
    /// `true`) must be quoted, as the JSON Schema requires; `plainNumbers` lets enumerations such as the
    /// Exchange version accept `2016` for `"2016"`, where the number means the same thing.
    /// `what` names the value in messages; it is only built when there is something to report.
    func string(
        _ node: YAMLNode, _ what: @autoclosure () -> String, multiline: Bool = false, plainNumbers: Bool = false
    ) -> Located<String>? {
        // Most values are untagged printable ASCII that no YAML tool reads as anything but text: one pass
        // over the bytes settles them without the checks below.
        if case .scalar(let scalar) = node.content, node.tag == nil, let first = scalar.text.utf8.first,
            first > 0x20, first < 0x7F, scalar.style != .plain || PlainScalarType.isText(startingWith: first),
            TextSafety.isPrintableASCII(scalar.text)
        {
            return Located(scalar.text, at: node.range)
        }
        guard let scalar = node.scalar, !scalar.isNull else {
            report(StructureRules.wrongType, "\(what()) must be a string, not \(node.kindDescription)", at: node.range)
            return nil
        }
        if scalar.style == .plain, !plainNumbers, node.tag == nil || node.tag == .int || node.tag == .float
            || node.tag == .bool
        {
            let type = PlainScalarType.of(scalar.text)
            if type == .integer || type == .float || type == .boolean {
                let quoted = scalar.text.contains("\"") ? "'\(scalar.text)'" : "\"\(scalar.text)\""
                report(
                    StructureRules.wrongType,
                    "\(what()) must be text, but YAML reads \(Excerpt.short(scalar.text)) as a \(type == .boolean ? "boolean" : "number"); write it in quotes: \(Excerpt.short(quoted))",
                    at: node.range)
                return nil
            }
        }
        if let bad = TextSafety.firstUnsafeScalar(in: scalar.text, allowNewlines: multiline) {
            report(
                StructureRules.unsafeValue,
                "\(what()) contains \(bad); values must be plain text (no control, invisible or bidirectional characters)",
                at: node.range)
            return nil
        }
        if Self.isBlank(scalar.text) {
            report(StructureRules.wrongType, "\(what()) must not be empty", at: node.range)
            return nil
        }
        return Located(scalar.text, at: node.range)
    }

    /// Empty or only whitespace; a printable ASCII first byte answers at once.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, (0x21...0x7E).contains(first) { return false }
        return text.unicodeScalars.allSatisfy(TextSafety.isBlankLooking)
    }

    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if node.tag == .str {
            report(
                StructureRules.wrongType, "\(what) must be true or false, but the tag !!str makes it text",
                at: node.range)
            return nil
        }
        if let scalar = node.scalar, scalar.style == .plain {
            switch scalar.text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        report(StructureRules.wrongType, "\(what) must be true or false", at: node.range)
        return nil
    }

    func list(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if case .sequence(let items) = node.content { return items }
        report(StructureRules.wrongType, "\(what) must be a list, not \(node.kindDescription)", at: node.range)
        return nil
    }

    /// A string from a closed set; unknown values get a suggestion.
    func enumeration<T: RawRepresentable & CaseIterable & Sendable>(_ node: YAMLNode, _ what: String, _: T.Type)
        -> Located<T>? where T.RawValue == String
    {
        guard let text = string(node, what, plainNumbers: true) else { return nil }
        if let value = T(rawValue: text.value) { return Located(value, at: node.range) }
        let options = T.allCases.map(\.rawValue)
        report(
            StructureRules.unknownValue,
            "\(what) '\(Excerpt.short(text.value))' is not one of \(options.map { "'\($0)'" }.joined(separator: ", "))"
                + Suggestion.hint(for: text.value, in: options),
            at: node.range)
        return nil
    }

    func email(_ node: YAMLNode, _ what: String) -> Located<EmailAddress>? {
        guard let text = string(node, what) else { return nil }
        if let address = EmailAddress(text.value) { return Located(address, at: node.range) }
        report(
            StructureRules.malformedAddress, "\(what) '\(Excerpt.short(text.value))' is not a valid SMTP address",
            at: node.range)
        return nil
    }

    func host(_ node: YAMLNode, _ what: String, fullyQualified: Bool = false) -> Located<HostName>? {
        guard let text = string(node, what) else { return nil }
        if let host = HostName(text.value), !fullyQualified || host.isFullyQualified {
            return Located(host, at: node.range)
        }
        report(
            StructureRules.malformedHost,
            "\(what) '\(Excerpt.short(text.value))' is not a valid \(fullyQualified ? "domain" : "host") name",
            at: node.range)
        return nil
    }

    func duration(_ node: YAMLNode, _ what: String) -> Located<PlanDuration>? {
        guard let text = string(node, what) else { return nil }
        if let duration = PlanDuration(text.value) { return Located(duration, at: node.range) }
        report(
            StructureRules.malformedTime,
            "\(what) '\(Excerpt.short(text.value))' is not a duration such as 30s, 5m, 2h or 1d (at most 366d)",
            at: node.range)
        return nil
    }

    func timestamp(_ node: YAMLNode, _ what: String) -> Located<Timestamp>? {
        guard let text = string(node, what) else { return nil }
        if let time = Timestamp(text.value) { return Located(time, at: node.range) }
        report(
            StructureRules.malformedTime,
            "\(what) '\(Excerpt.short(text.value))' is not an RFC 3339 time with an offset, such as 2026-12-05T20:00:00+00:00",
            at: node.range)
        return nil
    }

    func identifier(_ node: YAMLNode, _ what: String) -> Located<String>? {
        guard let text = string(node, what) else { return nil }
        guard Identifier.isKebabCase(text.value) else {
            report(
                StructureRules.naming,
                "\(what) '\(Excerpt.short(text.value))' must be kebab-case: lower-case letters, digits and single hyphens, at most 64 characters",
                at: node.range)
            return nil
        }
        return text
    }

    /// Reports repeated values (compared by `key`) with a note at the first occurrence.
    func checkUnique<T>(_ items: [Located<T>], what: @autoclosure () -> String, key: (T) -> String) {
        guard items.count > 1 else { return }
        _ = firstPositions(items, what: what(), key: key)
    }

    /// Each value's first position in `items` (by `key`); repeats are reported as ``checkUnique(_:what:key:)``
    /// reports them.
    func firstPositions<T>(_ items: [Located<T>], what: @autoclosure () -> String, key: (T) -> String)
        -> [String: Int]
    {
        var first: [String: Int] = [:]
        first.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            let k = key(item.value)
            if let earlier = first[k] {
                report(
                    StructureRules.duplicateID, "\(what()) '\(Excerpt.short(k))' is listed more than once",
                    at: item.range, notes: [note("first listed here", at: items[earlier].range)])
            } else {
                first[k] = position
            }
        }
        return first
    }

    func checkCount(_ count: Int, limit: Int, what: String, at range: SourceRange) -> Bool {
        guard count > limit else { return true }
        report(InputRules.limitExceeded, "the plan has \(count) \(what); the limit is \(limit)", at: range)
        return false
    }
}
