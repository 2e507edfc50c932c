/// Accumulates script lines with indentation (four spaces per level) and LF line endings.
public struct ScriptWriter: Sendable {
    private var lines: [String] = []
    private var level = 0

    public init() {}

    /// Appends one line at the current indentation (an empty line stays empty).
    public mutating func line(_ text: String = "") {
        lines.append(text.isEmpty ? "" : String(repeating: "    ", count: level) + text)
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
    public var text: String { lines.joined(separator: "\n") + "\n" }
}
