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
