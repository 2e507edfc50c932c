import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// docs/plan-format.md promises that the examples quote their timestamps, so YAML 1.1 tools (PyYAML) read
/// the same text as `plan` instead of a datetime (issue 20).
@Suite struct QuotedTimestampTests {
    /// Lines such as `  start: 2026-12-05T20:00:00+00:00` (also inside a Markdown diff, `-  start: …`).
    static func unquotedTimestamps(in text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            let trimmed = line.drop { " -+".contains($0) }
            for key in ["start: ", "end: "] where trimmed.hasPrefix(key) {
                let value = trimmed.dropFirst(key.count)
                return value.first?.isNumber == true && value.count >= 10
            }
            return false
        }
    }

    @Test func everyExampleQuotesItsTimestamps() throws {
        let root = Repository.root
        var files = ["README.md", "docs/plan-format.md", "docs/rules.md"]
        files += try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("plans").path)
            .filter { $0.hasSuffix(".yaml") }.map { "plans/" + $0 }
        #expect(files.count >= 6)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(Self.unquotedTimestamps(in: text).isEmpty, "\(file): \(Self.unquotedTimestamps(in: text))")
        }
        #expect(Self.unquotedTimestamps(in: ExamplePlan.text()).isEmpty)
        #expect(Self.unquotedTimestamps(in: "window:\n  start: 2026-12-05T20:00:00Z\n") == ["  start: 2026-12-05T20:00:00Z"])
    }

    @Test func theStarterPlanQuotesItsWindow() throws {
        var options = StarterPlanOptions()
        options.window = StarterPlan.defaultWindow(after: Timestamp(epochSeconds: 1_800_000_000, offsetMinutes: 0))
        let text = try StarterPlan.text(options)
        #expect(text.contains("window:"))
        #expect(Self.unquotedTimestamps(in: text).isEmpty)
    }
}
