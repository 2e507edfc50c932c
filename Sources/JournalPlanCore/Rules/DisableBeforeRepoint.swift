/// JP205: a rule the plan disables is disabled when it is repointed.
public enum DisableBeforeRepoint: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP205", name: "disable-before-repoint", category: .ordering, severity: .error,
        summary:
            "On premises, a journal rule the plan disables is repointed only after its disable step (and before any enable); a plan with no disable steps repoints atomically.",
        rationale:
            "The vendor procedure disables the rule so that no report is written half-way through the change; repointing first defeats the disable and leaves a window in which the rule journals to a target the plan did not intend.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the rule is repointed before it is disabled",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "disable-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact }",
                    "repoint-rule": "{ id: disable-rule, action: disable-journal-rule }",
                ]))),
        .triggering(
            "the disable and the repoint are on parallel branches",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "repoint-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact, after: [stop-transport] }",
                    "enable-rule": "{ id: enable-rule, action: enable-journal-rule, after: [disable-rule, repoint-rule] }",
                ]))),
        .passing(
            "no disable steps: an atomic repoint while transport is stopped",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["disable-rule": nil, "enable-rule": nil]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let exchange = context.plan.exchange
        guard !exchange.version.value.isOnline, exchange.journaling.value == .premium else { return [] }
        var problems = StepFindings()
        for timeline in context.journalTargetTimelines {
            let steps = timeline.steps.map { ($0, context.kind($0)) }
            guard steps.contains(where: { $0.1 == .disableJournalRule }) else { continue }
            for (repoint, kind) in steps where kind == .setJournalRecipient {
                let position = context.position(of: repoint, in: timeline)
                let toggles = position.before.filter { context.kind($0) != .setJournalRecipient }
                if let last = toggles.last, context.kind(last) == .disableJournalRule { continue }
                var note: (step: Int, message: String)?
                if let racing = position.racing.first(where: { context.kind($0) == .disableJournalRule }) {
                    note = (racing, context.notBefore(racing, repoint))
                } else if let last = toggles.last {
                    note = (
                        last,
                        "\(context.quoted(last)) enables \(context.names(timeline.objects)) again before \(context.quoted(repoint))"
                    )
                } else if let later = steps.first(where: { $0.1 == .disableJournalRule })?.0 {
                    note = (
                        later,
                        "\(context.quoted(later)) disables \(context.names(timeline.objects)) only after \(context.quoted(repoint))"
                    )
                }
                problems.add(repoint, timeline.objects, note: note)
            }
        }
        return problems.diagnostics { repoint, entry in
            context.finding(
                descriptor,
                "\(context.quoted(repoint)) repoints \(context.names(entry.objects)) while it is still enabled, although the plan disables it for the change",
                at: repoint, notes: entry.notes)
        }
    }
}
