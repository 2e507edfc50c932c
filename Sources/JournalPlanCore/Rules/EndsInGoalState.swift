/// JP403: at the end, SMTP journaling is complete and the POP3 connector is drained (and deleted last).
public enum EndsInGoalState: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP403", name: "ends-in-goal-state", category: .noLoss, severity: .error,
        summary:
            "At the end every rule or database journals to the contact and is enabled, transport runs everywhere, and the POP3 connector is drained (and, if the plan deletes it, deleted after every other journaling change).",
        rationale:
            "A plan that stops half-way leaves journaling on the old path, a server without mail flow, or reports in a mailbox nobody pulls.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the POP3 connector is never drained",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["drain-pop3": nil, "delete-pop3": nil]))),
        .triggering(
            "the rule is never repointed",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["repoint-rule": nil]))),
        .triggering(
            "transport is started after the POP3 connector is deleted",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "start-transport": nil,
                    "delete-pop3": """
                        { id: delete-pop3, action: delete-connector, connector: pop3 }
                          - { id: start-transport, action: start-transport, servers: [EX02], after: [delete-pop3] }
                        """,
                    "stop-transport": "{ id: stop-transport, action: stop-transport, servers: [EX02] }",
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let graph = context.graph
        guard let analysis = context.analysis.noLoss, let last = graph.order.last else { return [] }
        var findings: [Diagnostic] = []
        var final = MailFlowState.initial(for: context.plan)
        for step in graph.order {
            let action = graph.steps[step].action
            for target in graph.targets[step] { final.apply(action, to: target) }
        }
        // The mailbox part of the end state depends on the order; the analysis below judges it exactly.
        let shortfalls = final.goalShortfalls.filter {
            if case .pop3NotDrained = $0 { return false }
            return true
        }
        if !shortfalls.isEmpty {
            findings.append(
                context.finding(
                    descriptor,
                    "the plan ends before SMTP journaling is complete: \(shortfalls.prefix(4).map(\.description).joined(separator: "; "))",
                    at: last))
        }
        if let witness = analysis.undrained() {
            findings.append(undrainedFinding(witness, context, last: last))
        }
        findings += deletionsNotLast(context)
        return findings
    }

    private static func undrainedFinding(_ witness: Witness, _ context: RuleContext, last: Int) -> Diagnostic {
        guard case .undrained(let drain?) = witness.kind, let flow = witness.flow else {
            return context.finding(
                descriptor,
                "the plan never drains the POP3 connector: journal reports may be left in the journal mailbox", at: last)
        }
        let builder = CounterExample(plan: context.plan, graph: context.graph)
        let running = witness.server.map { " while \($0)'s transport runs" } ?? ""
        return builder.diagnostic(
            descriptor, builder.trace(witness),
            message: { "the plan can end with journal reports waiting in the journal mailbox, once '\($0)' completes" },
            finalNote:
                "after '\(context.step(drain).id.value)', \(flow.flowName) journals to the journal mailbox\(running), and no later drain follows")
    }

    /// Deleting the POP3 connector is the point of no return: every journaling change must come before it.
    private static func deletionsNotLast(_ context: RuleContext) -> [Diagnostic] {
        guard let pop3 = context.plan.pop3Connector?.id.value else { return [] }
        let changes: Set<ActionKind> = [
            .stopTransport, .startTransport, .disableJournalRule, .enableJournalRule, .setJournalRecipient,
        ]
        var findings: [Diagnostic] = []
        for delete in context.graph.steps(.deleteConnector) {
            guard context.step(delete).action.connectorReference?.value == pop3 else { continue }
            let before = context.graph.ancestorMarks(of: [delete])
            let late = context.graph.order.filter { changes.contains(context.kind($0)) && !before[$0] }
            guard let first = late.first else { continue }
            let ids = late.prefix(3).map { "'\(context.step($0).id.value)'" }.joined(separator: ", ")
            findings.append(
                context.finding(
                    descriptor,
                    "'\(context.step(delete).id.value)' deletes the POP3 connector before every journaling change is done: \(ids) may run after it",
                    at: delete,
                    notes: [(first, "'\(context.step(first).id.value)' is not ordered before the deletion")]))
        }
        return findings
    }
}
