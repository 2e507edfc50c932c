/// JP204: the SMTP journal connector exists in Mimecast before any rule or database points at the contact.
public enum ConnectorBeforeRepoint: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP204", name: "connector-before-repoint", category: .ordering, severity: .error,
        summary: "The SMTP connector's create-connector step precedes every set-journal-recipient to the contact.",
        rationale:
            "Mimecast accepts journal mail for the contact's address only from the source IPs of an existing SMTP journal connector; before it exists, every journal report is rejected and expires after Exchange's retries.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the plan never creates the SMTP connector",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["create-smtp-connector": nil]))),
        .triggering(
            "the connector is created on a branch parallel to the repoint",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "create-smtp-connector":
                        "{ id: create-smtp-connector, action: create-connector, connector: smtp, after: [request-domain] }",
                    "stop-transport": "{ id: stop-transport, action: stop-transport, after: [request-domain] }",
                    "confirm":
                        "{ id: confirm, action: confirm-journaling, timeout: 30m, after: [start-transport, create-smtp-connector] }",
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let contact = context.plan.contact.address.value
        let smtp = context.plan.connectors.filter { $0.transport == .smtp }
        // The connector for the contact's address; any SMTP connector when none names it.
        let matching = smtp.filter { $0.address?.value.isSameAddress(as: contact) == true }
        let wanted = Set((matching.isEmpty ? smtp : matching).map(\.id.value))
        let creates = context.graph.steps(.createConnector).filter { index in
            context.step(index).action.connectorReference.map { wanted.contains($0.value) } ?? false
        }
        let name = wanted.count == 1 ? "the SMTP journal connector '\(wanted.first!)'" : "an SMTP journal connector"
        return context.requirePrerequisite(
            descriptor, creates, before: context.repointsToContact, condition: "\(name) exists in Mimecast",
            missing: "no create-connector step creates \(name)", describe: context.describeRepoint)
    }
}
