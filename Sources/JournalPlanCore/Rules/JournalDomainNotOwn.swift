/// JP306: the journal domain is Mimecast's sub-domain, not one the organisation receives mail for.
public enum JournalDomainNotOwn: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP306", name: "journal-domain-not-own", category: .values, severity: .error,
        summary:
            "domain.name is neither the domain of the journal or NDR mailbox nor one of exchange.acceptedDomains.",
        rationale:
            "If the journal domain is one Exchange accepts, Exchange resolves the contact's address locally instead of routing it to Mimecast, and journal reports never leave the organisation. (That Exchange does this for an accepted domain is an inference, not a documented fact; the preflight also checks Get-AcceptedDomain.)")

    public static let examples: [RuleExample] = [
        .triggering(
            "the journal domain is the organisation's own mail domain",
            ExamplePlan.text(contactAddress: "journaling@contoso.com", domain: "contoso.com")),
        .triggering(
            "the journal domain is listed as an accepted domain",
            ExamplePlan.text().replacing(
                "  ndrMailbox: journal-ndr@contoso.com\n",
                with: "  ndrMailbox: journal-ndr@contoso.com\n  acceptedDomains: [contoso.com, journal.contoso.com]\n")),
        .passing("a sub-domain only Mimecast accepts", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let exchange = context.plan.exchange
        let domain = context.plan.domain.name
        var notes: [DiagnosticNote] = []
        if exchange.journalMailbox.value.isIn(domain: domain.value.key) {
            notes.append(context.note("the journal mailbox is in that domain", at: exchange.journalMailbox.range))
        }
        if let ndr = exchange.ndrMailbox, ndr.value.isIn(domain: domain.value.key) {
            notes.append(context.note("the NDR mailbox is in that domain", at: ndr.range))
        }
        for accepted in exchange.acceptedDomains where accepted.value.key == domain.value.key {
            notes.append(context.note("listed as an accepted domain here", at: accepted.range))
        }
        guard !notes.isEmpty else { return [] }
        return [
            context.finding(
                descriptor,
                "the journal domain '\(domain.value)' is one of the organisation's own mail domains: Exchange would deliver journal reports locally instead of to Mimecast",
                at: domain.range, notes: notes)
        ]
    }
}
