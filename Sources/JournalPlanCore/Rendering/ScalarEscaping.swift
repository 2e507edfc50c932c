/// The one way renderers escape text: scalar by scalar, never by `Character`. A special character
/// followed by a combining mark (`"` + U+0301) is a single grapheme that is not equal to `"`, yet DOT,
/// Markdown, YAML and PowerShell read its first scalar as the special character; so DOT, Mermaid,
/// Markdown, JSON, YAML and PowerShell (``PowerShellSource``) all look at scalars.
enum ScalarEscaping {
    /// Appends `text` to `out`, each scalar for which `replacement` returns text replaced by that text.
    static func escape(_ text: String, into out: inout String, _ replacement: (Unicode.Scalar) -> String?) {
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
    }

    /// `text` with each scalar for which `replacement` returns text replaced by that text.
    static func escape(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        escape(text, into: &out, replacement)
        return out
    }
}
