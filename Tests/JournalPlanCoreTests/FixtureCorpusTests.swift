import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// The fixture corpus: every `Fixtures/cases/<name>.yaml` validates to exactly the diagnostics in
/// `<name>.diagnostics.txt`, rendered as `plan validate` prints them without colour.
@Suite struct FixtureCorpusTests {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cases")

    static var caseNames: [String] {
        Repository.files(in: casesDirectory.path, endingIn: ".yaml").map { String($0.dropLast(5)) }
    }

    @Test func thereAreCases() {
        #expect(Self.caseNames.count >= 10)
    }

    /// What `plan validate cases/<name>.yaml` prints.
    static func render(_ name: String) throws -> (text: String, result: ValidationResult) {
        let bytes = try [UInt8](Data(contentsOf: casesDirectory.appendingPathComponent("\(name).yaml")))
        let file = "cases/\(name).yaml"
        let result = PlanValidator().validate(bytes, file: file)
        let formatter = TextDiagnosticFormatter(colorize: false)
        let text = formatter.report([result], sources: [file: SourceText(bytes: bytes)])
        return (text, result)
    }

    @Test("fixture matches its golden diagnostics", arguments: caseNames)
    func golden(_ name: String) throws {
        let (text, _) = try Self.render(name)
        GoldenFile.check(text, against: Self.casesDirectory.appendingPathComponent("\(name).diagnostics.txt"))
    }

    @Test func corpusCoversEveryRuleAndHasGoodPlans() throws {
        let names = Self.caseNames
        #expect(names.count >= 25)
        var seen = Set<String>()
        var clean = 0
        for name in names {
            let (_, result) = try Self.render(name)
            seen.formUnion(result.diagnostics.map(\.ruleID))
            if name.hasPrefix("good-") {
                #expect(result.diagnostics.isEmpty, "\(name) should be clean: \(result.diagnostics.map(\.message))")
                clean += 1
            } else {
                #expect(!result.diagnostics.isEmpty, "\(name) should have findings")
            }
        }
        #expect(clean >= 4)
        for rule in RuleRegistry.rules {
            #expect(seen.contains(rule.descriptor.id), "no fixture exercises \(rule.descriptor.id)")
        }
    }

    /// The cases the issue names: an error on the offending step's line, with a note on the step it
    /// conflicts with.
    @Test(
        "ordering failure points at the offending step with a note on the other",
        arguments: [
            ("pop3-deleted-before-drain", "JP211", "delete-pop3", "drain-pop3"),
            ("rule-disabled-while-server-runs", "JP201", "disable-rule", "stop-transport"),
            ("repoint-before-domain-request", "JP203", "repoint-rule", "request-domain"),
            ("stop-and-disable-parallel", "JP201", "disable-rule", "stop-transport"),
        ])
    func namedOrderingFailure(_ name: String, _ rule: String, _ offending: String, _ other: String) throws {
        let (_, result) = try Self.render(name)
        let plan = try #require(result.plan)
        func line(of id: String) -> Int? { plan.steps.first { $0.id.value == id }?.id.range.start.line }
        let finding = try #require(result.diagnostics.first { $0.ruleID == rule })
        #expect(finding.severity == .error)
        #expect(finding.location.range.start.line == line(of: offending))
        #expect(finding.notes.contains { $0.location.range.start.line == line(of: other) })
    }
}
