import Foundation
import JournalPlanCore
import Testing

/// The messages people meet on day one (issue 20): plain sentences at the place to fix, one error per
/// mistake, lengths and invisible characters judged as the schema judges them.
@Suite struct DayOneMessagesTests {
    func diagnostics(_ yaml: String) -> [Diagnostic] { PlanValidator().validate(text: yaml, file: "p.yaml").diagnostics }

    @Test func aTabInTheIndentationSaysTabAndWhere() throws {
        let d = diagnostics("plan: journal-migration/v1\nname: x\nexchange:\n  version: \"2016\"\n \tjournaling: premium\n")
        #expect(d.count == 1)
        let first = try #require(d.first)
        #expect(first.message == "a tab indents line 5; YAML indents with spaces only")
        #expect(first.location.range.start == SourcePosition(line: 5, column: 2))
        // libyaml's own words survive, as a note under the sentence.
        #expect(first.notes.first?.message.hasPrefix("libyaml: ") == true)
    }

    @Test func aMissingColonIsReportedOnItsOwnLine() throws {
        let d = diagnostics("plan: journal-migration/v1\nname x\nexchange:\n  version: \"2016\"\n")
        let first = try #require(d.first)
        #expect(d.count == 1)
        #expect(first.message == "line 2 has no ':' after its key; a mapping entry is 'key: value'")
        #expect(first.location.range.start.line == 2)
        #expect(first.notes.first?.message == "libyaml: could not find expected ':' (while scanning a simple key)")
    }

    @Test(arguments: [
        ("a: @x\n", "this character cannot start a YAML value; put the value in quotes"),
        ("a: b: c\n", "a ': ' inside a value that is not quoted; quote the value, or put the key on its own line"),
    ])
    func otherSyntaxErrorsArePlainSentences(_ yaml: String, _ sentence: String) throws {
        let first = try #require(diagnostics(yaml).first)
        #expect(first.message == sentence)
        #expect(first.notes.first?.message.hasPrefix("libyaml: ") == true)
    }

    @Test func aDidYouMeanSuppressesTheMissingFieldItCauses() throws {
        let yaml = ExamplePlan.text().replacingOccurrences(of: "name: example-plan", with: "nme: example-plan")
        let d = diagnostics(yaml)
        #expect(d.map(\.message) == ["unknown key 'nme' in the plan; did you mean 'name'?"])
        // Also where the field is looked up before the keys are checked (a connector's id).
        let connector = ExamplePlan.text().replacingOccurrences(of: "  - id: smtp", with: "  - idd: smtp")
        let messages = diagnostics(connector).map(\.message)
        #expect(messages.contains("unknown key 'idd' in an SMTP connector; did you mean 'id'?"), "\(messages)")
        #expect(!messages.contains { $0.contains("missing required field 'id'") }, "\(messages)")
        // A key that names no missing field leaves the missing field reported.
        let other = ExamplePlan.text().replacingOccurrences(of: "name: example-plan", with: "title: example-plan")
        #expect(diagnostics(other).contains { $0.message == "the plan is missing required field 'name'" })
    }

    @Test func aYAMLFileThatIsNotAPlanGetsOneError() throws {
        let d = diagnostics("version: 2\nservices:\n  web:\n    image: nginx\n")
        #expect(d.count == 1)
        #expect(d.first?.message.hasPrefix("this is not a JournalPlan plan: ") == true)
        #expect(d.first?.ruleID == "JP110")
    }

    /// 64 × (`a` + 50 combining marks) is 64 characters to the eye and 3,264 code points, which is what the
    /// schema's maxLength counts.
    @Test func lengthsAreCodePoints() throws {
        let long = String(repeating: "a" + String(repeating: "\u{0301}", count: 50), count: 64)
        let yaml = ExamplePlan.text().replacingOccurrences(of: "name: Mimecast Journaling", with: "name: \"\(long)\"")
        let d = diagnostics(yaml)
        #expect(d.contains { $0.message == "contact name is 3264 characters (Unicode code points) long; Exchange's limit is 64" },
            "\(d.map(\.message))")
        let exact = String(repeating: "é", count: 64)  // precomposed: 64 code points
        #expect(!diagnostics(ExamplePlan.text().replacingOccurrences(of: "name: Mimecast Journaling", with: "name: \(exact)"))
            .contains { $0.message.contains("limit is 64") })
    }

    @Test(arguments: [0x061C, 0x200B, 0x200D, 0x2060, 0x00AD, 0xE0041, 0xFFF9, 0xFFFA, 0xFFFB, 0x202E] as [UInt32])
    func invisibleAndBidiCharactersAreRefusedInEveryValue(_ value: UInt32) throws {
        let c = String(Unicode.Scalar(value)!)
        let yaml = ExamplePlan.text().replacingOccurrences(of: "name: Mimecast Journaling", with: "name: Mimecast\(c) Journaling")
        let d = diagnostics(yaml)
        let hex = String(value, radix: 16, uppercase: true)
        let finding = try #require(d.first { $0.ruleID == "JP311" }, "U+\(hex): \(d.map(\.message))")
        #expect(finding.message.contains("U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)"))
        // The excerpt under the diagnostic never echoes it.
        let text = TextDiagnosticFormatter(colorize: false).report(
            [PlanValidator().validate(text: yaml, file: "p.yaml")], sources: ["p.yaml": SourceText(bytes: Array(yaml.utf8))])
        #expect(!text.unicodeScalars.contains(Unicode.Scalar(value)!))
    }

    @Test(arguments: [0x3164, 0x2800, 0x115F, 0xFFA0] as [UInt32])
    func aValueOfFillersIsBlank(_ value: UInt32) {
        let c = String(Unicode.Scalar(value)!)
        let yaml = ExamplePlan.text().replacingOccurrences(of: "name: Mimecast Journaling", with: "name: \"\(c)\(c) \(c)\"")
        #expect(diagnostics(yaml).contains { $0.message == "contact name must not be empty" }, "\(diagnostics(yaml).map(\.message))")
    }

    @Test func messagesNeverEchoRawBidiCharacters() {
        #expect(Excerpt.short("ab\u{202E}cd\u{200B}") == "ab\\u{202e}cd\\u{200b}")
    }

    @Test func anAnchorNameWithAColonIsRefused() throws {
        let d = diagnostics("plan: journal-migration/v1\nname: &an:chor x\n")
        #expect(d.count == 1)
        let first = try #require(d.first)
        #expect(first.message.hasPrefix("an anchor name cannot contain ':'"))
        #expect(first.location.range.start == SourcePosition(line: 2, column: 7))
        #expect(diagnostics("plan: journal-migration/v1\nname: &ok ':x'\n").allSatisfy { !$0.message.contains("anchor") })
    }

    @Test(arguments: [
        ("a: !!int abc\n", "the tag !!int contradicts its value 'abc'"),
        ("a: !!bool \"true\"\n", "the tag !!bool contradicts its value 'true', which is quoted text"),
        ("a: !!seq {b: 1}\n", "the tag !!seq contradicts its value, a mapping"),
        ("a: !!map [1]\n", "the tag !!map contradicts its value, a list"),
        ("a: !!str [1]\n", "the tag !!str contradicts its value, a list"),
        ("a: !!seq x\n", "the tag !!seq contradicts its value, a scalar"),
    ])
    func aTagThatContradictsItsValueIsRefusedWithAPosition(_ yaml: String, _ message: String) throws {
        let d = diagnostics(yaml)
        #expect(d.map(\.message) == [message])
        #expect(d.first?.location.range.start == SourcePosition(line: 1, column: 4))
    }

    @Test func tagsThatFitAreAccepted() {
        for yaml in ["a: !!int 12\n", "a: !!float 1.5\n", "a: !!float 2\n", "a: !!bool true\n", "a: !!null ~\n", "a: !!str x\n"] {
            #expect(!diagnostics(yaml).contains { $0.message.contains("contradicts") }, "\(yaml)")
        }
    }

    @Test func aStrTagWhereABooleanIsExpectedIsRefused() throws {
        let yaml = ExamplePlan.text().replacingOccurrences(of: "  alias: MimecastJournaling", with: "  alias: MimecastJournaling\n  hidden: !!str true")
        let d = diagnostics(yaml)
        #expect(d.contains { $0.message == "'hidden' must be true or false, but the tag !!str makes it text" || $0.message.hasSuffix("but the tag !!str makes it text") },
            "\(d.map(\.message))")
    }

    /// One mistake, one error: a connector whose id is wrong is reported once, not again by each step.
    @Test func aBadConnectorIDIsNotReportedAgainByEveryStep() throws {
        let yaml = ExamplePlan.text().replacingOccurrences(of: "  - id: pop3", with: "  - id: POP3")
            .replacingOccurrences(of: "connector: pop3", with: "connector: POP3")
        let messages = diagnostics(yaml).map(\.message)
        #expect(messages.filter { $0.contains("connector id 'POP3'") }.count == 1, "\(messages)")
        #expect(!messages.contains { $0.hasPrefix("unknown connector") }, "\(messages)")
        // A step naming a connector that does not exist at all is still reported.
        let typo = ExamplePlan.text().replacingOccurrences(of: "action: delete-connector, connector: pop3", with: "action: delete-connector, connector: pop4")
        #expect(diagnostics(typo).contains { $0.message.hasPrefix("unknown connector 'pop4'") })
    }
}

/// Two losses with one cause are one finding that names both (issue 20).
@Suite struct SharedCauseTests {
    @Test func twoRulesLostTheSameWayAreOneFindingNamingBoth() throws {
        let steps = ExamplePlan.cutoverSteps(["enable-rule": nil])
        let yaml = ExamplePlan.text(rules: ["Journal All Mail", "Journal Legal"], steps: steps)
        let losses = PlanValidator().validate(text: yaml).diagnostics.filter { $0.ruleID == "JP401" }
        #expect(losses.count == 1, "\(losses.map(\.message))")
        let last = try #require(losses.first?.notes.last?.message)
        #expect(last.contains("rule 'Journal All Mail'") && last.contains("rule 'Journal Legal'"), "\(last)")
    }
}
