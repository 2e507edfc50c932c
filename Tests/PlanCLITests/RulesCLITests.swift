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

/// `plan rules JP201` (or its name) shows one rule in full (issue 20).
@Suite struct OneRuleCLITests {
    @Test(arguments: ["JP201", "jp201", "stop-before-disable"])
    func oneRuleInFull(_ key: String) throws {
        let out = try PlanCLI.run(["rules", key])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("JP201 stop-before-disable (error, "))
        #expect(out.stdout.contains("Transport is stopped on every transport server before a journal rule is disabled."))
        #expect(out.stdout.contains("\nWhy: "))
        #expect(out.stdout.contains("  triggers: the rule is disabled before transport stops\n"))
        #expect(out.stdout.contains("  passes: the canonical cut-over\n"))
        #expect(out.stdout.hasSuffix("More: https://github.com/journalplan/journalplan/blob/main/docs/rules.md#jp201-stop-before-disable\n"))
        #expect(!out.stdout.contains("JP202"))
    }

    @Test func oneRuleAsJSONIsACatalogueOfOne() throws {
        let out = try PlanCLI.run(["rules", "JP201", "--format", "json"])
        #expect(out.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect((doc["rules"] as? [[String: Any]])?.map { $0["id"] as? String } == ["JP201"])
    }

    @Test func anUnknownRuleExitsTwoWithASuggestion() throws {
        let out = try PlanCLI.run(["rules", "stop-befor-disable"])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr == "plan rules: error: no rule 'stop-befor-disable'; did you mean 'stop-before-disable'? ('plan rules' lists them all)\n")
    }
}
