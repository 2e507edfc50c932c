/// JP201: transport is stopped on every transport server before any journal rule is disabled.
public enum StopBeforeDisable: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP201", name: "stop-before-disable", category: .ordering, severity: .error,
        summary: "Transport is stopped on every transport server before a journal rule is disabled.",
        rationale:
            "Journal rules are organisation-wide: while any transport server still runs, mail it accepts during the gap is not journaled at all.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the rule is disabled before transport stops",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "disable-rule": "{ id: disable-rule, action: disable-journal-rule, after: [create-smtp-connector] }",
                    "stop-transport": "{ id: stop-transport, action: stop-transport, after: [disable-rule] }",
                    "repoint-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact, after: [stop-transport] }",
                ]))),
        .triggering(
            "only one of two transport servers is stopped",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "stop-transport": "{ id: stop-transport, action: stop-transport, servers: [EX01] }"
                ]))),
        .triggering(
            "the stop and the disable are on parallel branches",
            ExamplePlan.text(
                steps: ExamplePlan.cutoverSteps([
                    "disable-rule": "{ id: disable-rule, action: disable-journal-rule, after: [create-smtp-connector] }",
                    "repoint-rule":
                        "{ id: repoint-rule, action: set-journal-recipient, to: contact, after: [stop-transport, disable-rule] }",
                ]))),
        .passing("the canonical cut-over", ExamplePlan.text()),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        guard !context.plan.exchange.version.value.isOnline else { return [] }
        let timelines = context.serverTimelines
        let stops = context.graph.steps(.stopTransport)
        var findings: [Diagnostic] = []
        for disable in context.graph.steps(.disableJournalRule) {
            var unstopped: [NodeTarget] = []
            var notes: [(step: Int, message: String)] = []
            // Timelines of one class stand alike towards `disable`: judge one, then explain each.
            let offending = context.analysis.serverTimelineClasses.filter {
                isUnstopped(context.position(of: disable, in: timelines[$0[0]]), context)
            }
            for timeline in offending.joined().sorted().map({ timelines[$0] }) {
                let position = context.position(of: disable, in: timeline)
                let stoppedBefore = position.last.map { context.kind($0) == .stopTransport } ?? false
                let racingStart = position.racing.first { context.kind($0) == .startTransport }
                let racingStop = position.racing.first { context.kind($0) == .stopTransport }
                unstopped += timeline.objects
                if stoppedBefore, let racingStart {
                    notes.append((racingStart, "'\(context.step(racingStart).id.value)' may start transport on \(context.names(timeline.objects)) before the rule is disabled"))
                } else if let racingStop {
                    notes.append((racingStop, "'\(context.step(racingStop).id.value)' stops \(context.names(timeline.objects)) but on a parallel branch: it is not ordered before this step"))
                } else if let last = position.last {
                    notes.append((last, "'\(context.step(last).id.value)' starts transport on \(context.names(timeline.objects)) again before this step"))
                } else if let later = timeline.steps.first(where: { context.kind($0) == .stopTransport }) {
                    notes.append((later, "'\(context.step(later).id.value)' stops \(context.names(timeline.objects)) only after this step"))
                } else if let partial = stops.first(where: { context.graph.precedes($0, disable) }) {
                    let stopped = context.graph.targets[partial]
                    notes.append((partial, "\(context.quoted(partial)) stops only \(context.names(stopped))"))
                }
            }
            guard !unstopped.isEmpty else { continue }
            let rules = context.names(context.graph.targets[disable])
            findings.append(
                context.finding(
                    descriptor,
                    "'\(context.step(disable).id.value)' disables \(rules) while transport may still run on \(context.names(unstopped)); mail accepted there is not journaled",
                    at: disable, notes: notes))
        }
        return findings
    }

    /// Whether transport may run on the timeline's servers when the step runs: not stopped last before
    /// it, or a start racing it.
    private static func isUnstopped(_ position: TimelinePosition, _ context: RuleContext) -> Bool {
        let stoppedBefore = position.last.map { context.kind($0) == .stopTransport } ?? false
        return !stoppedBefore || position.racing.contains { context.kind($0) == .startTransport }
    }
}
