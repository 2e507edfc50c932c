/// JP206: a disabled rule is repointed before it is enabled, and every disabled rule is enabled again.
public enum RepointBeforeEnable: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP206", name: "repoint-before-enable", category: .ordering, severity: .error,
        summary:
            "Each disabled journal rule is repointed before it is enabled again, and every disable has a later enable of the same rule.",
        rationale:
            "Enabling before the repoint journals to the old mailbox for a while and then changes target on a live rule; a rule left disabled journals nothing at all once transport starts, which is the loss the cut-over must avoid.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the rule is enabled before it is repointed",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "repoint-rule": "{ id: enable-rule, action: enable-journal-rule }",
                    "enable-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact }",
                ]))),
        .triggering(
            "the rule is never enabled again",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["enable-rule": nil]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        var neverEnabled = StepFindings()
        var earlyEnable = StepFindings()
        for timeline in context.journalTargetTimelines {
            let disables = timeline.steps.filter { context.kind($0) == .disableJournalRule }
            guard !disables.isEmpty else { continue }
            let enables = timeline.steps.filter { context.kind($0) == .enableJournalRule }
            let repoints = timeline.steps.filter { context.kind($0) == .setJournalRecipient }
            for disable in disables where !enables.contains(where: { context.graph.precedes(disable, $0) }) {
                neverEnabled.add(disable, timeline.objects, note: enables.first.map { ($0, context.notAfter($0, disable)) })
            }
            for enable in enables where disables.contains(where: { context.graph.precedes($0, enable) }) {
                guard let repoint = repoints.first, !repoints.contains(where: { context.graph.precedes($0, enable) })
                else { continue }
                earlyEnable.add(enable, timeline.objects, note: (repoint, context.notBefore(repoint, enable)))
            }
        }
        return neverEnabled.diagnostics { step, entry in
            context.finding(
                descriptor,
                "\(context.quoted(step)) disables \(context.names(entry.objects)) and no later step enables it again: a disabled rule journals nothing",
                at: step, notes: entry.notes)
        }
            + earlyEnable.diagnostics { step, entry in
                context.finding(
                    descriptor,
                    "\(context.quoted(step)) enables \(context.names(entry.objects)) before it is repointed to its new target",
                    at: step, notes: entry.notes)
            }
    }
}
