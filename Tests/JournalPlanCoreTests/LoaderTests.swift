import JournalPlanCore
import Testing

@Suite struct LoaderTests {
    func fail(_ text: String, limits: LoadLimits = .default) -> Diagnostic? {
        fail(Array(text.utf8), limits: limits)
    }

    func fail(_ bytes: [UInt8], limits: LoadLimits = .default) -> Diagnostic? {
        if case .failure(let d) = YAMLLoader(limits: limits).load(bytes, file: "x.yaml") { return d }
        return nil
    }

    @Test func keepsPositions() throws {
        let root = try YAMLLoader().load(Array("a:\n  b: [1, two]\n".utf8), file: "x").get()
        guard case .mapping(let pairs) = root.content, case .mapping(let inner) = pairs[0].value.content,
            case .sequence(let items) = inner[0].value.content
        else { Issue.record("shape"); return }
        #expect(inner[0].key.range.start == SourcePosition(line: 2, column: 3))
        #expect(items[1].range.start == SourcePosition(line: 2, column: 10))
        #expect(items[1].scalar?.text == "two")
    }

    @Test func malformedYAML() {
        let d = fail("a: [1, 2\nb: c\n")
        #expect(d?.ruleID == "JP001")
        #expect(d?.location.range.start.line == 2)
    }

    @Test func duplicateKeyPointsAtSecondWithNoteOnFirst() {
        let d = fail("x: 1\ny: 2\nx: 3\n")
        #expect(d?.ruleID == "JP002")
        #expect(d?.location.range.start == SourcePosition(line: 3, column: 1))
        #expect(d?.notes.first?.location.range.start == SourcePosition(line: 1, column: 1))
    }

    @Test func severalDocuments() {
        #expect(fail("a: 1\n---\nb: 2\n")?.ruleID == "JP003")
    }

    @Test func emptyFileAndCommentsOnly() {
        #expect(fail("")?.ruleID == "JP007")
        #expect(fail("# nothing\n")?.ruleID == "JP007")
    }

    @Test func applicationTags() {
        let d = fail("a: !ruby/object:Gem::Version 1\n")
        #expect(d?.ruleID == "JP004")
        #expect(fail("a: !!str 1\n") == nil)
    }

    @Test func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let d = fail(text)
        #expect(d?.ruleID == "JP005")
        #expect(d?.message.contains("aliases") == true)
    }

    @Test func deepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let d = fail(text)
        #expect(d?.ruleID == "JP005")
    }

    @Test func sizeLimit() {
        var limits = LoadLimits.default
        limits.maxBytes = 10
        #expect(fail("a: 123456789\n", limits: limits)?.ruleID == "JP005")
    }

    @Test func invalidUTF8AndNUL() {
        let bad = fail(Array("a: b\nc: ".utf8) + [0xFF, 0x0A])
        #expect(bad?.ruleID == "JP006")
        #expect(bad?.location.range.start == SourcePosition(line: 2, column: 4))
        #expect(fail(Array("a: b".utf8) + [0, 0x0A])?.ruleID == "JP006")
        #expect(fail([0xFF, 0xFE, 0x61, 0x00])?.ruleID == "JP006")
    }

    /// The check skips ASCII eight bytes at a time; a bad byte is found at every offset in and across words.
    @Test func badBytesFoundAtEveryOffset() {
        for offset in 0..<20 {
            let prefix = Array(repeating: UInt8(ascii: "x"), count: offset)
            let nul = fail([UInt8]("a: ".utf8) + prefix + [0, 0x0A])
            #expect(nul?.ruleID == "JP006")
            #expect(nul?.location.range.start == SourcePosition(line: 1, column: 4 + offset))
            let invalid = fail([UInt8]("a: ".utf8) + prefix + [0xC3, 0x28, 0x0A])
            #expect(invalid?.location.range.start == SourcePosition(line: 1, column: 4 + offset))
            // Valid multi-byte text at the same offsets still loads.
            let valid = YAMLLoader().load([UInt8]("a: ".utf8) + prefix + Array("caf\u{E9} \u{2014}\n".utf8), file: "t")
            if case .failure(let d) = valid { Issue.record("offset \(offset): \(d.message)") }
        }
    }

    @Test func nonScalarKeys() {
        #expect(fail("? [a, b]\n: c\n")?.ruleID == "JP001")
    }
}
