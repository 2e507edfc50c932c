import JournalPlanCore
import Testing

/// Every rule's examples are its tests: triggering examples produce the rule, passing ones do not.
@Suite struct RuleExampleTests {
    static let rules: [any PlanRule.Type] = RuleRegistry.rules

    @Test("rule examples", arguments: RuleRegistry.rules.map { RuleCase(rule: $0) })
    func examples(_ rule: RuleCase) {
        let descriptor = rule.rule.descriptor
        #expect(!rule.rule.examples.isEmpty, "\(descriptor.id) has no examples")
        #expect(rule.rule.examples.contains { $0.triggers }, "\(descriptor.id) has no triggering example")
        #expect(rule.rule.examples.contains { !$0.triggers }, "\(descriptor.id) has no passing example")
        for example in rule.rule.examples {
            let result = PlanValidator().validate(text: example.yaml)
            let ids = result.diagnostics.map(\.ruleID)
            // An example must reach the rules: no decoding or structure errors of its own.
            let structural = result.diagnostics.filter { $0.ruleID < "JP200" && $0.severity == .error }
            #expect(structural.isEmpty, "\(descriptor.id) example '\(example.title)': \(structural.map(\.message))")
            if example.triggers {
                #expect(ids.contains(descriptor.id), "\(descriptor.id) example '\(example.title)' did not trigger")
            } else {
                #expect(
                    !ids.contains(descriptor.id),
                    "\(descriptor.id) example '\(example.title)' triggered: \(result.diagnostics.map(\.message))")
            }
        }
    }

    @Test func idsAndNamesAreUniqueAndWellFormed() {
        let descriptors = RuleRegistry.descriptors
        #expect(Set(descriptors.map(\.id)).count == descriptors.count)
        #expect(Set(descriptors.map(\.name)).count == descriptors.count)
        for d in descriptors {
            #expect(d.id.hasPrefix("JP") && d.id.count == 5, "\(d.id)")
            #expect(Identifier.isKebabCase(d.name), "\(d.name)")
            #expect(!d.summary.isEmpty && !d.rationale.isEmpty)
        }
    }

    @Test func canonicalExamplePlanIsClean() {
        let result = PlanValidator().validate(text: ExamplePlan.text())
        #expect(result.diagnostics.filter { $0.severity >= .warning }.isEmpty, "\(result.diagnostics.map(\.message))")
    }
}

/// Wraps a rule type so Swift Testing can name each argument.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: any PlanRule.Type
    var testDescription: String { "\(rule.descriptor.id) \(rule.descriptor.name)" }
}
