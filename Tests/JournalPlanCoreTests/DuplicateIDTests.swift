import Foundation
import JournalPlanCore
import Testing

/// JP105: a repeated step id, or a target listed twice in one selection, is reported at the repeat with a
/// note at the first occurrence (the step ids share the table the graph compiler then uses).
@Suite struct DuplicateIDTests {
    func duplicates(_ steps: String) -> [Diagnostic] {
        PlanValidator().validate(text: ExamplePlan.text(steps: steps)).diagnostics.filter { $0.ruleID == "JP105" }
    }

    /// The line of the plan's first step (`create-contact`).
    var firstStepLine: Int {
        let lines = ExamplePlan.text().split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains("{ id: create-contact,") } ?? -1) + 1
    }

    @Test func aRepeatedStepIDIsReportedAtTheRepeatWithANoteAtTheFirst() {
        let steps = ExamplePlan.cutoverSteps.replacingFirst(
            "{ id: set-ndr-mailbox,", with: "{ id: create-contact,")
        let found = duplicates(steps)
        #expect(found.count == 1)
        #expect(found.first?.message == "step id 'create-contact' is listed more than once")
        #expect(found.first?.location.range.start.line == firstStepLine + 1)
        #expect(found.first?.notes.first?.message == "first listed here")
        #expect(found.first?.notes.first?.location.range.start.line == firstStepLine)
    }

    @Test func aStepIDListedThreeTimesPointsBothRepeatsAtTheFirst() {
        let steps = ExamplePlan.cutoverSteps
            .replacingFirst("{ id: set-ndr-mailbox,", with: "{ id: create-contact,")
            .replacingFirst("{ id: request-domain,", with: "{ id: create-contact,")
        let found = duplicates(steps)
        #expect(found.map(\.location.range.start.line) == [firstStepLine + 1, firstStepLine + 2])
        #expect(found.allSatisfy { $0.notes.first?.location.range.start.line == firstStepLine })
    }

    @Test func aServerListedTwiceInOneStepIsReported() {
        let steps = ExamplePlan.cutoverSteps.replacingFirst(
            "{ id: stop-transport, action: stop-transport }",
            with: "{ id: stop-transport, action: stop-transport, servers: [EX01, ex01] }")
        #expect(duplicates(steps).map(\.message) == ["'servers' entry 'ex01' is listed more than once"])
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
