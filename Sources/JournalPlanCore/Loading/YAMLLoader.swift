import CLibYAML

/// Limits that keep a hostile file from exhausting memory or time. Every one is reported as a positioned
/// diagnostic when exceeded.
public struct LoadLimits: Sendable, Hashable {
    /// Largest accepted file, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and lists.
    public var maxDepth: Int
    /// Most nodes that aliases may add by expansion, summed over the whole file.
    public var maxAliasExpansion: Int
    /// Most bytes that aliases may add by expansion (the UTF-8 of every key and scalar an alias repeats),
    /// summed over the whole file: with the node budget, what bounds every command's output by a fixed
    /// multiple of its input.
    public var maxAliasExpansionBytes: Int
    /// Most nodes in the document, aliases expanded.
    public var maxNodes: Int

    public init(maxBytes: Int, maxDepth: Int, maxAliasExpansion: Int, maxAliasExpansionBytes: Int = 1 << 20, maxNodes: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxAliasExpansionBytes = maxAliasExpansionBytes
        self.maxNodes = maxNodes
    }

    public static let `default` = LoadLimits(
        maxBytes: 16 * 1024 * 1024, maxDepth: 64, maxAliasExpansion: 10_000, maxAliasExpansionBytes: 1 << 20,
        maxNodes: 4_000_000)
}

/// Reads one YAML document into a ``YAMLNode`` tree straight from libyaml's event stream.
///
/// Rejects, with a positioned diagnostic: malformed YAML, invalid UTF-8 and NUL bytes, several documents,
/// an empty file, duplicate and non-scalar keys, tags beyond the YAML core ones, aliases that expand past
/// the budget (in nodes or in bytes), nesting past the depth limit, and files past the size limit.
public struct YAMLLoader: Sendable {
    public var limits: LoadLimits

    public init(limits: LoadLimits = .default) {
        self.limits = limits
    }

    /// Loads `bytes` (the file's content) as one YAML document.
    public func load(_ bytes: [UInt8], file: String) -> Result<YAMLNode, Diagnostic> {
        if bytes.count > limits.maxBytes {
            return .failure(
                Diagnostic(
                    rule: InputRules.limitExceeded,
                    message: "the file is \(bytes.count) bytes; plans are limited to \(limits.maxBytes) bytes",
                    location: SourceLocation(file: file, range: .fileStart)))
        }
        if let problem = EncodingCheck.firstProblem(in: bytes) {
            return .failure(
                Diagnostic(
                    rule: InputRules.invalidEncoding, message: problem.message,
                    location: SourceLocation(file: file, range: SourceRange(at: problem.position))))
        }
        var session = LoaderSession(file: file, bytes: bytes, limits: limits)
        return session.run()
    }
}

/// One pass of libyaml over a buffer; builds the tree with an explicit stack (no recursion).
///
/// The finished children of every open collection wait, in file order, on one shared `values` stack; a
/// collection's end moves its children off the top into an array of exactly the right size. A mapping's
/// children alternate key and value.
private struct LoaderSession {
    let file: String
    let bytes: [UInt8]
    let limits: LoadLimits

    private struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var tag: YAMLTag?
        var anchor: String?
        /// Where this collection's children begin in `values`.
        var base: Int
        /// Key positions for duplicate checks, filled only once a mapping is large (small ones are scanned).
        var seenKeys: [String: SourcePosition] = [:]
        var size = 1
        /// The UTF-8 bytes of every key and scalar inside, aliases expanded.
        var scalarBytes = 0

        static let scanLimit = 16
    }

    private var stack: [Frame] = []
    private var values: [YAMLNode] = []
    private var anchors: [String: (node: YAMLNode, size: Int, scalarBytes: Int)] = [:]
    private var aliasBudgetUsed = 0
    private var aliasBytesUsed = 0
    private var nodeCount = 0
    private var root: YAMLNode?

    init(file: String, bytes: [UInt8], limits: LoadLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
    }

    mutating func run() -> Result<YAMLNode, Diagnostic> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            return .failure(fail(InputRules.yamlSyntax, "the YAML parser could not start", .start))
        }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Result<YAMLNode, Diagnostic> in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    return .failure(parserError(parser))
                }
                defer { yaml_event_delete(&event) }
                let start = position(event.start_mark)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    guard let root else {
                        return .failure(fail(InputRules.emptyPlan, "the file holds no YAML document", .start))
                    }
                    return .success(root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return .failure(
                            fail(
                                InputRules.multipleDocuments,
                                "a plan file holds exactly one YAML document; a second one starts here", start))
                    }
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let text = string(s.value, Int(s.length))
                    let tag: YAMLTag?
                    switch checkTag(s.tag, start) {
                    case .success(let t): tag = t
                    case .failure(let problem): return .failure(problem)
                    }
                    let scalar = YAMLScalar(text: text, style: style(s.style))
                    if let problem = Self.tagContradiction(tag, scalar: scalar) {
                        return .failure(fail(InputRules.unsupportedTag, problem, start))
                    }
                    let anchor = s.anchor.map { String(cString: $0) }
                    // libyaml ends an anchor name at ':' and reads the rest as the value: `&an:chor x` is the
                    // anchor 'an' on ':chor x'. Refuse rather than keep a value nobody wrote.
                    if let anchor, scalar.style == .plain, text.hasPrefix(":") {
                        return .failure(
                            fail(
                                InputRules.yamlSyntax,
                                "an anchor name cannot contain ':'; YAML reads '&\(Excerpt.short(anchor))\(Excerpt.short(text, limit: 20))' "
                                    + "as the anchor '\(Excerpt.short(anchor))' on the value '\(Excerpt.short(text, limit: 20))'",
                                start))
                    }
                    let node = YAMLNode(
                        content: .scalar(scalar),
                        range: SourceRange(start: start, end: position(event.end_mark)),
                        tag: tag)
                    if let problem = add(node, size: 1, scalarBytes: Int(s.length), anchor: anchor) {
                        return .failure(problem)
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    let rawTag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
                    let rawAnchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                    let tag: YAMLTag?
                    switch checkTag(rawTag, start) {
                    case .success(let t): tag = t
                    case .failure(let problem): return .failure(problem)
                    }
                    if tag == .str || tag == .int || tag == .bool || tag == .null || tag == .float
                        || (tag == .map && !isMapping) || (tag == .seq && isMapping)
                    {
                        return .failure(
                            fail(
                                InputRules.unsupportedTag,
                                "the tag \(Self.shortTag(tag)) contradicts its value, a \(isMapping ? "mapping" : "list")",
                                start))
                    }
                    if stack.count >= limits.maxDepth {
                        return .failure(
                            fail(
                                InputRules.limitExceeded,
                                "nesting is deeper than \(limits.maxDepth) levels", start))
                    }
                    stack.append(
                        Frame(
                            isMapping: isMapping, start: start, tag: tag,
                            anchor: rawAnchor.map { String(cString: $0) }, base: values.count))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let frame = stack.removeLast()
                    let range = SourceRange(start: frame.start, end: position(event.end_mark))
                    let node = YAMLNode(content: takeChildren(of: frame), range: range, tag: frame.tag)
                    if let problem = add(node, size: frame.size, scalarBytes: frame.scalarBytes, anchor: frame.anchor) {
                        return .failure(problem)
                    }
                case YAML_ALIAS_EVENT:
                    let name = String(cString: event.data.alias.anchor)
                    guard let (node, size, scalarBytes) = anchors[name] else {
                        return .failure(fail(InputRules.yamlSyntax, "unknown anchor '\(name)'", start))
                    }
                    aliasBudgetUsed += size
                    if aliasBudgetUsed > limits.maxAliasExpansion {
                        return .failure(
                            fail(
                                InputRules.limitExceeded,
                                "aliases expand to more than \(limits.maxAliasExpansion) nodes", start))
                    }
                    // Nodes alone do not bound the output: one alias of a long scalar repeats all of it.
                    aliasBytesUsed += scalarBytes
                    if aliasBytesUsed > limits.maxAliasExpansionBytes {
                        return .failure(
                            fail(
                                InputRules.limitExceeded,
                                "aliases expand to more than \(limits.maxAliasExpansionBytes) bytes of text "
                                    + "(this one adds \(scalarBytes), \(aliasBytesUsed) in all so far)", start))
                    }
                    var copy = node
                    copy.range = SourceRange(start: start, end: position(event.end_mark))
                    if let problem = add(copy, size: size, scalarBytes: scalarBytes, anchor: nil) { return .failure(problem) }
                default:
                    break
                }
            }
        }
    }

    /// Attaches a finished node to its parent (or makes it the root).
    private mutating func add(_ node: consuming YAMLNode, size: Int, scalarBytes: Int, anchor: String?) -> Diagnostic? {
        nodeCount += size
        if nodeCount > limits.maxNodes {
            return fail(InputRules.limitExceeded, "the document has more than \(limits.maxNodes) nodes", node.range.start)
        }
        if let anchor { anchors[anchor] = (node, size, scalarBytes) }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return nil
        }
        stack[top].size += size
        stack[top].scalarBytes += scalarBytes
        // In a mapping, an even number of children so far means this node is a key.
        if stack[top].isMapping, (values.count - stack[top].base) & 1 == 0 {
            guard let key = node.scalar?.text else {
                return fail(
                    InputRules.yamlSyntax, "mapping keys must be plain strings, not \(node.kindDescription)",
                    node.range.start)
            }
            if let first = firstDefinition(of: key, inFrame: top) {
                var diagnostic = fail(InputRules.duplicateKey, "duplicate key '\(Excerpt.short(key))'", node.range.start)
                diagnostic.location.range.end = node.range.end
                diagnostic.notes = [
                    DiagnosticNote(
                        location: SourceLocation(file: file, range: SourceRange(at: first)),
                        message: "first defined here")
                ]
                return diagnostic
            }
            if !stack[top].seenKeys.isEmpty { stack[top].seenKeys[key] = node.range.start }
        }
        values.append(node)
        return nil
    }

    /// Where `key` was first defined in the mapping of `stack[frame]`, if it was.
    private mutating func firstDefinition(of key: String, inFrame frame: Int) -> SourcePosition? {
        let base = stack[frame].base
        let keyCount = (values.count - base) / 2
        if keyCount < Frame.scanLimit {
            for index in stride(from: base, to: values.count, by: 2) where values[index].scalar?.text == key {
                return values[index].range.start
            }
            return nil
        }
        if stack[frame].seenKeys.isEmpty {
            var seen: [String: SourcePosition] = [:]
            seen.reserveCapacity(keyCount * 2)
            for index in stride(from: base, to: values.count, by: 2) {
                seen[values[index].scalar?.text ?? ""] = values[index].range.start
            }
            stack[frame].seenKeys = seen
        }
        return stack[frame].seenKeys[key]
    }

    /// Moves a finished collection's children off `values` into its content: popped last first, so that no
    /// node is copied, then put back in file order.
    private mutating func takeChildren(of frame: Frame) -> YAMLNode.Content {
        let count = values.count - frame.base
        guard frame.isMapping else {
            var items: [YAMLNode] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(values.removeLast()) }
            items.reverse()
            return .sequence(items)
        }
        // libyaml ends a mapping only after a key's value, so the children pair up.
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(count / 2)
        for _ in 0..<count / 2 {
            let value = values.removeLast()
            pairs.append(YAMLPair(key: values.removeLast(), value: value))
        }
        pairs.reverse()
        values.removeSubrange(frame.base...)
        return .mapping(pairs)
    }

    /// The node's tag, or a diagnostic when it is not one of the YAML core tags.
    private func checkTag(_ raw: UnsafeMutablePointer<yaml_char_t>?, _ at: SourcePosition) -> Result<YAMLTag?, Diagnostic> {
        guard let raw else { return .success(nil) }
        let text = String(cString: raw)
        if let tag = YAMLTag(rawValue: text) { return .success(tag) }
        return .failure(
            fail(
                InputRules.unsupportedTag,
                "tag '\(Excerpt.short(text))' is not allowed; plans use only YAML core tags", at))
    }

    /// Why an explicit tag does not fit its scalar, or nil: `!!int abc`, `!!bool "true"` (a quoted value is
    /// text, whatever the tag says, to every reader but a YAML 1.1 loader), `!!map` or `!!seq` on a scalar.
    /// A tag is never silently ignored.
    static func tagContradiction(_ tag: YAMLTag?, scalar: YAMLScalar) -> String? {
        guard let tag, tag != .nonSpecific, tag != .str else { return nil }
        let expected: PlainScalarType
        switch tag {
        case .int: expected = .integer
        case .float: expected = .float
        case .bool: expected = .boolean
        case .null: expected = .null
        default: return "the tag \(shortTag(tag)) contradicts its value, a scalar"
        }
        let type = PlainScalarType.of(scalar.text)
        if scalar.style == .plain, type == expected || (expected == .float && type == .integer) { return nil }
        return "the tag \(shortTag(tag)) contradicts its value '\(Excerpt.short(scalar.text))'"
            + (scalar.style == .plain ? "" : ", which is quoted text")
    }

    static func shortTag(_ tag: YAMLTag?) -> String {
        guard let tag else { return "" }
        return tag == .nonSpecific ? "!" : "!!" + tag.rawValue.dropFirst("tag:yaml.org,2002:".count)
    }

    private func parserError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let at: SourcePosition
        if parser.error == YAML_READER_ERROR {
            at = EncodingCheck.position(ofByte: Int(parser.problem_offset), in: bytes)
        } else {
            at = position(parser.problem_mark)
        }
        let context = parser.context.map { String(cString: $0) }
        let syntax = YAMLSyntaxError(
            problem: problem, problemAt: at, context: context, contextAt: context.map { _ in position(parser.context_mark) })
        return syntax.diagnostic(file: file, bytes: bytes)
    }

    private func fail(_ rule: RuleDescriptor, _ message: String, _ at: SourcePosition) -> Diagnostic {
        Diagnostic(rule: rule, message: message, location: SourceLocation(file: file, range: SourceRange(at: at)))
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
