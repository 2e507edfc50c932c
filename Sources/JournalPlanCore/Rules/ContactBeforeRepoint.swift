/// JP202: the mail contact exists before any journal rule or database points at it.
public enum ContactBeforeRepoint: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP202", name: "contact-before-repoint", category: .ordering, severity: .error,
        summary: "A create-contact step precedes every set-journal-recipient to the contact.",
        rationale:
            "Set-JournalRule and Set-MailboxDatabase resolve the journal address when they run; pointing them at a contact that does not exist yet fails inside the outage, with transport stopped and the rule disabled.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the contact is created after the repoint",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "create-contact": nil,
                    "enable-rule": "{ id: enable-rule, action: enable-journal-rule, after: [create-contact] }",
                    "repoint-rule": """
                    { id: repoint-rule, action: set-journal-recipient, to: contact }
                      - { id: create-contact, action: create-contact }
                    """,
                ]))),
        .triggering(
            "the plan never creates the contact",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["create-contact": nil]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        context.requirePrerequisite(
            descriptor, context.graph.steps(.createContact), before: context.repointsToContact,
            condition: "the contact is created", missing: "no create-contact step creates the contact",
            describe: context.describeRepoint)
    }
}
