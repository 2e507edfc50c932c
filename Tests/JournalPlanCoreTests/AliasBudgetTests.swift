import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// Output bounded by input (issue 13 item 12): the alias budget counts the bytes aliases add, not only
/// their nodes, so a small file cannot expand into gigabytes of plan values.
@Suite struct AliasBudgetTests {
    /// The issue's plan: about 2 MB, one 1.5 MB scalar anchored in a manual step, and 9,990 more manual
    /// steps whose instructions alias it (9,990 nodes, within the node budget) — 15 GB expanded.
    static func bombPlan(steps: Int = 9_990, scalarBytes: Int = 1_500_000) throws -> String {
        let base = try String(contentsOf: Repository.root.appendingPathComponent("plans/exchange-2016-two-servers.yaml"), encoding: .utf8)
        var text = base
        text += "  - id: read-me\n    action: manual\n    instructions: &big \(String(repeating: "x", count: scalarBytes))\n"
        for i in 0..<steps { text += "  - { id: m\(i), action: manual, instructions: *big }\n" }
        return text
    }

    @Test func aliasesAddingTooManyBytesArePositionedErrors() throws {
        let text = try Self.bombPlan()
        #expect(text.utf8.count < 2_200_000)
        let result = PlanValidator().validate(text: text)
        let error = try #require(result.diagnostics.first { $0.severity == .error }, "the plan validated clean")
        #expect(error.ruleID == "JP005")
        #expect(error.message.contains("bytes"), "\(error.message)")
        // At the first alias that crosses the budget (1 MiB): the first one, as the scalar is 1.5 MB.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstAliasLine = try #require(lines.firstIndex { $0.contains("*big") }) + 1
        #expect(error.location.range.start.line == firstAliasLine)
        #expect(result.graph == nil)
    }

    @Test func theBudgetIsCumulative() throws {
        // 12 aliases of 100 KB each: 1.2 MB added, past the budget at the 11th.
        let text = try Self.bombPlan(steps: 12, scalarBytes: 100_000)
        let result = PlanValidator().validate(text: text)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.ruleID == "JP005")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let aliasLines = lines.indices.filter { lines[$0].contains("*big") }.map { $0 + 1 }
        #expect(error.location.range.start.line == aliasLines[10])
    }

    @Test func smallAliasesStayValid() throws {
        let result = PlanValidator().validate(text: try Self.bombPlan(steps: 50, scalarBytes: 200))
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
    }

    @Test func loaderCountsKeysAndScalarsInsideAliasedCollections() {
        var limits = LoadLimits.default
        limits.maxAliasExpansionBytes = 1_000
        let item = String(repeating: "y", count: 100)
        // Each alias adds a mapping of two 100-byte values and two 1-byte keys: 202 bytes.
        let text = "a: &a {k: \(item), l: \(item)}\nb: [*a, *a, *a, *a, *a]\n"
        guard case .failure(let d) = YAMLLoader(limits: limits).load(Array(text.utf8), file: "x.yaml") else {
            Issue.record("1,010 bytes of aliases loaded under a 1,000-byte budget")
            return
        }
        #expect(d.ruleID == "JP005")
        #expect(d.location.range.start == SourcePosition(line: 2, column: 21))
        let four = "a: &a {k: \(item), l: \(item)}\nb: [*a, *a, *a, *a]\n"
        #expect((try? YAMLLoader(limits: limits).load(Array(four.utf8), file: "x.yaml").get()) != nil)
    }
}
