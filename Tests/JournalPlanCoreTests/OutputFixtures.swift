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

/// Golden files under `Fixtures/`: compared with LF line endings; `RECORD_GOLDENS=1` rewrites the file and
/// still fails, so a re-recorded golden is always looked at.
enum OutputGolden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func check(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        let normalised = actual.replacingOccurrences(of: "\r\n", with: "\n")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] != nil {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try normalised.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(name); run again", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden \(name); run with RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(normalised == expected, "golden \(name) differs; RECORD_GOLDENS=1 re-records", sourceLocation: sourceLocation)
    }
}
