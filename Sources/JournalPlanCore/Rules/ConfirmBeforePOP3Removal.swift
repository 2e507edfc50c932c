/// JP210: the POP3 connector is disabled or deleted only after SMTP journaling is confirmed.
public enum ConfirmBeforePOP3Removal: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP210", name: "confirm-before-pop3-removal", category: .ordering, severity: .error,
        summary: "confirm-journaling precedes every disable-connector and delete-connector of the POP3 connector.",
        rationale:
            "The POP3 connector is the fallback while SMTP journaling is unproven: if reports do not reach the contact, the plan can still point the rules back at the journal mailbox, but only while Mimecast keeps pulling it.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the POP3 connector is deleted before journaling is confirmed",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "confirm": nil,
                    "delete-pop3": """
                    { id: delete-pop3, action: delete-connector, connector: pop3 }
                      - { id: confirm, action: confirm-journaling, timeout: 30m }
                    """,
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let confirms = context.graph.steps(.confirmJournaling)
        let removals = context.pop3ConnectorSteps([.disableConnector, .deleteConnector])
        return context.requirePrerequisite(
            descriptor, confirms, before: removals, condition: "journaling to the contact is confirmed",
            missing: "no confirm-journaling step shows that SMTP journaling works"
        ) { step in
            let verb = context.kind(step) == .deleteConnector ? "deletes" : "disables"
            let connector = context.step(step).action.connectorReference?.value ?? ""
            return "\(context.quoted(step)) \(verb) the POP3 connector '\(connector)'"
        }
    }
}
