/// Finds characters that must never reach a script or a runbook.
public enum TextSafety {
    /// Whether every byte is printable ASCII (space to `~`).
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// A description of the first unsafe scalar (control, bidirectional and invisible characters), or nil.
    public static func firstUnsafeScalar(in text: String, allowNewlines: Bool) -> String? {
        // Printable ASCII is always safe: one pass over the bytes before looking at scalars.
        if isPrintableASCII(text) { return nil }
        for scalar in text.unicodeScalars {
            if allowNewlines, scalar == "\n" || scalar == "\t" { continue }
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "the character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)"
            }
        }
        return nil
    }

    /// Whether `scalar` must never reach a script, a runbook or a diagnostic as it is: control characters
    /// (C0, DEL, C1), bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069), line and paragraph separators, and invisible characters that make
    /// two values look alike (U+00AD soft hyphen, U+200B zero width space, U+200D zero width joiner, U+2060
    /// word joiner, U+FEFF, U+FFF9–U+FFFB interlinear annotations, U+E0000–U+E007F tag characters).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || v == 0xAD || v == 0x061C
            || v == 0x200B || v == 0x200D || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v)
            || v == 0x2060 || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
            || (0xFFF9...0xFFFB).contains(v) || (0xE0000...0xE007F).contains(v)
    }

    /// Characters that render as nothing but are not Unicode whitespace (Hangul fillers, the braille blank):
    /// a value made only of them, or of them and spaces, is blank.
    public static func isBlankLooking(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800].contains(scalar.value)
    }
}
