/// JP207: rules disabled for the change are enabled again before transport starts.
public enum EnableBeforeStart: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP207", name: "enable-before-start", category: .ordering, severity: .error,
        summary: "Each re-enable of a disabled journal rule precedes every start-transport that follows the disable.",
        rationale:
            "As soon as one transport server starts, it accepts and delivers mail; any journal rule still disabled at that moment lets that mail through without a journal report.")

    public static let examples: [RuleExample] = [
        .triggering(
            "transport starts before the rule is enabled",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "enable-rule": "{ id: start-transport, action: start-transport }",
                    "start-transport": "{ id: enable-rule, action: enable-journal-rule }",
                ]))),
        .triggering(
            "one server starts on a branch parallel to the enable",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "enable-rule": """
                    { id: enable-rule, action: enable-journal-rule }
                      - { id: start-ex02, action: start-transport, servers: [EX02], after: [repoint-rule] }
                    """,
                    "start-transport":
                        "{ id: start-transport, action: start-transport, servers: [EX01], after: [enable-rule] }",
                    "confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, after: [start-transport, start-ex02] }",
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        // Each (disable, re-enable) pair of steps, with the rules it covers.
        struct Pair: Hashable {
            var disable: Int
            var enable: Int
        }
        var pairs: [Pair: [NodeTarget]] = [:]
        for timeline in context.journalTargetTimelines {
            let steps = timeline.steps
            for enable in steps where context.kind(enable) == .enableJournalRule {
                let last = steps.last {
                    context.kind($0) == .disableJournalRule && context.graph.precedes($0, enable)
                }
                guard let last else { continue }
                pairs[Pair(disable: last, enable: enable), default: []] += timeline.objects
            }
        }
        guard !pairs.isEmpty else { return [] }
        let ordered = pairs.sorted { ($0.key.disable, $0.key.enable) < ($1.key.disable, $1.key.enable) }
        var problems = StepFindings()
        var rulesAt: [Int: [NodeTarget]] = [:]
        // Twin start steps (one per server on parallel branches) leave the same pairs unfinished.
        var openPairsOf: [Int: [Int]] = [:]
        let graph = context.graph
        for timeline in context.serverTimelines {
            for start in timeline.steps where context.kind(start) == .startTransport {
                let twin = context.analysis.twins.classOf[start]
                let open =
                    openPairsOf[twin]
                    ?? ordered.indices.filter {
                        graph.precedes(ordered[$0].key.disable, start) && !graph.precedes(ordered[$0].key.enable, start)
                    }
                openPairsOf[twin] = open
                for (pair, rules) in open.map({ ordered[$0] }) {
                    problems.add(start, timeline.objects, note: (pair.enable, context.notBefore(pair.enable, start)))
                    rulesAt[start, default: []] += rules
                }
            }
        }
        return problems.diagnostics { start, entry in
            var seen = Set<NodeTarget>()
            let rules = rulesAt[start, default: []].filter { seen.insert($0).inserted }
            return context.finding(
                descriptor,
                "\(context.quoted(start)) starts transport on \(context.names(entry.objects)) while \(context.names(rules)) may still be disabled: mail accepted there is not journaled",
                at: start, notes: entry.notes)
        }
    }
}
