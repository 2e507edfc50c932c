/// JP305: the contact's address is in the journal domain, and the SMTP connector serves that address.
public enum ContactInJournalDomain: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP305", name: "contact-in-journal-domain", category: .values, severity: .error,
        summary: "contact.address lies in domain.name, and every SMTP connector's address equals the contact's address.",
        rationale:
            "Mimecast accepts journal reports only for the service address of an SMTP journal connector in the journal sub-domain it hosts; a contact anywhere else sends reports where nobody archives them.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the contact is outside the journal domain",
            ExamplePlan.text(contactAddress: "journaling@contoso.com")),
        .triggering(
            "the SMTP connector serves a different address",
            ExamplePlan.text().replacing(
                "    address: journaling@journal.contoso.com\n", with: "    address: archive@journal.contoso.com\n")),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let plan = context.plan
        let contact = plan.contact.address
        var findings: [Diagnostic] = []
        if !contact.value.isIn(domain: plan.domain.name.value.text) {
            findings.append(
                context.finding(
                    descriptor,
                    "the contact address '\(contact.value)' is not in the journal domain '\(plan.domain.name.value)'",
                    at: contact.range,
                    notes: [context.note("the journal domain Mimecast accepts is set here", at: plan.domain.name.range)]))
        }
        for connector in plan.connectors where connector.transport == .smtp {
            guard let address = connector.address, !address.value.isSameAddress(as: contact.value) else { continue }
            findings.append(
                context.finding(
                    descriptor,
                    "SMTP connector '\(connector.id.value)' accepts '\(address.value)', but the rules journal to the contact '\(contact.value)'",
                    at: address.range, notes: [context.note("the contact address is set here", at: contact.range)]))
        }
        return findings
    }
}
