import Foundation
import JournalPlanCore
import Testing

/// Large plans: the no-loss check must grow with steps × timelines, not servers × rules. These tests check
/// only the verdict and print timings. The 5000-rule plans take most of a minute to decode in a debug
/// build, so they run only with `NOLOSS_SCALE=1` (for example
/// `NOLOSS_SCALE=1 swift test -c release --filter NoLossScaleTests`).
@Suite struct NoLossScaleTests {
    static let large = ProcessInfo.processInfo.environment["NOLOSS_SCALE"] == "1"

    static let preparation = """
          - { id: create-contact, action: create-contact, after: [] }
          - { id: set-ndr-mailbox, action: set-ndr-mailbox, after: [] }
          - { id: request-domain, action: request-journal-domain, after: [] }
          - { id: create-smtp-connector, action: create-connector, connector: smtp, after: [request-domain] }
          - { id: prepared, action: manual, instructions: Preparation done., after: [create-contact, set-ndr-mailbox, create-smtp-connector] }
        """

    static let ending = """
          - { id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }
          - { id: delete-pop3, action: delete-connector, connector: pop3 }
        """

    static func names(_ prefix: String, _ count: Int) -> [String] {
        (1...count).map { "\(prefix)\(String(repeating: "0", count: max(0, 4 - String($0).count)))\($0)" }
    }

    /// Per-rule disable, repoint and enable steps in sequence, after `after`.
    static func ruleSteps(_ rules: [String], after: String) -> [String] {
        var lines: [String] = []
        var previous = after
        for (i, rule) in rules.enumerated() {
            lines.append("  - { id: disable-\(i), action: disable-journal-rule, rules: [\(rule)], after: [\(previous)] }")
            lines.append("  - { id: repoint-\(i), action: set-journal-recipient, to: contact, rules: [\(rule)] }")
            lines.append("  - { id: enable-\(i), action: enable-journal-rule, rules: [\(rule)] }")
            previous = "enable-\(i)"
        }
        return lines
    }

    /// Parallel preparation, one stop step per server in parallel, per-rule steps, one start step per server.
    static func perServerPlan(servers: Int, rules: Int, breakOneRule: Bool = false) -> String {
        let serverNames = names("MBX", servers)
        let ruleNames = names("Rule", rules)
        var lines = [preparation]
        lines += serverNames.map { "  - { id: stop-\($0.lowercased()), action: stop-transport, servers: [\($0)], after: [prepared] }" }
        lines.append("  - { id: stopped, action: manual, instructions: All stopped., after: [\(serverNames.map { "stop-\($0.lowercased())" }.joined(separator: ", "))] }")
        var ruleLines = ruleSteps(ruleNames, after: "stopped")
        if breakOneRule { ruleLines.remove(at: ruleLines.count - 1) }
        lines += ruleLines
        let last = breakOneRule ? "repoint-\(rules - 1)" : "enable-\(rules - 1)"
        lines += serverNames.map { "  - { id: start-\($0.lowercased()), action: start-transport, servers: [\($0)], after: [\(last)] }" }
        lines.append("  - { id: confirm, action: confirm-journaling, timeout: 30m, after: [\(serverNames.map { "start-\($0.lowercased())" }.joined(separator: ", "))] }")
        lines.append(ending)
        return ExamplePlan.text(servers: serverNames, rules: ruleNames, steps: lines.joined(separator: "\n"))
    }

    /// Fan-out stop and start over every server, per-rule steps in between.
    static func fanOutPlan(servers: Int, rules: Int) -> String {
        var lines = [preparation, "  - { id: stop-transport, action: stop-transport }"]
        lines += ruleSteps(names("Rule", rules), after: "stop-transport")
        lines += ["  - { id: start-transport, action: start-transport }", "  - { id: confirm, action: confirm-journaling, timeout: 30m }", ending]
        return ExamplePlan.text(servers: names("MBX", servers), rules: names("Rule", rules), steps: lines.joined(separator: "\n"))
    }

    static let noLossRules: [any PlanRule.Type] = [
        ConflictingStepsOrdered.self, NoJournalLoss.self, DuplicateJournaling.self, EndsInGoalState.self,
    ]

    /// Validates with the no-loss rules only (other rules have their own budgets) and prints how long the
    /// load-decode-compile stage and each rule take.
    func measure(_ label: String, _ text: String) -> ValidationResult {
        let clock = ContinuousClock()
        var result: ValidationResult!
        let front = clock.measure { result = PlanValidator(rules: []).validate(text: text) }
        guard let graph = result.graph else { return result }
        let context = RuleContext(plan: graph.plan, graph: graph)
        var timings: [String] = []
        for rule in Self.noLossRules {
            var findings: [Diagnostic] = []
            timings.append("\(rule.descriptor.id) \(clock.measure { findings = rule.check(context) })")
            result.diagnostics += findings
        }
        print("scale \(label): \(graph.steps.count) steps, \(graph.nodeCount) nodes; load+decode+graph \(front); \(timings.joined(separator: ", "))")
        return result
    }

    func noLossFindings(_ result: ValidationResult) -> [String] {
        result.diagnostics.filter { $0.ruleID.hasPrefix("JP4") || $0.ruleID == "JP213" }.map { "\($0.ruleID) \($0.message)" }
    }

    @Test func fourHundredServersFortyRulesInParallel() throws {
        let result = measure("400 servers x 40 rules", Self.perServerPlan(servers: 400, rules: 40))
        #expect(result.graph != nil)
        #expect(noLossFindings(result).isEmpty, "\(noLossFindings(result))")
    }

    @Test func fourHundredServersWithOneRuleNeverEnabled() throws {
        let result = measure("400 servers x 40 rules, one broken", Self.perServerPlan(servers: 400, rules: 40, breakOneRule: true))
        let loss = try #require(result.diagnostics.first { $0.ruleID == "JP401" })
        #expect(loss.notes.last?.message.contains("rule 'Rule0040' is disabled") == true)
    }

    @Test(.enabled(if: large)) func fiveThousandRulesFiveHundredServers() throws {
        let result = measure("5000 rules x 500 servers", Self.fanOutPlan(servers: 500, rules: 5000))
        #expect((result.graph?.steps.count ?? 0) > 15_000)
        #expect(noLossFindings(result).isEmpty, "\(noLossFindings(result))")
    }

    @Test(.enabled(if: large)) func fiveHundredServerStepsTimesFiveThousandRuleSteps() throws {
        let result = measure("500 per-server steps x 5000 rules", Self.perServerPlan(servers: 500, rules: 5000))
        #expect(noLossFindings(result).isEmpty, "\(noLossFindings(result))")
    }
}
