/// Accumulates script lines with indentation (four spaces per level) and LF line endings, written
/// straight into one growing string.
public struct ScriptWriter: Sendable {
    private var buffer = ""
    private var level = 0

    public init() {}

    /// Starts with room for about `capacity` bytes, so a large script grows without repeated copies.
    public init(capacity: Int) {
        buffer.reserveCapacity(capacity)
    }

    /// Appends one line at the current indentation (an empty line stays empty).
    public mutating func line(_ text: String = "") {
        if !text.isEmpty {
            for _ in 0..<level { buffer.append("    ") }
            buffer.append(text)
        }
        buffer.append("\n")
    }

    /// Appends several lines at the current indentation.
    public mutating func lines(_ texts: [String]) { for t in texts { line(t) } }

    /// Writes `opening`, the body one level deeper, then `closing`.
    public mutating func block(_ opening: String, _ closing: String = "}", _ body: (inout ScriptWriter) -> Void) {
        line(opening)
        level += 1
        body(&self)
        level -= 1
        line(closing)
    }

    /// Runs `body` one level deeper.
    public mutating func indented(_ body: (inout ScriptWriter) -> Void) {
        level += 1
        body(&self)
        level -= 1
    }

    /// The text written so far, ending in a newline.
    public var text: String { buffer.isEmpty ? "\n" : buffer }
}
