import Foundation
import Testing

@Suite struct RulesCLITests {
    /// `docs/rules.md` is exactly what `plan rules --format markdown` prints.
    @Test func markdownCatalogueIsTheRulesDocument() throws {
        let document = try String(
            contentsOf: PlanCLI.repositoryRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let out = try PlanCLI.run(["rules", "--format", "markdown"])
        #expect(out.status == 0)
        #expect(out.stdout == document)
    }

    @Test func textCatalogueListsTheOrderingAndValueRules() throws {
        let out = try PlanCLI.run(["rules"])
        #expect(out.status == 0)
        for id in ["JP202", "JP207", "JP211", "JP214", "JP305", "JP310", "JP312"] {
            #expect(out.stdout.contains(id), "\(id) missing from plan rules")
        }
    }
}
