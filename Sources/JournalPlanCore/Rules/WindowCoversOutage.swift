/// JP308: everything between stopping and starting transport fits in the outage window.
public enum WindowCoversOutage: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP308", name: "window-covers-outage", category: .values, severity: .error,
        summary:
            "The worst case between a stop-transport and its start-transport (the timeouts of the waits on the longest path) fits the window; manual gates inside the outage are a warning.",
        rationale:
            "If a wait inside the outage can outlast the window, transport stays down past what was approved, or someone cuts the procedure short half-way. A person's gate has no bound at all, so it belongs before the stop.")

    public static let examples: [RuleExample] = [
        .triggering(
            "a 12h drain inside a 6h window",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "enable-rule": """
                    { id: enable-rule, action: enable-journal-rule }
                      - { id: drain-queues, action: wait-connector-drained, connector: pop3, timeout: 12h, pollEvery: 5m }
                    """
                ]))),
        .triggering(
            "a manual check while transport is stopped",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "repoint-rule": """
                    { id: repoint-rule, action: set-journal-recipient, to: contact }
                      - { id: check-rule, action: manual, instructions: Check the rule in the Exchange admin center. }
                    """
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        let graph = context.graph
        var outages: [[Int]] = []
        var seen = Set<[Int]>()
        for timeline in context.serverTimelines {
            for stop in timeline.steps where context.kind(stop) == .stopTransport {
                let start = timeline.steps.first {
                    context.kind($0) == .startTransport && graph.precedes(stop, $0)
                }
                if let start, seen.insert([stop, start]).inserted { outages.append([stop, start]) }
            }
        }
        var findings: [Diagnostic] = []
        var gates = Set<Int>()
        let paths = TimeoutPaths(context)
        // Outages between twin steps (one per server on parallel branches) have the same longest path.
        var pathOf: [Int: TimeoutPath?] = [:]
        let twins = context.analysis.twins
        let people = graph.order.filter { [.manual, .requestJournalDomain].contains(context.kind($0)) }
        let window = context.plan.window
        let length = window.map { $0.end.value.epochSeconds - $0.start.value.epochSeconds } ?? 0
        for outage in outages {
            let (stop, start) = (outage[0], outage[1])
            for step in people {
                guard !gates.contains(step), graph.precedes(stop, step), graph.precedes(step, start) else {
                    continue
                }
                findings.append(
                    context.finding(
                        descriptor,
                        "\(context.quoted(step)) waits for a person while transport is stopped: the outage has no upper bound",
                        at: step, notes: [(stop, "\(context.quoted(stop)) stops transport before it")], severity: .warning))
                gates.insert(step)
            }
            guard let window, length > 0 else { continue }
            let key = twins.classOf[stop] * graph.steps.count + twins.classOf[start]
            let found = pathOf[key] ?? paths.longest(from: [stop], to: start)
            pathOf[key] = found
            guard let path = found, path.seconds > length
            else { continue }
            var notes = path.waits.prefix(4).map {
                context.note(context.describeWait($0), on: $0)
            }
            notes.append(context.note("the window is \(PlanDuration(seconds: length).readable) long", at: window.end.range))
            findings.append(
                context.finding(
                    descriptor,
                    "transport may stay stopped for \(path.duration.readable) between \(context.quoted(stop)) and \(context.quoted(start)), longer than the window",
                    at: context.step(stop).id.range, severity: nil, notes: notes))
        }
        return findings
    }
}
