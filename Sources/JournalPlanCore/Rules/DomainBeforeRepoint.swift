/// JP203: Mimecast accepts the journal domain before any journal rule or database points at the contact.
public enum DomainBeforeRepoint: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP203", name: "domain-before-repoint", category: .ordering, severity: .error,
        summary: "A request-journal-domain step precedes every set-journal-recipient to the contact.",
        rationale:
            "Until Mimecast Support has added the journal sub-domain, Mimecast rejects mail to the contact; Exchange retries for two days and then drops the journal reports for good.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the rule is repointed before the Mimecast domain is requested",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "request-domain": nil,
                    "enable-rule": "{ id: enable-rule, action: enable-journal-rule, after: [request-domain] }",
                    "repoint-rule": """
                    { id: repoint-rule, action: set-journal-recipient, to: contact }
                      - { id: request-domain, action: request-journal-domain }
                    """,
                ]))),
        .triggering(
            "the domain request runs in parallel with the cut-over",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "request-domain": "{ id: request-domain, action: request-journal-domain, after: [] }",
                    "create-smtp-connector":
                        "{ id: create-smtp-connector, action: create-connector, connector: smtp, after: [set-ndr-mailbox] }",
                    "confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, after: [start-transport, request-domain] }",
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        context.requirePrerequisite(
            descriptor, context.graph.steps(.requestJournalDomain), before: context.repointsToContact,
            condition: "Mimecast has added the journal domain",
            missing: "no request-journal-domain step confirms that Mimecast accepts the journal domain",
            describe: context.describeRepoint)
    }
}
