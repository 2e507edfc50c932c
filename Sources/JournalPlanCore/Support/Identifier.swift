/// Kebab-case identifiers for plan names, step ids and connector ids.
public enum Identifier {
    public static func isKebabCase(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...64).contains(bytes.count), bytes.first != 45, bytes.last != 45 else { return false }
        var previousHyphen = false
        for byte in bytes {
            switch byte {
            case 97...122, 48...57: previousHyphen = false
            case 45:
                if previousHyphen { return false }
                previousHyphen = true
            default: return false
            }
        }
        return true
    }
}
