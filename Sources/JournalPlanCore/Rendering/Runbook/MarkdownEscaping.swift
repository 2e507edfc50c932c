/// Escapes plan values for Markdown, so a value can add no emphasis, link, HTML, heading or table cell.
public enum MarkdownEscaping {
    static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "#", "|", "!", "~", "&", "{", "}", "$"]

    /// Inline text: every Markdown-significant ASCII punctuation mark gets a backslash (CommonMark
    /// lets any ASCII punctuation be escaped), also when a combining mark follows it; line breaks inside
    /// a value become spaces.
    public static func inline(_ text: String) -> String {
        ScalarEscaping.escape(text) { scalar in
            if scalar == "\n" || scalar == "\r" || scalar == "\t" { return " " }
            return special.contains(scalar) ? "\\" + String(scalar) : nil
        }
    }

    /// Text that keeps its line breaks: each line escaped as ``inline(_:)``, the lines joined by a hard
    /// break (a trailing backslash) and `continuation` (what the next line must start with to stay in the
    /// same block, such as `> ` in a quote or spaces in a list item). Blank lines stay visible. (Values never
    /// hold a CR: JP311 refuses it.)
    public static func lines(_ text: String, continuation: String) -> String {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map { inline(String($0)) }
        var trimmed = parts
        while trimmed.count > 1, trimmed.last?.isEmpty == true { trimmed.removeLast() }
        return trimmed.joined(separator: "\\\n" + continuation)
    }

    /// A fenced code block whose fence is longer than any backtick run in `code`, so nothing inside can
    /// close it.
    public static func codeBlock(_ code: String, language: String) -> String {
        var longest = 0
        var run = 0
        for scalar in code.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + code + (code.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }
}

