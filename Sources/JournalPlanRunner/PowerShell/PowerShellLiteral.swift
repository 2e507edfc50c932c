/// Single-quoted PowerShell string literals.
///
/// Inside `'…'` PowerShell treats the ASCII apostrophe and the typographic quotes U+2018–U+201B all as
/// the closing quote, and a doubled one as a literal; so every one of them is doubled. Nothing else is
/// special inside a single-quoted literal: no variable or subexpression is expanded.
enum PowerShellLiteral {
    static let quoteCharacters: Set<Character> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    /// `value` as a single-quoted literal.
    static func quote(_ value: String) -> String {
        var out = "'"
        for character in value {
            out.append(character)
            if quoteCharacters.contains(character) { out.append(character) }
        }
        return out + "'"
    }
}
