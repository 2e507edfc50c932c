/// JP211: a connector is deleted only right after it is drained, with nothing in between that refills it.
public enum DrainBeforeDelete: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP211", name: "drain-before-delete", category: .ordering, severity: .error,
        summary:
            "wait-connector-drained of a connector precedes its delete-connector, and for a POP3 connector no step between them can send reports to the journal mailbox (a repoint to the mailbox, an enable, a transport start).",
        rationale:
            "Reports written before the repoint still sit in the journal mailbox and in transport queues; deleting the POP3 connector before they are pulled strands them. Deletion is irreversible, so the drain must be the last word before it.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the POP3 connector is deleted before it is drained",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "drain-pop3": "{ id: delete-pop3, action: delete-connector, connector: pop3 }",
                    "delete-pop3":
                        "{ id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }",
                ]))),
        .triggering(
            "transport may start between the drain and the delete",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "drain-pop3":
                        "{ id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m, after: [enable-rule] }",
                    "delete-pop3": "{ id: delete-pop3, action: delete-connector, connector: pop3, after: [drain-pop3, confirm] }",
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let graph = context.graph
        let refills = graph.order.filter { index in
            switch context.step(index).action {
            case .enableJournalRule, .startTransport: true
            case .setJournalRecipient(let to, _, _): to.value == .mailbox
            default: false
            }
        }
        var findings: [Diagnostic] = []
        for delete in graph.steps(.deleteConnector) {
            guard let connector = context.step(delete).action.connectorReference?.value else { continue }
            let drains = graph.steps(.waitConnectorDrained).filter {
                context.step($0).action.connectorReference?.value == connector
            }
            let before = drains.filter { graph.precedes($0, delete) }
            guard let drain = before.last else {
                let message =
                    "\(context.quoted(delete)) deletes connector '\(connector)' before it is drained"
                    + (drains.isEmpty ? ": no wait-connector-drained step waits for it" : "")
                findings.append(
                    context.finding(
                        descriptor, message, at: delete, notes: drains.prefix(3).map { ($0, context.notBefore($0, delete)) }))
                continue
            }
            guard context.plan.connector(id: connector)?.transport == .pop3 else { continue }
            // Some drain must have no refill able to run after it and before the delete.
            func between(_ drain: Int) -> [Int] {
                refills.filter { !graph.precedes($0, drain) && !graph.precedes(delete, $0) && $0 != drain }
            }
            guard before.allSatisfy({ !between($0).isEmpty }) else { continue }
            let late = between(drain)
            findings.append(
                context.finding(
                    descriptor,
                    "\(context.quoted(delete)) deletes connector '\(connector)', but \(context.quoted(late[0])) may send journal reports to the journal mailbox after \(context.quoted(drain)) found it empty",
                    at: delete,
                    notes: late.prefix(3).map {
                        ($0, "\(context.quoted($0)) may run between \(context.quoted(drain)) and \(context.quoted(delete))")
                    }))
        }
        return findings
    }
}
