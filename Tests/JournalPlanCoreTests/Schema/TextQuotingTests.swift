import Foundation
import JournalPlanCore
import Testing

/// Text fields take text: a plain scalar that YAML tools read as a number or boolean must be quoted,
/// as the JSON Schema requires. The Exchange version is the exception (`2016` means `"2016"`).
@Suite struct TextQuotingTests {
    func errors(_ text: String) -> [Diagnostic] {
        PlanValidator().validate(text: text).diagnostics.filter { $0.severity == .error }
    }

    @Test func unquotedVersionReadsAsTheVersion() {
        let text = ExamplePlan.text().replacingOccurrences(of: "version: \"2016\"", with: "version: 2016")
        #expect(text.contains("version: 2016\n"))
        #expect(errors(text).isEmpty)
    }

    @Test(arguments: [
        ("name: Mimecast Journaling", "name: 2016"),
        ("alias: MimecastJournaling", "alias: 1e3"),
        ("description: Exchange POP3 Journal", "description: true"),
        ("transportServers: [EX01, EX02]", "transportServers: [EX01, 0x2A]"),
        ("- name: Journal All Mail", "- name: .5"),
    ])
    func plainNumbersAndBooleansInTextFieldsNeedQuotes(_ edit: (String, String)) throws {
        let text = ExamplePlan.text().replacingOccurrences(of: edit.0, with: edit.1)
        #expect(text.contains(edit.1))
        let found = errors(text).filter { $0.ruleID == "JP102" }
        let finding = try #require(found.first, "\(errors(text).map(\.message))")
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(finding.message.contains("write it in quotes"), "\(finding.message)")
    }

    @Test func quotedOrTaggedNumbersAreText() {
        for spelling in ["\"2016\"", "'2016'", "!!str 2016"] {
            let text = ExamplePlan.text().replacingOccurrences(
                of: "name: Mimecast Journaling", with: "name: \(spelling)")
            #expect(errors(text).isEmpty, "\(spelling)")
        }
    }

    @Test func durationsHaveNoLeadingZero() {
        #expect(PlanDuration("05m") == nil)
        #expect(PlanDuration("0m") == nil)
        #expect(PlanDuration("5m")?.seconds == 300)
        #expect(PlanDuration("10d")?.seconds == 864_000)
    }
}
