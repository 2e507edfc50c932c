/// PowerShell source text being written, as UTF-8 bytes: the one implementation of how the command model
/// becomes PowerShell. ``PowerShellRenderer``'s functions return its text as strings; ``ScriptWriter``
/// writes a whole script into one of these without building a string per line.
///
/// The bytes live in one buffer this value alone owns (it cannot be copied), so an append is a bounds
/// check and a copy: no reference counting, no uniqueness check, no copy-on-write.
public struct PowerShellSource: ~Copyable, @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes have been written.
    public private(set) var count = 0

    public init() { self.init(capacity: 64) }

    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, as an array (a copy).
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// The source written so far.
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    public var isEmpty: Bool { count == 0 }

    /// Lends the bytes written so far to `body`, without copying them.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Appends tool text (never a plan value: those go through ``literal(_:)``).
    @inline(__always)
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ raw: UnsafeBufferPointer<UInt8>) {
        let n = raw.count
        guard n > 0 else { return }
        if capacity - count < n { grow(toHold: count + n) }
        (base + count).initialize(from: raw.baseAddress!, count: n)
        count += n
    }

    /// Appends `n` copies of `byte` (indentation).
    mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        if capacity - count < n { grow(toHold: count + n) }
        (base + count).initialize(repeating: byte, count: n)
        count += n
    }

    /// Empties the buffer, keeping its capacity (for streaming).
    mutating func removeAll() { count = 0 }

    /// A decimal integer, written digit by digit into the buffer.
    mutating func append(_ number: Int) {
        if capacity - count < 20 { grow(toHold: count + 20) }
        if number < 0 { base[count] = 0x2D; count += 1 }
        var magnitude = number.magnitude
        let start = count
        repeat {
            base[count] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
            count += 1
            magnitude /= 10
        } while magnitude > 0
        var digits = UnsafeMutableBufferPointer(start: base + start, count: count - start)
        digits.reverse()
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// `text` as a single-quoted literal: every character PowerShell reads as a single quote (U+0027 and
    /// U+2018–U+201B) is written twice, so nothing inside can end the string; `$`, backticks and `;` are
    /// inert there. Works on the UTF-8 bytes: in valid UTF-8, E2 80 98…9B is exactly U+2018…U+201B.
    public mutating func literal(_ text: String) {
        append(byte: 0x27)
        quoted(text)
        append(byte: 0x27)
    }

    /// `prefix` followed by `text` as one single-quoted literal, both quoted alike (what
    /// `literal(prefix + text)` writes, without building the joined string).
    public mutating func literal(_ text: String, prefixedBy prefix: String) {
        append(byte: 0x27)
        quoted(prefix)
        quoted(text)
        append(byte: 0x27)
    }

    /// The inside of a literal: `text` with every single-quote character doubled.
    private mutating func quoted(_ text: String) {
        text.withUTF8Bytes { quoted($0) }
    }

    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Most values hold no quote character at all: copy them whole.
        if !utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }) { return append(utf8) }
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte == 0x27 {
                append(byte: 0x27)
                append(byte: 0x27)
                i += 1
            } else if byte == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80, (0x98...0x9B).contains(utf8[i + 2]) {
                let quote = UnsafeBufferPointer(rebasing: utf8[i...(i + 2)])
                append(quote)
                append(quote)
                i += 3
            } else {
                append(byte: byte)
                i += 1
            }
        }
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
