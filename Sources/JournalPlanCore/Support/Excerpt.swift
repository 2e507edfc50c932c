/// Shortens user text before it goes into a message, so a hostile file never makes a huge diagnostic.
public enum Excerpt {
    /// At most `limit` characters of `text`, with an ellipsis when cut, and control, bidirectional and invisible characters made visible.
    public static func short(_ text: String, limit: Int = 60) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                result += "…"
                break
            }
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            default:
                // Control, bidirectional and invisible characters are shown by number, never as they are.
                if TextSafety.isUnsafe(scalar) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return result
    }
}
