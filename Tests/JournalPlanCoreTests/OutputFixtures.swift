import Foundation
import JournalPlanCore
import Testing

/// A validation result carrying a no-loss style counter-example (`trace` plus one numbered note per step),
/// built by hand until the no-loss rules produce real ones, and a diagnostic of a rule outside the catalogue.
enum TraceFixture {
    static let rule = RuleDescriptor(
        id: "JP499", name: "fixture-no-loss", category: .noLoss, severity: .error,
        summary: "A fixture standing in for a no-loss rule.", rationale: "Exercises trace rendering.")
    static let rules = [rule]
    static let trace = ["create-contact", "disable-rule@Journal All Mail", "delete-pop3"]
    static let noteTexts = [
        "'create-contact' runs first", "'disable-rule' disables 'Journal All Mail' while EX01 runs",
        "'delete-pop3' removes the POP3 connector: reports waiting there are lost",
    ]

    static func result() -> ValidationResult {
        var result = PlanValidator().validate(text: ExamplePlan.text(), file: "plans/trace.yaml")
        let plan = result.plan!
        func at(_ id: String) -> JournalPlanCore.SourceLocation { plan.location(plan.steps.first { $0.id.value == id }!.id.range) }
        let notes = zip(trace, noteTexts).map { key, text in
            DiagnosticNote(location: at(String(key.split(separator: "@")[0])), message: text)
        }
        let other = RuleDescriptor(
            id: "JP999", name: "fixture-outside", category: .values, severity: .warning,
            summary: "Not in the catalogue.", rationale: "Results without a rule index.")
        result.diagnostics = [
            Diagnostic(
                rule: rule, message: "journal reports are lost: mail flows while 'Journal All Mail' is disabled",
                location: at("disable-rule"), notes: notes, trace: trace),
            Diagnostic(rule: other, message: "a warning, with \"quotes\", a % and a\nsecond line", location: at("confirm")),
        ]
        return result
    }
}
