/// What a plain (unquoted) scalar means to YAML 1.2 tools that resolve types, such as JSON Schema
/// validators and editors: `2016` is a number there, `true` a boolean, `01234567` the number 1234567.
///
/// The decoder reads scalars as text, so it uses this to insist on quotes where a field is text and the
/// value would be read as something else by every other tool (and by the plan's JSON Schema).
public enum PlainScalarType: Sendable, Hashable {
    case string, integer, float, boolean, null

    /// The type YAML 1.2 (core schema, as ruamel.yaml resolves it) gives `text` written as a plain scalar.
    public static func of(_ text: String) -> PlainScalarType {
        guard let first = text.utf8.first else { return .null }
        if isText(startingWith: first) { return .string }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .boolean
        default: break
        }
        if [".nan", ".NaN", ".NAN"].contains(text) { return .float }
        var body = Substring(text)
        if let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(body) { return .float }
        if isInteger(body) { return .integer }
        if isFloat(body) { return .float }
        return .string
    }

    /// Whether a plain scalar starting with `first` is text whatever follows. Every non-string starts with
    /// a digit, a sign, a point, `~` or the first letter of a null or boolean word; anything else (most
    /// names and addresses) is text after one byte.
    public static func isText(startingWith first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            false
        default:
            true
        }
    }

    private static func all(_ text: Substring, _ allowed: (Character) -> Bool) -> Bool {
        !text.isEmpty && text.allSatisfy(allowed)
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    private static func isInteger(_ body: Substring) -> Bool {
        if body.hasPrefix("0b") { return all(body.dropFirst(2)) { "01_".contains($0) } }
        if body.hasPrefix("0x") { return all(body.dropFirst(2)) { $0.isHexDigit || $0 == "_" } }
        if body.hasPrefix("0o") { return all(body.dropFirst(2)) { "01234567_".contains($0) } }
        return body.first.map(isDigit) == true && all(body) { isDigit($0) || $0 == "_" }
    }

    /// `1.5`, `1.`, `1e3`, `.5`, `.5e+3` (digits may carry `_` separators after the first).
    private static func isFloat(_ body: Substring) -> Bool {
        var mantissa = body
        var exponent: Substring?
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<e]
            exponent = body[body.index(after: e)...]
        }
        if let exponent {
            var digits = exponent
            if let sign = digits.first, sign == "-" || sign == "+" { digits = digits.dropFirst() }
            guard all(digits, isDigit) else { return false }
        }
        guard let dot = mantissa.firstIndex(of: ".") else {
            // No point: only `1e3` (an exponent is required).
            return exponent != nil && mantissa.first.map(isDigit) == true && all(mantissa) { isDigit($0) || $0 == "_" }
        }
        let whole = mantissa[..<dot]
        let fraction = mantissa[mantissa.index(after: dot)...]
        let fractionOK = fraction.allSatisfy { isDigit($0) || $0 == "_" }
        if whole.isEmpty {
            // `.5` needs fraction digits, and an exponent written with a sign.
            let signed = exponent.map { $0.first == "-" || $0.first == "+" } ?? true
            return !fraction.isEmpty && fractionOK && signed
        }
        return isDigit(whole.first!) && whole.allSatisfy { isDigit($0) || $0 == "_" } && fractionOK
    }
}
