import JournalPlanCore
import Testing

/// Plain scalars are typed the way ruamel.yaml (YAML 1.2, used by check-jsonschema) types them; the table
/// was produced by loading each value with ruamel.yaml.
@Suite struct PlainScalarTypeTests {
    static let table: [(String, PlainScalarType)] = [
        ("01234567", .integer),
        ("0x1F", .integer),
        ("0o17", .integer),
        ("1_000", .integer),
        ("_1", .string),
        ("1e3", .float),
        ("1.5", .float),
        (".5", .float),
        (".inf", .float),
        ("-.inf", .float),
        (".nan", .float),
        ("+12", .integer),
        ("0b101", .integer),
        ("1e", .string),
        ("1.", .float),
        ("2016", .integer),
        ("12:30", .string),
        ("yes", .string),
        ("on", .string),
        ("True", .boolean),
        ("0755", .integer),
        ("08", .integer),
        ("1-2", .string),
        ("1__", .integer),
        ("0x", .string),
        ("0b2", .string),
        ("1e+3", .float),
        (".5e3", .string),
        (".5e+3", .float),
        ("1.5.5", .string),
        ("1e3e3", .string),
        ("-1.5e-3", .float),
        ("+.5", .float),
        ("1_.5", .float),
        ("EX01", .string),
        ("DB01", .string),
        ("30m", .string),
        ("1d", .string),
        (".", .string),
        ("-.5", .float),
        ("0o", .string),
        ("0b", .string),
        ("1.e5", .float),
        ("3.0e", .string),
        ("10.0.0.1", .string),
        ("+-1", .string),
        ("0xG", .string),
        ("v1", .string),
        ("0.5_", .float),
        ("1_e3", .float),
        ("null", .null),
        ("~", .null),
        ("NULL", .null),
        ("nUll", .string),
        ("-0", .integer),
        ("+.inf", .float),
        ("-.nan", .string),
        ("._5", .float),
        ("1e_3", .string),
        ("1._5", .float),
    ]

    @Test func agreesWithRuamel() {
        for (text, expected) in Self.table {
            #expect(PlainScalarType.of(text) == expected, "\(text)")
        }
    }
}
