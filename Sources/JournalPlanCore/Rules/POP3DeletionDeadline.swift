/// JP310: the POP3 connector is deleted well within Mimecast's 30-day processing limit.
public enum POP3DeletionDeadline: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP310", name: "pop3-deletion-deadline", category: .values, severity: .error,
        summary:
            "The longest path of timeouts from the first repoint to the contact to the POP3 connector's deletion is under 30 days.",
        rationale:
            "Mimecast does not process journal messages older than 30 days; reports left in the journal mailbox longer than that are never archived, however the POP3 connector is handled afterwards.")

    public static let examples: [RuleExample] = [
        .triggering(
            "a drain that may wait 31 days",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "drain-pop3":
                        "{ id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 31d, pollEvery: 1h }"
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static let deadline = PlanDuration(seconds: 30 * 86400)

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let repoints = context.repointsToContact
        guard !repoints.isEmpty else { return [] }
        return context.pop3ConnectorSteps([.deleteConnector]).compactMap { delete in
            guard let path = context.longestTimeoutPath(from: repoints, to: delete), path.seconds >= deadline.seconds
            else { return nil }
            return context.finding(
                descriptor,
                "\(context.quoted(delete)) may run \(path.duration.readable) after the repoint to the contact; Mimecast skips journal messages older than 30 days",
                at: delete,
                notes: path.waits.prefix(4).map {
                    ($0, context.describeWait($0))
                })
        }
    }
}
