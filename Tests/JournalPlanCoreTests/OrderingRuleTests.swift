import JournalPlanCore
import Testing

/// Behaviour of the ordering and value rules beyond their catalogue examples.
@Suite struct OrderingRuleTests {
    func findings(_ text: String, _ rule: String) -> [Diagnostic] {
        PlanValidator().validate(text: text).diagnostics.filter { $0.ruleID == rule }
    }

    @Test func fanOutOverFiveHundredServersAndFiveThousandRulesIsClean() {
        let servers = (1...500).map { "EX\($0)" }
        let rules = (1...5000).map { "Rule \($0)" }
        let result = PlanValidator().validate(text: ExamplePlan.text(servers: servers, rules: rules))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3).map(\.message))")
    }

    @Test func partialStopNamesTheServersItStops() {
        let text = ExamplePlan.text(
            servers: ["EX01", "EX02", "EX03"],
            steps: ExamplePlan.cutoverSteps([
                "stop-transport": "{ id: stop-transport, action: stop-transport, servers: [EX01, EX03] }"
            ]))
        let finding = findings(text, "JP201").first
        #expect(finding?.message.contains("'EX02'") == true)
        #expect(finding?.notes.map(\.message) == ["'stop-transport' stops only 'EX01' and 'EX03'"])
    }

    @Test func perServerStartsOnlyTheUnorderedOneIsReported() {
        let text = ExamplePlan.text(
            steps: ExamplePlan.cutoverSteps([
                "start-transport": """
                { id: start-ex01, action: start-transport, servers: [EX01] }
                  - { id: start-ex02, action: start-transport, servers: [EX02], after: [disable-rule] }
                """,
                "confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, after: [start-ex01, start-ex02] }",
            ]))
        let found = findings(text, "JP207")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("'start-ex02' starts transport on 'EX02'") == true)
    }

    @Test func outageLengthTakesTheLongestParallelBranch() {
        let text = ExamplePlan.text(
            steps: ExamplePlan.cutoverSteps([
                "enable-rule": """
                { id: enable-rule, action: enable-journal-rule }
                  - { id: wait-a, action: wait-connector-drained, connector: pop3, timeout: 4h, pollEvery: 5m, after: [enable-rule] }
                  - { id: wait-b, action: wait-connector-drained, connector: pop3, timeout: 7h, pollEvery: 5m, after: [enable-rule] }
                  - { id: wait-c, action: wait-connector-drained, connector: pop3, timeout: 1h, pollEvery: 5m, after: [wait-a] }
                """,
                "start-transport": "{ id: start-transport, action: start-transport, after: [wait-b, wait-c] }",
            ]))
        let found = findings(text, "JP308")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("for 7h between") == true)
    }

    @Test func windowFitsWhenWaitsDoNotExceedIt() {
        let text = ExamplePlan.text(
            steps: ExamplePlan.cutoverSteps([
                "enable-rule": """
                { id: enable-rule, action: enable-journal-rule }
                  - { id: wait-queues, action: wait-connector-drained, connector: pop3, timeout: 6h, pollEvery: 5m }
                """
            ]))
        #expect(findings(text, "JP308").isEmpty)
    }

    @Test(arguments: [
        ("2026-12-07T07:00:00+00:00", "2026-12-07T08:00:00+00:00", false),  // Monday, ends as work starts
        ("2026-12-07T17:59:00+00:00", "2026-12-07T19:00:00+00:00", true),  // Monday, last minute of work
        ("2026-12-04T22:00:00-08:00", "2026-12-05T06:00:00-08:00", false),  // Friday night in UTC-8
        ("2026-12-05T20:00:00+14:00", "2026-12-06T02:00:00+14:00", false),  // Saturday night in UTC+14
        ("2026-12-06T20:00:00+00:00", "2026-12-07T09:00:00+00:00", true),  // Sunday into Monday morning
    ])
    func workingHours(_ start: String, _ end: String, _ overlaps: Bool) {
        #expect(!findings(ExamplePlan.text(window: (start, end)), "JP309").isEmpty == overlaps)
    }

    @Test func deadlineSumsTheWaitsAfterTheRepoint() {
        let text = ExamplePlan.text(
            steps: ExamplePlan.cutoverSteps([
                "enable-rule": """
                { id: enable-rule, action: enable-journal-rule }
                  - { id: soak, action: confirm-journaling, timeout: 20d }
                """,
                "drain-pop3": "{ id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 10d, pollEvery: 1h }",
            ]))
        let found = findings(text, "JP310")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("30d 30m") == true)
        #expect(found.first?.notes.map(\.message) == ["'soak' may wait up to 20d", "'confirm' may wait up to 30m", "'drain-pop3' may wait up to 10d"])
    }

    @Test func lineDiffShowsChangesWithContext() {
        let changes = LineDiff.changes(from: "a\nb\nc\nd\ne\nf", to: "a\nB\nc\nd\ne\nF")
        #expect(changes == ["a", "-b", "+B", "c", "@@", "e", "-f", "+F"].map { $0.count == 1 ? " " + $0 : $0 })
    }

    @Test func readableDurations() {
        #expect(PlanDuration(seconds: 31 * 86400 + 1800).readable == "31d 30m")
        #expect(PlanDuration(seconds: 5400).readable == "1h 30m")
        #expect(PlanDuration(seconds: 0).readable == "0s")
    }
}
