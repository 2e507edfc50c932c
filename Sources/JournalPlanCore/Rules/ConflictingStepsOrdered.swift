/// JP213: two steps that change the same server, rule, database, connector or Exchange object are ordered.
public enum ConflictingStepsOrdered: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP213", name: "conflicting-steps-ordered", category: .ordering, severity: .error,
        summary: "Two steps that change the same server, rule, database or connector are ordered by `after`.",
        rationale:
            "If they may run in either order, the outcome depends on the executor's choice (a rule may end disabled); ordering them also makes the no-loss check (JP401–JP403) exact.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the rule is disabled and repointed on parallel branches",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "repoint-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact, after: [stop-transport] }",
                    "enable-rule": "{ id: enable-rule, action: enable-journal-rule, after: [disable-rule, repoint-rule] }",
                ]))),
        .triggering(
            "the POP3 connector is deleted in parallel with its drain",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "delete-pop3": "{ id: delete-pop3, action: delete-connector, connector: pop3, after: [confirm] }"
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
        .passing(
            "preparation steps on parallel branches change different objects",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "set-ndr-mailbox": "{ id: set-ndr-mailbox, action: set-ndr-mailbox, after: [] }",
                    "request-domain": "{ id: request-domain, action: request-journal-domain, after: [] }",
                    "stop-transport":
                        "{ id: stop-transport, action: stop-transport, after: [create-contact, set-ndr-mailbox, create-smtp-connector] }",
                ]))),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        context.analysis.conflicts.map { conflict in
            let first = context.step(conflict.first).id.value
            let second = context.step(conflict.second).id.value
            let what = names(conflict.objects)
            return context.finding(
                descriptor,
                "'\(second)' and '\(first)' both change \(what) but may run in either order; add `after: [\(first)]` to '\(second)' (or the reverse)",
                at: conflict.second,
                notes: [(conflict.first, "'\(first)' also changes \(what)")])
        }
    }

    private static func names(_ objects: [MailFlowObject]) -> String {
        let shown = objects.prefix(3).map(\.description)
        let rest = objects.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }
}
