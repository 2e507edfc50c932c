/// A YAML value as the loader read it, with where it stands in the file.
///
/// Scalars keep their text and style; no implicit type resolution happens here. The decoder decides what
/// a scalar means from the field it fills, so `version: 2016` and `version: "2016"` both read as a version.
public struct YAMLNode: Sendable {
    public var content: Content
    public var range: SourceRange
    /// The explicit tag, if the file wrote one (only YAML core tags are accepted).
    public var tag: YAMLTag?

    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public init(content: Content, range: SourceRange, tag: YAMLTag? = nil) {
        self.content = content
        self.range = range
        self.tag = tag
    }

    /// A short name for the node's shape, for messages ("a mapping", "a list", "a string").
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.isNull ? "null" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
    /// The key's text (keys are always scalars: the loader rejects others), kept at hand because the
    /// decoder looks fields up by it.
    public let name: String

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
        self.name = key.scalar?.text ?? ""
    }
}

/// Scalar text with the style it was written in.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// YAML 1.2 core-schema null: an empty or `~`/`null` plain scalar.
    public var isNull: Bool {
        guard style == .plain else { return false }
        // Only an empty text or one starting with `~`, `n` or `N` can be null: one byte decides the rest.
        if let first = text.utf8.first, first != 0x7E, first != 0x6E, first != 0x4E { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// The tags a plan may write: YAML's non-specific `!` and the core schema's.
public enum YAMLTag: String, Sendable, Hashable, CaseIterable {
    case nonSpecific = "!"
    case str = "tag:yaml.org,2002:str"
    case int = "tag:yaml.org,2002:int"
    case bool = "tag:yaml.org,2002:bool"
    case null = "tag:yaml.org,2002:null"
    case float = "tag:yaml.org,2002:float"
    case map = "tag:yaml.org,2002:map"
    case seq = "tag:yaml.org,2002:seq"
}
