import JournalPlanCore
import Testing

/// Losing plans that the named ordering rules let through: only the no-loss check (JP401) finds them,
/// with a counter-example that ends where the loss happens and says which mail is lost.
@Suite struct NoLossFixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        var title: String
        var text: String
        /// The last trace entry: where the loss is reached.
        var lastStep: String
        /// Words the final note must contain.
        var verdict: String
        var testDescription: String { title }
    }

    static let fixtures: [Fixture] = [
        Fixture(
            title: "a second journal rule is never re-enabled",
            text: NoJournalLoss.examples[0].yaml, lastStep: "start-transport@EX01",
            verdict: "mail accepted by EX01 now is not journaled: rule 'Journal Executives' is disabled and EX01's transport is running"),
        Fixture(
            title: "transport is started before the rule is enabled",
            text: NoJournalLoss.examples[1].yaml, lastStep: "start-transport@EX01",
            verdict: "rule 'Journal All Mail' is disabled and EX01's transport is running"),
        Fixture(
            title: "the POP3 connector is deleted while a rule still journals to the mailbox",
            text: NoJournalLoss.examples[2].yaml, lastStep: "delete-pop3",
            verdict: "rule 'Journal Executives' journals to the journal mailbox but the POP3 connector that drains it is deleted"),
        Fixture(
            title: "the rule is repointed to the contact before the SMTP connector exists",
            text: NoJournalLoss.examples[3].yaml, lastStep: "start-transport@EX01",
            verdict: "the SMTP journal connector does not exist yet"),
    ]

    @Test(arguments: fixtures)
    func lossIsFoundWithCounterExample(_ fixture: Fixture) throws {
        let result = PlanValidator().validate(text: fixture.text)
        let ids = Set(result.diagnostics.map(\.ruleID))
        #expect(!ids.contains("JP201"), "the named ordering rule should let this plan through")
        #expect(!ids.contains("JP213"))
        let losses = result.diagnostics.filter { $0.ruleID == "JP401" }
        let matching = losses.first { $0.notes.last?.message.contains(fixture.verdict) == true }
        let finding = try #require(matching, "\(losses.map { $0.notes.last?.message ?? "" })")
        #expect(finding.severity == .error)
        let trace = try #require(finding.trace)
        #expect(trace.last == fixture.lastStep)
        #expect(finding.message.contains("'\(fixture.lastStep)'"))
        // The diagnostic sits on the step that reaches the loss; each note sits on its own step.
        let lastID = String(fixture.lastStep.split(separator: "@")[0])
        let stepLine = fixture.text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("id: \(lastID),") }.map { $0 + 1 }
        #expect(finding.location.range.start.line == stepLine)
        #expect(finding.notes.count == trace.count + 1)
        for (note, key) in zip(finding.notes, trace) {
            #expect(note.message.hasPrefix("'\(key)'"), "\(note.message)")
        }
    }

    @Test func counterExampleIsTheDownClosure() throws {
        // Transport started on a parallel branch right after the stop: the trace needs nothing else.
        let text = ExamplePlan.text(
            steps: ExamplePlan.cutoverSteps([
                "start-transport": "{ id: start-transport, action: start-transport, after: [stop-transport] }",
                "confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, after: [enable-rule, start-transport] }",
            ]))
        let result = PlanValidator().validate(text: text)
        let finding = try #require(result.diagnostics.first { $0.ruleID == "JP401" })
        #expect(
            finding.trace == [
                "create-contact", "set-ndr-mailbox", "request-domain", "create-smtp-connector", "stop-transport",
                "disable-rule", "start-transport@EX01",
            ])
    }

    @Test func conflictingStepsSkipTheModelCheck() {
        let result = PlanValidator().validate(text: ConflictingStepsOrdered.examples[0].yaml)
        let ids = Set(result.diagnostics.map(\.ruleID))
        #expect(ids.contains("JP213"))
        #expect(ids.isDisjoint(with: ["JP401", "JP402", "JP403"]))
    }

    @Test func duplicateWarningHasTrace() throws {
        let result = PlanValidator().validate(text: DuplicateJournaling.examples[0].yaml)
        let finding = try #require(result.diagnostics.first { $0.ruleID == "JP402" })
        #expect(finding.severity == .warning)
        #expect(finding.trace?.last == "repoint-all")
        #expect(
            finding.notes.last?.message
                == "mail now is journaled twice: rule 'Journal Executives' journals to the journal mailbox and rule 'Journal All Mail' to the contact")
    }
}
