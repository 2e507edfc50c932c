/// JP212: the alternate journaling mailbox (JournalingReportNdrTo) is set before the repoint.
public enum NDRBeforeRepoint: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP212", name: "ndr-before-repoint", category: .ordering, severity: .error,
        summary:
            "A set-ndr-mailbox step precedes every repoint to the contact (required on Exchange Online; on premises a warning when neither the step nor exchange.ndrMailbox exists).",
        rationale:
            "Without JournalingReportNdrTo, journal reports the contact cannot accept are dropped when they expire; with it they come back as resendable NDRs. Exchange Online requires it before journal rules can be used.")

    public static let examples: [RuleExample] = [
        .triggering(
            "Exchange Online sets the NDR mailbox after the repoint",
            ExamplePlan.text(
                version: "online", window: nil,
                steps: """
                  - { id: create-contact, action: create-contact }
                  - { id: request-domain, action: request-journal-domain }
                  - { id: create-smtp-connector, action: create-connector, connector: smtp }
                  - { id: repoint-rule, action: set-journal-recipient, to: contact }
                  - { id: set-ndr-mailbox, action: set-ndr-mailbox }
                  - { id: confirm, action: confirm-journaling, timeout: 1h }
                  - { id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }
                  - { id: delete-pop3, action: delete-connector, connector: pop3 }
                """)),
        .triggering(
            "on premises, neither a step nor exchange.ndrMailbox names the NDR mailbox",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["set-ndr-mailbox": nil]))
                .replacing("  ndrMailbox: journal-ndr@contoso.com\n", with: "")),
        .passing(
            "on premises, the NDR mailbox is already set (exchange.ndrMailbox) and the plan has no step",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["set-ndr-mailbox": nil]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let sets = context.graph.steps(.setNDRMailbox)
        let repoints = context.repointsToContact
        var findings: [Diagnostic] = []
        if context.plan.exchange.ndrMailbox == nil {
            for step in sets {
                findings.append(
                    context.finding(
                        descriptor, "\(context.quoted(step)) has no address to set: add 'ndrMailbox' to 'exchange'",
                        at: step))
            }
        }
        if sets.isEmpty, !context.plan.exchange.version.value.isOnline {
            guard context.plan.exchange.ndrMailbox == nil, let first = repoints.first else { return findings }
            return findings + [
                context.finding(
                    descriptor,
                    "\(context.describeRepoint(first)), but no step sets the NDR mailbox and 'exchange.ndrMailbox' is not given: reports the contact rejects are lost when they expire",
                    at: first, severity: .warning)
            ]
        }
        return findings
            + context.requirePrerequisite(
                descriptor, sets, before: repoints, condition: "the NDR mailbox (JournalingReportNdrTo) is set",
                missing: "Exchange Online requires a set-ndr-mailbox step before it", describe: context.describeRepoint)
    }
}
