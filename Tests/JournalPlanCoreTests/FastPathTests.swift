@testable import JournalPlanCore
import Testing

/// The byte-level fast paths of loading, decoding and rendering give the same answers as the plain
/// definitions they short-cut.
@Suite struct FastPathTests {
    /// The definition: every single-quote scalar written twice, inside ASCII quotes.
    static func referenceLiteral(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("'")
        for scalar in text.unicodeScalars {
            out.append(scalar)
            if PowerShellQuoting.singleQuotes.contains(scalar) { out.append(scalar) }
        }
        out.append("'")
        return String(out)
    }

    @Test(
        "literal agrees with the definition, also beside other U+20xx punctuation",
        arguments: [
            "", "EX01", "Journal All Mail", "em\u{2014}dash", "\u{201C}double\u{201D}", "ellipsis\u{2026}",
            "x\u{2019}", "\u{201B}", "\u{2017}\u{2018}", "\u{2020}\u{201A}", "caf\u{E9}", "O'Brien", "\u{E2}\u{80}",
        ])
    func literal(_ text: String) {
        #expect(PowerShellQuoting.literal(text) == Self.referenceLiteral(text))
    }

    /// A prefixed literal is the literal of the joined text, whichever part holds the quotes.
    @Test(arguments: [("", ""), ("Undo: ", "Disable the rule"), ("it's ", "O\u{2019}Brien"), ("\u{2018}", "'")])
    func prefixedLiteral(_ prefix: String, _ text: String) {
        var out = PowerShellSource()
        out.literal(text, prefixedBy: prefix)
        #expect(out.text == Self.referenceLiteral(prefix + text))
    }

    /// Integers are written digit by digit; they must match Swift's own decimal form at the edges.
    @Test func integersMatchTheirDescription() {
        for n in [0, 7, 10, -1, -10, 1_000_000, Int.max, Int.min] {
            var out = PowerShellSource(capacity: 1)
            out.append("x")
            out.append(n)
            #expect(out.text == "x" + String(n))
        }
    }

    /// The buffer grows past its first capacity without losing or reordering bytes.
    @Test func sourceGrowsInOrder() {
        var out = PowerShellSource(capacity: 1)
        var expected = ""
        for i in 0..<2_000 {
            out.append(i)
            out.append(byte: 0x20)
            out.append(repeating: 0x2E, count: i % 7)
            expected += String(i) + " " + String(repeating: ".", count: i % 7)
        }
        #expect(out.count == expected.utf8.count)
        #expect(out.text == expected)
    }

    @Test(arguments: [
        ("New-MailContact", true), ("Set-JournalRule", true), ("Remove-JpState", true), ("Enable-JournalRule", true),
        ("Disable-JournalRule", true), ("Get-JournalRule", false), ("Newer-Thing", false), ("Ne-X", false),
        ("New", true), ("Get", false), ("", false), ("Start-Service", false),
    ])
    func confirmingVerbs(_ cmdlet: String, _ asks: Bool) {
        #expect(CmdletDescription(cmdlet).asksForConfirmation == asks)
    }

    @Test(arguments: [
        ("Get-Service", false), ("Stop-Service", false), ("Get-Queue", false), ("Get-MessageTraceV2", false),
        ("Get-MessageTrace", true), ("Get-JournalRule", true), ("Get-Services", true), ("", true),
    ])
    func domainControllerCmdlets(_ cmdlet: String, _ takes: Bool) {
        #expect(CmdletDescription(cmdlet).takesDomainController == takes)
    }

    /// Compensation builds only the commands it runs; they must be the apply parts of the full programs.
    @Test(arguments: ExamplePlansTests.planFiles)
    func compensationIsTheProgramsApplyParts(_ file: String) throws {
        let commands = ExchangeCommands(graph: try CompileGoldenTests.compile(file).graph)
        var restore: [ProgramAction] = []
        if commands.plan.exchange.journaling.value == .premium {
            for rule in commands.variables.rules {
                restore += commands.ruleRecipient(.mailbox, rule: .variable(rule)).apply
                restore += commands.journalRule(enable: true, rule: .variable(rule)).apply
            }
        } else {
            for database in commands.variables.databases {
                restore += commands.databaseRecipient(.mailbox, database: .variable(database)).apply
            }
        }
        var restart: [ProgramAction] = []
        if !commands.version.isOnline {
            // The start nodes' apply, for every server at once (issue 18: as long as the slowest server).
            for server in commands.variables.servers {
                for case .controlServices(var control) in commands.transport(stop: false, server: .variable(server)).apply {
                    control.servers = .variable(commands.variables.transportServers)
                    if !restart.contains(.controlServices(control)) { restart.append(.controlServices(control)) }
                }
            }
        }
        #expect(!restore.isEmpty)
        let compensation = commands.compensation()
        #expect(compensation.restore == restore)
        #expect(compensation.restart == restart)
    }

    @Test func actionKindsCompareAndHashByCase() {
        #expect(MemoryLayout<ActionKind>.size == 1)
        #expect(Set(ActionKind.allCases).count == ActionKind.allCases.count)
        for a in ActionKind.allCases {
            #expect(ActionKind(rawValue: a.rawValue) == a)
            for b in ActionKind.allCases { #expect((a == b) == (a.rawValue == b.rawValue)) }
        }
    }

    /// The decoder accepts a plain scalar as text from its first byte alone; no suffix may change that.
    @Test func aPlainScalarsFirstByteDecidesTextOnlyWhenNoSuffixCould() {
        let suffixes = ["", "1", "23", "_4", ".5", "e3", "rue", "alse", "ull", "x", "inf", ".nan", "0x1F", "0o17"]
        for first in UInt8(0x21)...UInt8(0x7E) where PlainScalarType.isText(startingWith: first) {
            for suffix in suffixes {
                let text = String(UnicodeScalar(first)) + suffix
                #expect(PlainScalarType.of(text) == .string, "\(text)")
            }
        }
        for text in ["2016", "true", "null", "~", ".5", "-1", "+1", "Null", "FALSE", "0x1F", "1e3"] {
            #expect(!PlainScalarType.isText(startingWith: text.utf8.first!), "\(text)")
            #expect(PlainScalarType.of(text) != .string, "\(text)")
        }
    }

    @Test func unsafeCharactersStillFound() {
        #expect(TextSafety.firstUnsafeScalar(in: "Journal All Mail ~!", allowNewlines: false) == nil)
        #expect(TextSafety.firstUnsafeScalar(in: "caf\u{E9}", allowNewlines: false) == nil)
        #expect(TextSafety.firstUnsafeScalar(in: "a\tb", allowNewlines: false) == "the character U+0009")
        #expect(TextSafety.firstUnsafeScalar(in: "a\tb\nc", allowNewlines: true) == nil)
        #expect(TextSafety.firstUnsafeScalar(in: "abc\u{7F}", allowNewlines: true) == "the character U+007F")
        #expect(TextSafety.firstUnsafeScalar(in: "x\u{202E}y", allowNewlines: false) == "the character U+202E")
    }

    @Test(arguments: [
        ("stop-transport", true), ("a", true), ("a1-b2", true), ("-a", false), ("a-", false), ("a--b", false),
        ("A", false), ("", false), (String(repeating: "a", count: 64), true), (String(repeating: "a", count: 65), false),
        ("caf\u{E9}", false),
    ])
    func kebabCase(_ text: String, _ expected: Bool) {
        #expect(Identifier.isKebabCase(text) == expected)
    }

    @Test func scalarTypesBeyondTheFirstByte() {
        #expect(PlainScalarType.of("Mailbox Database 01") == .string)
        #expect(PlainScalarType.of("tRUE") == .string)
        #expect(PlainScalarType.of("nil") == .string)
        #expect(PlainScalarType.of("FALSE") == .boolean)
        #expect(PlainScalarType.of("") == .null)
        #expect(PlainScalarType.of("+1") == .integer)
    }

    @Test func writerIndentsIntoOneString() {
        var w = ScriptWriter(capacity: 16)
        w.line("a")
        w.block("if (x) {") { w in
            w.line("b")
            w.line("")
            w.indented { w in w.lines(["c", "d"]) }
        }
        #expect(w.text == "a\nif (x) {\n    b\n\n        c\n        d\n}\n")
        #expect(ScriptWriter().text == "\n")
    }

    @Test func variableNamesAreASCIIAlphanumeric() {
        #expect(PowerShellVariable.isValidName("jpStep12Note"))
        #expect(!PowerShellVariable.isValidName("jp"))
        #expect(!PowerShellVariable.isValidName("jpA_b"))
        #expect(!PowerShellVariable.isValidName("jp\u{E9}"))
        #expect(!PowerShellVariable.isValidName("xpA"))
    }

    /// Selections match estate names whatever their case, and a single-target selection gets exactly
    /// that target.
    @Test func selectionsMatchEstateNamesIgnoringCase() throws {
        let steps = ExamplePlan.cutoverSteps([
            "stop-transport": "{ id: stop-transport, action: stop-transport, servers: [ex02] }"
        ])
        let result = PlanValidator().validate(text: ExamplePlan.text(steps: steps))
        let graph = try #require(result.graph)
        let stop = try #require(graph.index(of: "stop-transport"))
        #expect(graph.targets[stop] == [.server("EX02")])
    }
}
