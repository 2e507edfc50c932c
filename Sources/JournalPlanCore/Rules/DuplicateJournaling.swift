/// JP402: no order sends journal reports to both the journal mailbox and the contact at once.
public enum DuplicateJournaling: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP402", name: "duplicate-journaling", category: .noLoss, severity: .warning,
        summary: "In no order the steps may run in do journal reports go to both the mailbox and the contact.",
        rationale:
            "Exchange sends one report per distinct journal recipient, so a rule on each target archives every message twice. The brief window between the targets of one fan-out step (repointing several rules online) is not reported.")

    public static let examples: [RuleExample] = [
        .triggering(
            "online: two rules repointed by separate steps",
            ExamplePlan.text(
                version: "online", rules: ["Journal All Mail", "Journal Executives"],
                steps: onlineSteps(repoint: """
                      - { id: repoint-all, action: set-journal-recipient, to: contact, rules: [Journal All Mail] }
                      - { id: repoint-executives, action: set-journal-recipient, to: contact, rules: [Journal Executives] }
                    """))),
        .passing(
            "online: both rules repointed by one step",
            ExamplePlan.text(
                version: "online", rules: ["Journal All Mail", "Journal Executives"],
                steps: onlineSteps(repoint: "  - { id: repoint-rules, action: set-journal-recipient, to: contact }"))),
        .passing(
            "on-premises: the rules are repointed while transport is stopped",
            ExamplePlan.text(rules: ["Journal All Mail", "Journal Executives"])),
    ]

    /// The Exchange Online cut-over steps with `repoint` (lines of steps) as the repoint.
    public static func onlineSteps(repoint: String) -> String {
        """
          - { id: set-ndr-mailbox, action: set-ndr-mailbox }
          - { id: create-contact, action: create-contact }
          - { id: request-domain, action: request-journal-domain }
          - { id: create-smtp-connector, action: create-connector, connector: smtp }
        \(repoint)
          - { id: confirm, action: confirm-journaling, timeout: 1h }
          - { id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }
          - { id: delete-pop3, action: delete-connector, connector: pop3 }
        """
    }

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        guard let witness = context.analysis.noLoss?.duplicate(),
            case .duplicate(let contactFlow) = witness.kind, let mailboxFlow = witness.flow
        else { return [] }
        let builder = CounterExample(plan: context.plan, graph: context.graph)
        let accepted = witness.server.map { "accepted by \($0) " } ?? ""
        return [
            builder.diagnostic(
                descriptor, builder.trace(witness),
                message: { "journal reports can be duplicated once '\($0)' completes, in an order the plan allows" },
                finalNote:
                    "mail \(accepted)now is journaled twice: \(mailboxFlow.flowName) journals to the journal mailbox and \(contactFlow.flowName) to the contact")
        ]
    }
}
