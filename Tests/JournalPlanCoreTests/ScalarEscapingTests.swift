import Foundation
import JournalPlanCore
import Testing

/// Every renderer escapes plan values by Unicode scalar, not by grapheme (issue 13 item 11): a special
/// character followed by a combining mark (`"` + U+0301) is one Swift `Character` that is not `"`, yet
/// DOT, Markdown and PowerShell read its first scalar as the special character.
@Suite struct ScalarEscapingTests {
    /// Scalars that extend the grapheme before them: combining acute, combining long solidus overlay,
    /// variation selector 16, zero-width joiner, combining enclosing circle.
    static let marks: [Unicode.Scalar] = ["\u{301}", "\u{338}", "\u{FE0F}", "\u{200D}", "\u{20DD}"]

    static func scalars(_ parts: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: parts)
        return String(view)
    }

    @Test func dotEscapesEveryQuoteAndBackslashScalar() {
        for special: Unicode.Scalar in ["\"", "\\"] {
            for mark in Self.marks {
                let text = Self.scalars(["x", special, mark, "y"])
                #expect(Array(DOTRenderer.escape(text).unicodeScalars) == ["x", "\\", special, mark, "y"], "\(special) \(mark)")
            }
        }
    }

    static let markdownSpecials: [Unicode.Scalar] = ["\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "#", "|", "!", "~", "&", "{", "}", "$"]

    @Test func markdownEscapesEverySpecialScalar() {
        for special in Self.markdownSpecials {
            for mark in Self.marks {
                let text = Self.scalars(["x", special, mark, "y"])
                #expect(Array(MarkdownEscaping.inline(text).unicodeScalars) == ["x", "\\", special, mark, "y"], "\(special) \(mark)")
            }
        }
        // A line break followed by a mark is still a break.
        #expect(MarkdownEscaping.inline(Self.scalars(["a", "\n", "\u{301}", "b"])) == Self.scalars(["a", " ", "\u{301}", "b"]))
    }

    @Test func aCodeBlockFenceOutrunsBackticksCarryingMarks() {
        for mark in Self.marks {
            let code = Self.scalars(["`", "`", "`", mark, "`", "`", "`", "`", mark])
            let block = MarkdownEscaping.codeBlock(code, language: "powershell")
            // Four backticks in a row in the code (scalars), so the fence needs five.
            #expect(block.hasPrefix("`````powershell\n"), "\(mark)")
        }
    }

    @Test func mermaidEntityEncodesEverySpecialScalar() {
        for special: Unicode.Scalar in ["\"", "]", "[", "{", "}", "(", ")", "<", ">", "#", ";", "|", "&", "`"] {
            for mark in Self.marks {
                let escaped = MermaidRenderer.escape(Self.scalars(["x", special, mark, "y"]))
                #expect(!escaped.unicodeScalars.contains(special) || special == "#" || special == ";", "\(special) \(mark)")
                #expect(escaped.contains("#\(special.value);"), "\(special) \(mark): \(escaped)")
            }
        }
    }

    @Test func powerShellDoublesEveryQuoteScalar() {
        for quote in PowerShellQuoting.singleQuotes {
            for mark in Self.marks {
                let text = Self.scalars(["x", quote, mark, ";", "Z"])
                #expect(ScriptEncodingTests.readStringExpression(PowerShellQuoting.literal(text)) == text, "\(quote) \(mark)")
            }
        }
    }

    @Test func yamlDoublesEveryQuoteScalar() throws {
        for mark in Self.marks {
            let text = Self.scalars(["O", "'", mark, " ", "x", ":", " ", "y"])
            let quoted = YAMLQuoting.scalar(text)
            #expect(Array(quoted.unicodeScalars) == ["'", "O", "'", "'", mark, " ", "x", ":", " ", "y", "'"], "\(mark)")
        }
    }

    @Test func jsonEscapesEveryQuoteAndBackslashScalar() throws {
        for special: Unicode.Scalar in ["\"", "\\"] {
            for mark in Self.marks {
                let text = Self.scalars(["x", special, mark, "y"])
                let json = JSONValue.object([("v", .string(text))]).rendered(pretty: false)
                let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
                #expect(back?["v"] == text, "\(special) \(mark): \(json)")
            }
        }
    }

    /// Reads one DOT node line scalar by scalar: `    sN [label="…"` with `\` escaping the next scalar,
    /// then only the renderer's own attributes. False when a value closed the label.
    static func isOneDOTLabel(_ line: Substring) -> Bool {
        let scalars = Array(line.unicodeScalars)
        let prefix = Array("label=\"".unicodeScalars)
        guard let start = (0...max(0, scalars.count - prefix.count)).first(where: { Array(scalars[$0..<$0 + prefix.count]) == prefix }) else {
            return false
        }
        var i = start + prefix.count
        while i < scalars.count, scalars[i] != "\"" { i += scalars[i] == "\\" ? 2 : 1 }
        guard i < scalars.count else { return false }
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: scalars[(i + 1)...])
        return String(rest).range(of: #"^(, [a-z]+=("[^"]*"|[a-z0-9]+))*\];$"#, options: .regularExpression) != nil
    }

    /// End to end: a rule name with every special character of every renderer, each followed by a
    /// combining mark, comes out inert in the DOT, Mermaid, runbook and script of the plan.
    /// The end-to-end marks: U+200D is refused in every plan value (an invisible character), so it is
    /// only checked at the escaper level above.
    static let valueMarks = marks.filter { $0 != "\u{200D}" }

    /// Names stay within the 64 code points a name may have: the specials are tried in two plans.
    static let specialHalves: [[Unicode.Scalar]] = [
        ["\"", "\\", "*", "_", "`", "~", "["], ["]", "<", ">", "|", "'", "\u{2019}"],
    ]

    @Test("combining marks after specials, end to end", arguments: valueMarks, specialHalves)
    func endToEnd(_ mark: Unicode.Scalar, _ specials: [Unicode.Scalar]) throws {
        var parts: [Unicode.Scalar] = ["R"]
        for special in specials { parts += [special, mark, "Z", "Q", "X"] }
        let name = Self.scalars(parts)
        let result = PlanValidator().validate(text: InjectionTests.plan(values: ["ruleName": name]))
        let graph = try #require(result.graph, "\(result.diagnostics.map(\.message))")
        #expect(!result.hasErrors)
        for line in DOTRenderer.render(graph).split(separator: "\n") where line.contains("label=") {
            #expect(Self.isOneDOTLabel(line), "\(line)")
        }
        for line in MermaidRenderer.render(graph).split(separator: "\n") where line.hasPrefix("    s") && !line.contains("-->") {
            // Between the label's quotes, no quote scalar (a value's is an entity, `#34;`).
            let s = Array(line.unicodeScalars)
            let first = try #require(s.firstIndex(of: "\"")), last = try #require(s.lastIndex(of: "\""))
            #expect(first < last && !s[(first + 1)..<last].contains("\""), "\(line)")
        }
        let runbook = RunbookRenderer(graph: graph, planSHA256: "0").render()
        var inCode = false
        for line in runbook.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") { inCode.toggle(); continue }
            guard !inCode, line.contains("ZQX") else { continue }
            let s = Array(line.unicodeScalars)
            // Every Markdown special scalar right before a mark is escaped.
            for i in s.indices.dropFirst() where s[i] == mark && Self.markdownSpecials.contains(s[i - 1]) {
                #expect(i >= 2 && s[i - 2] == "\\", "unescaped \(s[i - 1]) in: \(line)")
            }
        }
        let script = PowerShellRenderer.render(graph: graph, planSHA256: String(repeating: "0", count: 64), toolVersion: "0")
        #expect(script.contains(PowerShellQuoting.literal(name)))
        #expect(ScriptEncodingTests.readStringExpression(PowerShellQuoting.literal(name)) == name)
    }
}
