import Foundation
import JournalPlanCore
import Testing

/// `plan explain` keeps the line breaks of notes and manual instructions (issue 20), still escaped.
@Suite struct RunbookLineBreakTests {
    @Test func notesAndInstructionsKeepTheirLines() throws {
        let steps = ExamplePlan.cutoverSteps([
            "confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, note: \"first line\\nsecond *line*\" }",
            "request-domain":
                "{ id: announce, action: manual, instructions: \"Tell the service desk.\\nThen wait for the OK.\" }\n  - { id: request-domain, action: request-journal-domain }",
        ])
        let result = PlanValidator().validate(text: ExamplePlan.text(steps: steps))
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let graph = try #require(result.graph)
        let runbook = RunbookRenderer(graph: graph, planSHA256: String(repeating: "0", count: 64)).render()
        #expect(runbook.contains("> first line\\\n> second \\*line\\*\n"), "the note's two lines, one quote")
        #expect(runbook.contains("   - Tell the service desk.\\\n     Then wait for the OK.\n"), "the instructions' two lines")
    }

    @Test func linesEscapesEachLineAndDropsTrailingBlankLines() {
        #expect(MarkdownEscaping.lines("a\n\n<b>\n\n", continuation: "> ") == "a\\\n> \\\n> \\<b\\>")
        #expect(MarkdownEscaping.lines("one", continuation: "> ") == "one")
    }
}
