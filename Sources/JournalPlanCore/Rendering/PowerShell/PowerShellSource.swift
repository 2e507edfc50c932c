/// PowerShell source text being written, as UTF-8 bytes: the one implementation of how the command model
/// becomes PowerShell. ``PowerShellRenderer``'s functions return its text as strings; ``ScriptWriter``
/// writes a whole script into one of these without building a string per line.
///
/// A plain value over a growable byte array: appending is `Array.append`, copying is copy-on-write.
public struct PowerShellSource: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Starts with room for about `capacity` bytes.
    public init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The UTF-8 byte-order mark. Windows PowerShell (2.0 to 5.1) reads a script file without one in the
    /// system's ANSI code page, and with one as UTF-8; so every script file the tool writes starts with it.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// How many bytes have been written.
    public var count: Int { bytes.count }

    /// The source written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var isEmpty: Bool { bytes.isEmpty }

    /// Appends tool text (never a plan value: those go through ``literal(_:)``).
    public mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends `n` copies of `byte` (indentation).
    mutating func append(repeating byte: UInt8, count n: Int) {
        if n > 0 { bytes.append(contentsOf: repeatElement(byte, count: n)) }
    }

    /// Empties the buffer, keeping its capacity (for streaming).
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// A decimal integer.
    mutating func append(_ number: Int) { append(String(number)) }

    // MARK: Literals

    /// Bytes that an ANSI code page turns into a character PowerShell reads as a single quote: 0x82 is
    /// U+201A, 0x91 U+2018 and 0x92 U+2019 in every Windows-125x code page (and 0x91/0x92 in 874). In
    /// UTF-8 they occur only as continuation bytes of a non-ASCII character (`ő` is C5 91, `т` D1 82).
    static func becomesQuoteInACodePage(_ byte: UInt8) -> Bool { byte == 0x82 || byte == 0x91 || byte == 0x92 }

    /// Whether `scalar` cannot be written as itself in a literal: its UTF-8 bytes include one a code page
    /// reads as a quote, so a script whose byte-order mark was lost would end the string there.
    public static func needsCharForm(_ scalar: Unicode.Scalar) -> Bool {
        scalar.utf8.contains(where: becomesQuoteInACodePage)
    }

    /// `text` as one PowerShell expression of type string, safe however the script's bytes are decoded:
    ///
    /// - a single-quoted literal, in which every character PowerShell reads as a single quote (U+0027 and
    ///   U+2018–U+201B) is written twice, so nothing inside can end the string; `$`, backticks and `;` are
    ///   inert there;
    /// - when `text` holds a character whose UTF-8 bytes include 0x82, 0x91 or 0x92 (see
    ///   ``needsCharForm(_:)``), a parenthesised concatenation of such literals and `[char]0xHHHH` for
    ///   those characters (one per UTF-16 unit), starting with a literal so the sum is a string:
    ///   `Győr` becomes `('Gy' + [char]0x0151 + 'r')`. Valid from PowerShell 2.0, and one expression as a
    ///   parameter value, array element, hashtable key or value, or operand.
    public mutating func literal(_ text: String) {
        // Most values hold no quote and nothing that needs a [char]: copy them whole.
        if !text.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 || Self.becomesQuoteInACodePage($0) }) {
            append(byte: 0x27)
            bytes.append(contentsOf: text.utf8)
            append(byte: 0x27)
            return
        }
        let scalars = text.unicodeScalars
        guard scalars.contains(where: Self.needsCharForm) else {
            append(byte: 0x27)
            quoted(scalars[...])
            append(byte: 0x27)
            return
        }
        append(byte: 0x28)
        var run = scalars.startIndex
        var first = true
        func closeRun(upTo end: String.UnicodeScalarView.Index) {
            guard run < end || first else { return }
            if !first { append(" + ") }
            append(byte: 0x27)
            quoted(scalars[run..<end])
            append(byte: 0x27)
            first = false
        }
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let scalar = scalars[i]
            if Self.needsCharForm(scalar) {
                closeRun(upTo: i)
                for unit in scalar.utf16 {
                    append(" + [char]0x")
                    append(Self.hex4(unit))
                }
                run = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        closeRun(upTo: scalars.endIndex)
        append(byte: 0x29)
    }

    /// `prefix` followed by `text` as one literal (what `literal(prefix + text)` writes).
    public mutating func literal(_ text: String, prefixedBy prefix: String) { literal(prefix + text) }

    /// The inside of a single-quoted literal: every single-quote character written twice.
    private mutating func quoted(_ scalars: Substring.UnicodeScalarView) {
        for scalar in scalars {
            bytes.append(contentsOf: scalar.utf8)
            if PowerShellQuoting.singleQuotes.contains(scalar) { bytes.append(contentsOf: scalar.utf8) }
        }
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    // MARK: Values and commands

    /// A value as PowerShell source.
    public mutating func value(_ value: PowerShellValue) {
        switch value {
        case .string(let s): literal(s)
        case .bool(let b): append(b ? "$true" : "$false")
        case .int(let i): append(i)
        case .stringArray(let items):
            append("@(")
            for (n, item) in items.enumerated() {
                if n > 0 { append(", ") }
                literal(item)
            }
            append(")")
        case .null: append("$null")
        case .variable(let v):
            append(byte: 0x24)
            append(v.name)
        case .runtime(let r):
            append(byte: 0x24)
            append(r.rawValue)
        case .remembered(let name):
            append("(Get-JpRemembered -Name ")
            literal(name)
            append(")")
        case .now: append("(Get-Date)")
        case .mailboxDatabase(let of, let dc):
            append("([string](Get-Mailbox -Identity ")
            self.value(of)
            if let dc {
                append(" -DomainController ")
                self.value(dc)
            }
            append(" | Select-Object -ExpandProperty Database))")
        }
    }

    /// `$jpName = '<literal>'`.
    public mutating func declaration(_ variable: PowerShellVariable) {
        append(byte: 0x24)
        append(variable.name)
        append(" = ")
        value(variable.value)
    }

    /// `Cmdlet -Name value -Switch -Confirm:$false`.
    public mutating func command(_ command: PowerShellCommand) {
        append(command.cmdlet)
        for parameter in command.parameters {
            append(" -")
            append(parameter.name)
            if let v = parameter.value {
                append(byte: parameter.colonForm ? 0x3A : 0x20)
                value(v)
            }
        }
    }

    /// A command and its `Where-Object` filter. A filtered command is collected first
    /// (`@(Get-X) | Where-Object { … }`): the remote Exchange Management Shell (2010 and later) runs one
    /// pipeline at a time, so a filter that calls Exchange (`Test-JpSameRecipient`) must not run while the
    /// first cmdlet is still streaming ("Pipelines cannot be executed concurrently").
    public mutating func pipeline(_ pipeline: PowerShellPipeline) {
        let filtered = !pipeline.filter.isEmpty
        if filtered { append("@(") }
        command(pipeline.command)
        if pipeline.missingIsEmpty { append(" -ErrorAction SilentlyContinue") }
        if filtered {
            append(") | Where-Object { ")
            joined(pipeline.filter, " -and ") { $0.test($1) }
            append(" }")
        }
    }

    /// One property test on `$_`.
    public mutating func test(_ test: PropertyTest) {
        func lhs(_ name: String, _ v: PowerShellValue) {
            switch v {
            case .bool, .int, .null: break
            default: append("[string]")
            }
            property(name)
        }
        switch test {
        case .equals(let p, let v):
            lhs(p, v)
            append(" -eq ")
            value(v)
        case .notEquals(let p, let v):
            lhs(p, v)
            append(" -ne ")
            value(v)
        case .greaterThan(let p, let v):
            property(p)
            append(" -gt ")
            value(v)
        case .like(let p, let pattern):
            append("[string]")
            property(p)
            append(" -like ")
            literal(pattern)
        case .addressEquals(let p, let v):
            append("(([string]")
            property(p)
            append(") -replace '^smtp:', '') -eq ")
            value(v)
        case .sameRecipient(let p, let v):
            append("(Test-JpSameRecipient -Identity ")
            property(p)
            append(" -Address ")
            value(v)
            append(")")
        case .anyOf(let tests):
            append("(")
            joined(tests, " -or ") { $0.test($1) }
            append(")")
        case .allOf(let tests):
            append("(")
            joined(tests, " -and ") { $0.test($1) }
            append(")")
        case .not(let inner):
            append("-not (")
            self.test(inner)
            append(")")
        }
    }

    /// A condition as a boolean PowerShell expression.
    public mutating func condition(_ condition: PowerShellCondition) {
        switch condition {
        case .exists(let p):
            append("(@(")
            pipeline(p)
            append(").Count -gt 0)")
        case .absent(let p):
            append("(@(")
            pipeline(p)
            append(").Count -eq 0)")
        case .sameNames(let p, let property, let expected):
            append("(Test-JpSameNames -Actual @(")
            pipeline(p)
            append(" | ForEach-Object { [string]")
            self.property(property)
            append(" }) -Expected ")
            value(expected)
            append(")")
        case .noneNamed(let p, let property):
            append("(Test-JpNone -Found @(")
            pipeline(p)
            append(" | ForEach-Object { [string]")
            self.property(property)
            append(" }))")
        case .cmdletAvailable(let name):
            append("(@(Get-Command -Name ")
            literal(name)
            append(" -ErrorAction SilentlyContinue).Count -gt 0)")
        case .all(let cs): junction(cs, " -and ", empty: "$true")
        case .any(let cs): junction(cs, " -or ", empty: "$false")
        }
    }

    /// One operator line of a gate: `Write-Host ('text' + $jpValue)`.
    public mutating func gateLine(_ line: GateLine) {
        append("Write-Host (")
        joined(line.parts, " + ") { out, part in
            switch part {
            case .text(let t): out.literal(t)
            case .value(let v):
                if case .variable(let variable) = v, case .stringArray = variable.value {
                    out.append("(")
                    out.value(v)
                    out.append(" -join ', ')")
                } else {
                    out.value(v)
                }
            }
        }
        append(")")
    }

    private mutating func junction(_ cs: [PowerShellCondition], _ op: String, empty: String) {
        if cs.isEmpty { return append(empty) }
        if cs.count == 1 { return condition(cs[0]) }
        append("(")
        joined(cs, op) { $0.condition($1) }
        append(")")
    }

    /// `$_.Property` (properties are tool text).
    private mutating func property(_ name: String) {
        append("$_.")
        append(name)
    }

    private mutating func joined<T>(_ items: [T], _ separator: String, _ each: (inout PowerShellSource, T) -> Void) {
        for (n, item) in items.enumerated() {
            if n > 0 { append(separator) }
            each(&self, item)
        }
    }
}
