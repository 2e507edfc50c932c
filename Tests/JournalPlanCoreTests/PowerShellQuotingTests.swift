import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// `PowerShellQuoting.literal` round-trips every string through a reference reader of PowerShell
/// single-quoted strings, and nothing inside can end the literal early.
@Suite struct PowerShellQuotingTests {
    /// Reads one single-quoted PowerShell string that must span all of `source`, as PowerShell's
    /// tokenizer does: any of the five single-quote characters opens or closes it, and a single-quote
    /// character followed by another stands for the second one. nil when `source` is not exactly one
    /// such string.
    static func readSingleQuoted(_ source: String) -> String? {
        let scalars = Array(source.unicodeScalars)
        let quotes = PowerShellQuoting.singleQuotes
        guard let first = scalars.first, quotes.contains(first) else { return nil }
        var out = String.UnicodeScalarView()
        var i = 1
        while i < scalars.count {
            let c = scalars[i]
            if quotes.contains(c) {
                if i + 1 < scalars.count, quotes.contains(scalars[i + 1]) {
                    out.append(scalars[i + 1])
                    i += 2
                    continue
                }
                return i == scalars.count - 1 ? String(out) : nil
            }
            out.append(c)
            i += 1
        }
        return nil
    }

    @Test func referenceReaderFollowsPowerShell() {
        #expect(Self.readSingleQuoted("'it''s'") == "it's")
        #expect(Self.readSingleQuoted("'a'b'") == nil)
        #expect(Self.readSingleQuoted("'open") == nil)
        #expect(Self.readSingleQuoted("\u{2018}x\u{2019}") == "x")
        #expect(Self.readSingleQuoted("'\u{2018}x'") == nil)
        #expect(Self.readSingleQuoted("'\u{2019}\u{2019}'") == "\u{2019}")
    }

    @Test(
        "hostile text stays one inert literal",
        arguments: [
            "O'Brien", "\u{2018}curly\u{2019}", "low\u{201A}high\u{201B}", "$(Stop-Computer -Force)", "`$env:PATH`n",
            "a; Remove-Item C:\\ -Recurse", "\"double\" $x", "'+(Stop-Computer)+'", "@'\nhere\n'@", "<# c #>", "",
            "''''", "\u{2019}; Stop-Computer; \u{2018}",
        ])
    func hostile(_ text: String) {
        let literal = PowerShellQuoting.literal(text)
        #expect(Self.readSingleQuoted(literal) == text)
    }

    @Test func everySingleQuoteCharacterIsDoubled() {
        for quote in PowerShellQuoting.singleQuotes {
            #expect(PowerShellQuoting.literal("a\(quote)b") == "'a\(quote)\(quote)b'")
        }
        #expect(PowerShellQuoting.singleQuotes.count == 5)
    }

    static func randomString(_ rng: inout SeededRandom) -> String {
        let specials: [Unicode.Scalar] = [
            "'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\"", "$", "`", ";", "(", ")", "{", "}", "@", "#",
            "<", ">", "|", "&", "\n", "\r", " ", "\u{0}", "\u{FEFF}", "\u{202E}",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...40, using: &rng) {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0, 1: scalars.append(specials.randomElement(using: &rng)!)
            case 2: scalars.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
            default:
                var value = UInt32.random(in: 0...0x10FFFF, using: &rng)
                if (0xD800...0xDFFF).contains(value) { value = 0x2019 }
                scalars.append(Unicode.Scalar(value)!)
            }
        }
        return String(scalars)
    }

    @Test func randomUnicodeRoundTrips() {
        var rng = SeededRandom(seed: 0x4A50_2026)
        for _ in 0..<5000 {
            let text = Self.randomString(&rng)
            let literal = PowerShellQuoting.literal(text)
            // A character whose UTF-8 bytes a code page reads as a quote is joined as [char] (ScriptEncodingTests).
            #expect(ScriptEncodingTests.readStringExpression(literal) == text, "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }
}
