/// Writes values into YAML so that every YAML tool reads back exactly the same text.
public enum YAMLQuoting {
    /// YAML 1.1 words that some loaders turn into booleans, besides the YAML 1.2 ones.
    private static let yaml11Words: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    /// `text` as a plain scalar when that is unambiguous (a letter first, then letters, digits, `.`, `_`, `@`, `-`, `/` and single
    /// inner spaces, read as a string by YAML 1.1 and 1.2 alike), otherwise single-quoted with every `'`
    /// doubled. The text must not contain line breaks or control characters (see ``TextSafety``).
    public static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : "'" + ScalarEscaping.escape(text) { $0 == "'" ? "''" : nil } + "'"
    }

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter, text.last != " ", !text.contains("  "),
            PlainScalarType.of(text) == .string, !yaml11Words.contains(text)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._@-/ ".unicodeScalars.contains($0))
        }
    }
}
