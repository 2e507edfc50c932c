/// JP214: when the plan routes the journal domain with a send connector, the route exists before the repoint.
public enum SendConnectorBeforeRepoint: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP214", name: "send-connector-before-repoint", category: .ordering, severity: .error,
        summary: "If the plan has a create-send-connector step, it precedes every set-journal-recipient to the contact.",
        rationale:
            "A plan that needs its own route to Mimecast's journal hosts cannot deliver to the contact before that route exists: reports queue or go out the default route, and expire if Mimecast refuses them there.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the send connector is created after the repoint",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "confirm": """
                    { id: route-journal-domain, action: create-send-connector }
                      - { id: confirm, action: confirm-journaling, timeout: 30m }
                    """
                ]))),
        .passing(
            "the send connector is created during preparation",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "create-smtp-connector": """
                    { id: create-smtp-connector, action: create-connector, connector: smtp }
                      - { id: route-journal-domain, action: create-send-connector }
                    """
                ]))),
        .passing("a plan without a send connector", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let routes = context.graph.steps(.createSendConnector)
        guard !routes.isEmpty else { return [] }
        return context.requirePrerequisite(
            descriptor, routes, before: context.repointsToContact,
            condition: "the send connector routes the journal domain to Mimecast", missing: "",
            describe: context.describeRepoint)
    }
}
