/// JP209: journaling is confirmed only once the rules point at the contact and transport runs again.
public enum ConfirmAfterStart: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP209", name: "confirm-after-start", category: .ordering, severity: .error,
        summary:
            "confirm-journaling comes after every repoint to the contact and (on premises) every start-transport; a plan that repoints must confirm.",
        rationale:
            "The confirmation is the evidence that reports reach Mimecast by SMTP. Taken before the repoint or while transport is stopped it proves nothing, and without it the POP3 connector is removed on faith.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the confirmation runs before transport starts",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "start-transport": "{ id: confirm, action: confirm-journaling, timeout: 30m }",
                    "confirm": "{ id: start-transport, action: start-transport }",
                ]))),
        .triggering(
            "the plan never confirms",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["confirm": nil]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let repoints = context.repointsToContact
        let confirms = context.graph.steps(.confirmJournaling)
        if confirms.isEmpty, let last = repoints.last {
            return [
                context.finding(
                    descriptor,
                    "\(context.describeRepoint(last)), but no confirm-journaling step checks that journal reports arrive there",
                    at: last)
            ]
        }
        let starts = context.plan.exchange.version.value.isOnline ? [] : context.graph.steps(.startTransport)
        return confirms.compactMap { confirm in
            let early = (repoints + starts).filter { !context.graph.precedes($0, confirm) }
            guard !early.isEmpty else { return nil }
            let what = early.contains { context.kind($0) == .startTransport } ? "transport is running again" : "the rules point at the contact"
            return context.finding(
                descriptor,
                "\(context.quoted(confirm)) may confirm journaling before \(what): it would prove nothing",
                at: confirm, notes: early.prefix(4).map { ($0, context.notBefore($0, confirm)) })
        }
    }
}
