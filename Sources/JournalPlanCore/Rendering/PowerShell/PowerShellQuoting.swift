/// The one place that turns text into PowerShell source: single-quoted literals.
public enum PowerShellQuoting {
    /// The characters PowerShell treats as a single quote inside a single-quoted string:
    /// ' (U+0027), ‘ (U+2018), ’ (U+2019), ‚ (U+201A) and ‛ (U+201B).
    public static let singleQuotes: Set<Unicode.Scalar> = ["\u{27}", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    /// `text` as a single-quoted PowerShell literal: every single-quote character is doubled (written
    /// twice, as itself), so nothing inside can end the string; `$`, backticks and `;` are inert there.
    /// See ``PowerShellSource/literal(_:)``, which writes it.
    public static func literal(_ text: String) -> String {
        var out = PowerShellSource(capacity: text.utf8.count + 2)
        out.literal(text)
        return out.text
    }
}
