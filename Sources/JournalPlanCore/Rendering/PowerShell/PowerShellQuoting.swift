/// The one place that turns text into PowerShell source: single-quoted literals.
public enum PowerShellQuoting {
    /// The characters PowerShell treats as a single quote inside a single-quoted string:
    /// ' (U+0027), ‘ (U+2018), ’ (U+2019), ‚ (U+201A) and ‛ (U+201B).
    public static let singleQuotes: Set<Unicode.Scalar> = ["\u{27}", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    /// `text` as a single-quoted PowerShell literal: every single-quote character is doubled (written
    /// twice, as itself), so nothing inside can end the string; `$`, backticks and `;` are inert there.
    public static func literal(_ text: String) -> String {
        if !mayContainSingleQuote(text) {
            var out = "'"
            out.reserveCapacity(text.utf8.count + 2)
            out.append(text)
            out.append("'")
            return out
        }
        var out = "'"
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 2)
        for scalar in text.unicodeScalars {
            out.unicodeScalars.append(scalar)
            if singleQuotes.contains(scalar) { out.unicodeScalars.append(scalar) }
        }
        out += "'"
        return out
    }

    /// False when `text` certainly holds none of ``singleQuotes``: no `'` byte and no UTF-8 sequence
    /// starting E2 80 98…9B (U+2018…U+201B). One pass over the bytes, no allocation.
    static func mayContainSingleQuote(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == 0x27 { return true }
            if previous == (0xE2, 0x80), (0x98...0x9B).contains(byte) { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}
