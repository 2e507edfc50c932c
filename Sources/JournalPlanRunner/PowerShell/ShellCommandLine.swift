/// Splits a `--shell` command line into arguments the way a POSIX shell would, without running one.
///
/// Blanks separate words; `'…'` is literal; `"…"` is literal except that a backslash escapes `"`, `\`,
/// `$` and `` ` ``; outside quotes a backslash escapes a blank, a quote or a backslash and is otherwise
/// kept, so Windows paths such as `C:\Windows\System32\…\powershell.exe` survive. Quoted parts next to
/// each other join into one word, and `''` is an empty word. No expansion of any kind happens.
public enum ShellCommandLine {
    /// Why a command line cannot be split.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Nothing but blanks.
        case empty
        /// A quote is opened and never closed.
        case unterminatedQuote(Character)

        /// A one-line explanation.
        public var description: String {
            switch self {
            case .empty: return "the shell command line is empty"
            case .unterminatedQuote(let quote): return "the shell command line has an unterminated \(quote) quote"
            }
        }
    }

    /// The words of `text`.
    public static func split(_ text: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                guard let end = characters.firstIndex(of: "'") else { throw .unterminatedQuote("'") }
                current += String(characters[..<end])
                characters = characters[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let next = characters.popFirst() {
                    if next == "\"" {
                        closed = true
                        break
                    }
                    if next == "\\", let escaped = characters.first, "\"\\$`".contains(escaped) {
                        current.append(escaped)
                        characters = characters.dropFirst()
                    } else {
                        current.append(next)
                    }
                }
                guard closed else { throw .unterminatedQuote("\"") }
            case "\\":
                inWord = true
                if let escaped = characters.first, " \t'\"\\".contains(escaped) {
                    current.append(escaped)
                    characters = characters.dropFirst()
                } else {
                    current.append("\\")
                }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else { throw .empty }
        return words
    }
}
