import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// `docs/rules.md` is `plan rules --format markdown`; this fails when it is stale
/// (`RECORD_GOLDENS=1` regenerates it).
@Suite struct RulesDocumentTests {
    static let document = Repository.root.appendingPathComponent("docs/rules.md")

    @Test func rulesDocumentIsCurrent() {
        GoldenFile.check(RuleCatalogue.standard.markdown(), against: Self.document)
    }

    @Test func everyRuleIsDocumentedWithItsExamples() {
        let markdown = RuleCatalogue.standard.markdown()
        for rule in RuleRegistry.rules {
            #expect(markdown.contains("### \(rule.descriptor.id) `\(rule.descriptor.name)`"))
            for example in rule.examples {
                #expect(markdown.contains(example.title), "\(rule.descriptor.id): \(example.title)")
            }
        }
    }
}
