/// JP312: the connectors describe one POP3 connector on the journal mailbox and the SMTP connector to create.
public enum ConnectorsConsistent: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP312", name: "connectors-consistent", category: .values, severity: .error,
        summary:
            "The POP3 connector's mailbox is exchange.journalMailbox; create-connector is used only for SMTP connectors; several connectors of one transport are a warning unless steps name each.",
        rationale:
            "The POP3 connector being retired is the one draining today's journal mailbox; a cut-over creates the SMTP connector and never a new POP3 one; and with two connectors of a kind it is unclear which one the drain, the deletion and the confirmation are about.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the POP3 connector drains a different mailbox",
            ExamplePlan.text().replacing("    mailbox: journal@contoso.com\n", with: "    mailbox: archive@contoso.com\n")),
        .triggering(
            "the plan creates the POP3 connector",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "create-smtp-connector": "{ id: create-smtp-connector, action: create-connector, connector: pop3 }"
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let plan = context.plan
        let journalMailbox = plan.exchange.journalMailbox
        var findings: [Diagnostic] = []
        for connector in plan.connectors where connector.transport == .pop3 {
            guard let mailbox = connector.mailbox, !mailbox.value.isSameAddress(as: journalMailbox.value) else { continue }
            findings.append(
                context.finding(
                    descriptor,
                    "POP3 connector '\(connector.id.value)' pulls '\(mailbox.value)', but Exchange journals to '\(journalMailbox.value)'",
                    at: mailbox.range, notes: [context.note("the journal mailbox is set here", at: journalMailbox.range)]))
        }
        var named = Set<String>()
        for index in context.graph.order {
            guard let reference = context.step(index).action.connectorReference else { continue }
            named.insert(reference.value)
            guard context.kind(index) == .createConnector,
                let connector = plan.connector(id: reference.value), connector.transport == .pop3
            else { continue }
            findings.append(
                context.finding(
                    descriptor,
                    "\(context.quoted(index)) creates the POP3 connector '\(reference.value)': a cut-over only creates the SMTP connector",
                    at: context.step(index).id.range, severity: nil,
                    notes: [context.note("'\(reference.value)' is defined here as a POP3 connector", at: connector.id.range)]))
        }
        for transport in ConnectorTransport.allCases {
            let connectors = plan.connectors.filter { $0.transport == transport }
            guard connectors.count > 1 else { continue }
            for connector in connectors where !named.contains(connector.id.value) {
                findings.append(
                    context.finding(
                        descriptor,
                        "the plan has \(connectors.count) \(transport.rawValue.uppercased()) connectors and no step names '\(connector.id.value)': it is unclear which one the cut-over is about",
                        at: connector.id.range, severity: .warning, notes: []))
            }
        }
        return findings
    }
}
