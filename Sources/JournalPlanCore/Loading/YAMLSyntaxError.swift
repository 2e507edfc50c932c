/// A libyaml parse error, worded for people: a plain sentence at the place to fix, with libyaml's own
/// wording kept as a note under it (issue 20: "a tab used for indentation says tab and where; a missing `:`
/// is reported on its own line").
struct YAMLSyntaxError {
    var problem: String
    var problemAt: SourcePosition
    var context: String?
    var contextAt: SourcePosition?

    func diagnostic(file: String, bytes: [UInt8]) -> Diagnostic {
        let lines = SourceLines(bytes)
        let (message, at) = plainSentence(lines)
        var raw = "libyaml: \(problem)"
        if let context { raw += " (\(context))" }
        var notes = [DiagnosticNote(location: SourceLocation(file: file, range: SourceRange(at: problemAt)), message: raw)]
        if let context, let contextAt, contextAt != problemAt, contextAt != at {
            notes.append(DiagnosticNote(location: SourceLocation(file: file, range: SourceRange(at: contextAt)), message: context))
        }
        return Diagnostic(
            rule: InputRules.yamlSyntax, message: message,
            location: SourceLocation(file: file, range: SourceRange(at: at)), notes: notes)
    }

    /// The sentence and where it points.
    private func plainSentence(_ lines: SourceLines) -> (String, SourcePosition) {
        // A tab in the indentation of the line libyaml stopped on (or of the line it was reading).
        for line in [problemAt.line, contextAt?.line].compactMap({ $0 }) {
            if let column = lines.tabInIndentation(line) {
                return (
                    "a tab indents line \(line); YAML indents with spaces only",
                    SourcePosition(line: line, column: column)
                )
            }
        }
        switch problem {
        case "could not find expected ':'" where context == "while scanning a simple key":
            // libyaml notices on a later line; the key without its ':' is where the scan started.
            let at = contextAt ?? problemAt
            return ("line \(at.line) has no ':' after its key; a mapping entry is 'key: value'", at)
        case "mapping values are not allowed in this context":
            return (
                "a ': ' inside a value that is not quoted; quote the value, or put the key on its own line",
                problemAt
            )
        case "found character that cannot start any token":
            return (
                "this character cannot start a YAML value; put the value in quotes", problemAt
            )
        case "did not find expected key", "did not find expected '-' indicator":
            return ("this line is not indented like the entries around it", problemAt)
        case "found undefined alias":
            return ("an alias (*name) refers to an anchor (&name) that is not defined before it", problemAt)
        default:
            return ("the file is not well-formed YAML here", problemAt)
        }
    }
}

/// The lines of a file's bytes, for the syntax messages.
private struct SourceLines {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The 1-based column of the first tab in `line`'s leading whitespace, or nil.
    func tabInIndentation(_ line: Int) -> Int? {
        var current = 1
        var i = 0
        while current < line, i < bytes.count {
            if bytes[i] == 0x0A { current += 1 }
            i += 1
        }
        guard current == line else { return nil }
        var column = 1
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 {
            if bytes[i] == 0x09 { return column }
            column += 1
            i += 1
        }
        return nil
    }
}
