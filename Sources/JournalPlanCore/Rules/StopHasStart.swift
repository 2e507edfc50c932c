/// JP208: every server whose transport is stopped is started again later.
public enum StopHasStart: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP208", name: "stop-has-start", category: .ordering, severity: .error,
        summary: "Every stop-transport of a server has a later start-transport of the same server.",
        rationale:
            "A transport server left stopped refuses inbound mail and holds outbound mail until someone notices; the cut-over must end with every server back in service.")

    public static let examples: [RuleExample] = [
        .triggering(
            "transport is never started again",
            ExamplePlan.text(steps: ExamplePlan.cutoverSteps(["start-transport": nil]))),
        .triggering(
            "only one of two servers is started again",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "start-transport": "{ id: start-transport, action: start-transport, servers: [EX01] }"
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        var problems = StepFindings()
        for timeline in context.serverTimelines {
            let starts = timeline.steps.filter { context.kind($0) == .startTransport }
            for stop in timeline.steps where context.kind(stop) == .stopTransport {
                guard !starts.contains(where: { context.graph.precedes(stop, $0) }) else { continue }
                var note = starts.first.map { ($0, context.notAfter($0, stop)) }
                if note == nil, let other = context.graph.steps(.startTransport).first {
                    note = (other, "\(context.quoted(other)) starts only \(context.names(context.graph.targets[other]))")
                }
                problems.add(stop, timeline.objects, note: note)
            }
        }
        return problems.diagnostics { stop, entry in
            context.finding(
                descriptor,
                "\(context.quoted(stop)) stops transport on \(context.names(entry.objects)) and no later step starts it again",
                at: stop, notes: entry.notes)
        }
    }
}
