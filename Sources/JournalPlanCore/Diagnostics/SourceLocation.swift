/// A 1-based line and column in a plan file. Columns count Unicode scalars, as libyaml does.
public struct SourcePosition: Hashable, Comparable, Sendable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
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
