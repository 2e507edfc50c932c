/// A 1-based line and column in a plan file. Columns count Unicode scalars, as libyaml does.
public struct SourcePosition: Hashable, Comparable, Sendable, Codable {
    // Stored in 32 bits each: every YAML node, step and located value carries two positions, and plans are
    // limited to far fewer lines and columns than 2^32. Half the size is half the copying.
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Self.clamped(newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Self.clamped(newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Self.clamped(line)
        storedColumn = Self.clamped(column)
    }

    private static func clamped(_ value: Int) -> UInt32 { UInt32(clamping: value) }

    private enum CodingKeys: String, CodingKey { case line, column }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            line: try container.decode(Int.self, forKey: .line), column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// The start of a file.
    public static let start = SourcePosition(line: 1, column: 1)
}

/// A span of a plan file: where a value starts and where it ends (exclusive).
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A range that marks a single position.
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }

    /// The first position of a file, for findings that belong to no particular value.
    public static let fileStart = SourceRange(at: .start)
}

/// A range inside a named file.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var file: String
    public var range: SourceRange

    public init(file: String, range: SourceRange) {
        self.file = file
        self.range = range
    }
}
