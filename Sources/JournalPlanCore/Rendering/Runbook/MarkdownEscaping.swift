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
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: code) + 1))
        return fence + language + "\n" + code + (code.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }

    /// `text` as a code span (CommonMark and GitHub's flavour), which renders it literally: the fence is one
    /// backtick longer than the longest run of backticks inside, with a space either side when the text
    /// starts or ends with a backtick or a space; line breaks and tabs become spaces and other control
    /// characters are dropped (a code span cannot hold a line break). In a table cell `|` is escaped as
    /// `\|`, which GitHub's tables unescape before reading the span. An empty value is `_empty_`.
    public static func codeSpan(_ text: String, inTable: Bool = false) -> String {
        let body = ScalarEscaping.escape(text) { scalar in
            if scalar == "\n" || scalar == "\r" || scalar == "\t" { return " " }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) { return "" }
            return scalar == "|" && inTable ? "\\|" : nil
        }
        guard !body.isEmpty else { return "_empty_" }
        let fence = String(repeating: "`", count: longestBacktickRun(in: body) + 1)
        let pad = body.first == "`" || body.last == "`" || body.first == " " || body.last == " " ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// The longest run of consecutive backticks in `text`: a fence one longer cannot be closed from inside.
    static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var run = 0
        for scalar in text.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}

