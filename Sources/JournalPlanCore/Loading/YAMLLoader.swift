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
    /// Most nodes in the document, aliases expanded.
    public var maxNodes: Int

    public init(maxBytes: Int, maxDepth: Int, maxAliasExpansion: Int, maxNodes: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxNodes = maxNodes
    }

    public static let `default` = LoadLimits(
        maxBytes: 16 * 1024 * 1024, maxDepth: 64, maxAliasExpansion: 10_000, maxNodes: 4_000_000)
}

/// Reads one YAML document into a ``YAMLNode`` tree straight from libyaml's event stream.
///
/// Rejects, with a positioned diagnostic: malformed YAML, invalid UTF-8 and NUL bytes, several documents,
/// an empty file, duplicate and non-scalar keys, tags beyond the YAML core ones, aliases that expand past
/// the budget, nesting past the depth limit, and files past the size limit.
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
private struct LoaderSession {
    let file: String
    let bytes: [UInt8]
    let limits: LoadLimits

    private struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var tag: YAMLTag?
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// Key positions for duplicate checks, filled only once a mapping is large (small ones are scanned).
        var seenKeys: [String: SourcePosition] = [:]
        var size = 1

        static let scanLimit = 16

        /// Where `key` was first defined in this mapping, if it was.
        mutating func firstDefinition(of key: String) -> SourcePosition? {
            if pairs.count < Self.scanLimit {
                for pair in pairs where pair.name == key { return pair.key.range.start }
                return nil
            }
            if seenKeys.isEmpty {
                for pair in pairs { seenKeys[pair.name] = pair.key.range.start }
            }
            return seenKeys[key]
        }

        mutating func remember(_ key: String, at position: SourcePosition) {
            if !seenKeys.isEmpty { seenKeys[key] = position }
        }
    }

    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasBudgetUsed = 0
    private var nodeCount = 0
    private var root: YAMLNode?
    private var rootSize = 0

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
                    let node = YAMLNode(
                        content: .scalar(YAMLScalar(text: text, style: style(s.style))),
                        range: SourceRange(start: start, end: position(event.end_mark)),
                        tag: tag)
                    if let problem = add(node, size: 1, anchor: s.anchor.map { String(cString: $0) }) {
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
                    if stack.count >= limits.maxDepth {
                        return .failure(
                            fail(
                                InputRules.limitExceeded,
                                "nesting is deeper than \(limits.maxDepth) levels", start))
                    }
                    stack.append(
                        Frame(
                            isMapping: isMapping, start: start, tag: tag,
                            anchor: rawAnchor.map { String(cString: $0) }))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let frame = stack.removeLast()
                    let range = SourceRange(start: frame.start, end: position(event.end_mark))
                    let node =
                        frame.isMapping
                        ? YAMLNode(content: .mapping(frame.pairs), range: range, tag: frame.tag)
                        : YAMLNode(content: .sequence(frame.items), range: range, tag: frame.tag)
                    if let problem = add(node, size: frame.size, anchor: frame.anchor) { return .failure(problem) }
                case YAML_ALIAS_EVENT:
                    let name = String(cString: event.data.alias.anchor)
                    guard let (node, size) = anchors[name] else {
                        return .failure(fail(InputRules.yamlSyntax, "unknown anchor '\(name)'", start))
                    }
                    aliasBudgetUsed += size
                    if aliasBudgetUsed > limits.maxAliasExpansion {
                        return .failure(
                            fail(
                                InputRules.limitExceeded,
                                "aliases expand to more than \(limits.maxAliasExpansion) nodes", start))
                    }
                    var copy = node
                    copy.range = SourceRange(start: start, end: position(event.end_mark))
                    if let problem = add(copy, size: size, anchor: nil) { return .failure(problem) }
                default:
                    break
                }
            }
        }
    }

    /// Attaches a finished node to its parent (or makes it the root).
    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?) -> Diagnostic? {
        nodeCount += size
        if nodeCount > limits.maxNodes {
            return fail(InputRules.limitExceeded, "the document has more than \(limits.maxNodes) nodes", node.range.start)
        }
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            root = node
            rootSize = size
            return nil
        }
        stack[stack.count - 1].size += size
        if !stack[stack.count - 1].isMapping {
            stack[stack.count - 1].items.append(node)
            return nil
        }
        guard let key = stack[stack.count - 1].pendingKey else {
            guard let scalar = node.scalar else {
                return fail(
                    InputRules.yamlSyntax, "mapping keys must be plain strings, not \(node.kindDescription)",
                    node.range.start)
            }
            if let first = stack[stack.count - 1].firstDefinition(of: scalar.text) {
                var diagnostic = fail(
                    InputRules.duplicateKey, "duplicate key '\(Excerpt.short(scalar.text))'", node.range.start)
                diagnostic.location.range.end = node.range.end
                diagnostic.notes = [
                    DiagnosticNote(
                        location: SourceLocation(file: file, range: SourceRange(at: first)),
                        message: "first defined here")
                ]
                return diagnostic
            }
            stack[stack.count - 1].remember(scalar.text, at: node.range.start)
            stack[stack.count - 1].pendingKey = node
            return nil
        }
        stack[stack.count - 1].pairs.append(YAMLPair(key: key, value: node))
        stack[stack.count - 1].pendingKey = nil
        return nil
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

    private func parserError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let at: SourcePosition
        if parser.error == YAML_READER_ERROR {
            at = EncodingCheck.position(ofByte: Int(parser.problem_offset), in: bytes)
        } else {
            at = position(parser.problem_mark)
        }
        var diagnostic = fail(InputRules.yamlSyntax, problem, at)
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextAt = position(parser.context_mark)
            diagnostic.notes.append(
                DiagnosticNote(
                    location: SourceLocation(file: file, range: SourceRange(at: contextAt)), message: context))
        }
        return diagnostic
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
