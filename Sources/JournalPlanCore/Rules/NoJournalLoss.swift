/// JP401: no order the graph allows loses a journal report.
public enum NoJournalLoss: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP401", name: "no-journal-loss", category: .noLoss, severity: .error,
        summary: "In no order the steps may run in is a journal report lost.",
        rationale:
            "Mail accepted while a rule is disabled, while a rule points at a contact Mimecast cannot receive for, or after the POP3 connector is gone, is never archived: a compliance incident. The counter-example is the shortest order of steps that reaches the loss.")

    public static let examples: [RuleExample] = [
        .triggering(
            "a second journal rule is never re-enabled",
            ExamplePlan.text(
                rules: ["Journal All Mail", "Journal Executives"],
                steps: ExamplePlan.cutoverSteps([
                    "enable-rule": "{ id: enable-rule, action: enable-journal-rule, rules: [Journal All Mail] }"
                ]))),
        .triggering(
            "transport is started before the rule is enabled",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "enable-rule": "{ id: enable-rule, action: enable-journal-rule, after: [start-transport] }",
                    "start-transport": "{ id: start-transport, action: start-transport, after: [repoint-rule] }",
                    "confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, after: [enable-rule] }",
                ]))),
        .triggering(
            "the POP3 connector is deleted while a rule still journals to the mailbox",
            ExamplePlan.text(
                rules: ["Journal All Mail", "Journal Executives"],
                steps: ExamplePlan.cutoverSteps([
                    "repoint-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact, rules: [Journal All Mail] }"
                ]))),
        .triggering(
            "the rule is repointed to the contact before the SMTP connector exists",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "create-smtp-connector":
                        "{ id: create-smtp-connector, action: create-connector, connector: smtp, after: [start-transport] }",
                    "stop-transport": "{ id: stop-transport, action: stop-transport, after: [request-domain] }",
                    "confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, after: [create-smtp-connector] }",
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
        .passing(
            "standard journaling: databases repointed while transport is stopped",
            ExamplePlan.text(
                journaling: "standard",
                steps: ExamplePlan.cutoverSteps([
                    "disable-rule": nil, "enable-rule": nil,
                    "repoint-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact }",
                ]))),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        guard let analysis = context.analysis.noLoss else { return [] }
        let builder = CounterExample(plan: context.plan, graph: context.graph)
        var seen = Set<String>()
        var findings: [Diagnostic] = []
        for witness in analysis.losses() {
            let entries = builder.trace(witness)
            let state = builder.replay(entries)
            let diagnostic: Diagnostic
            var cause: String?
            switch witness.kind {
            case .stranded(let delete, let drain):
                let deleteID = context.step(delete).id.value
                let why: String
                if let drain, let flow = witness.flow {
                    let running = witness.server.map { " while \($0)'s transport runs" } ?? ""
                    why = "after '\(context.step(drain).id.value)', \(flow.flowName) journals to the journal mailbox\(running); those reports are never pulled once '\(deleteID)' deletes the POP3 connector"
                } else {
                    why = "no drain of the enabled POP3 connector comes before '\(deleteID)': reports waiting in the journal mailbox are never pulled"
                }
                diagnostic = builder.diagnostic(
                    descriptor, entries,
                    message: { _ in "'\(deleteID)' can delete the POP3 connector while journal reports still wait in the journal mailbox" },
                    finalNote: why)
            default:
                let loss = witness.flow.flatMap { flow in
                    state.journalers[flow].flatMap(state.lossCause).map {
                        JournalLoss(flow: flow, cause: $0, server: witness.server, ndrMailboxSet: state.ndrMailboxSet)
                    }
                } ?? state.currentLoss
                // Other flows lost the same way in the same state share the cause: one finding names them
                // all, rather than one per rule or database.
                var finalNote = loss?.description ?? "journal reports are lost in this state"
                if let loss {
                    let alike = state.journalers.compactMap { flow, journaler -> String? in
                        guard flow != loss.flow, state.lossCause(of: journaler) == loss.cause else { return nil }
                        return flow.flowName
                    }.sorted()
                    if !alike.isEmpty { finalNote += "; the same holds for " + alike.joined(separator: ", ") }
                    cause = "\(loss.cause)|\(loss.server ?? "")|" + (alike + [loss.flow.flowName]).sorted().joined(separator: "|")
                }
                diagnostic = builder.diagnostic(
                    descriptor, entries,
                    message: { "journal reports can be lost once '\($0)' completes, in an order the plan allows" },
                    finalNote: finalNote)
            }
            // One finding per place and loss: two traces that end in the same losses there are one mistake.
            if seen.insert("\(diagnostic.location.range.start)|\(cause ?? diagnostic.notes.last!.message)").inserted {
                findings.append(diagnostic)
            }
        }
        return findings
    }
}
