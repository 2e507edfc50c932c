/// JP307: the outage window exists when transport stops, ends after it starts, and is at most a day.
public enum WindowWellFormed: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP307", name: "window-well-formed", category: .values, severity: .error,
        summary:
            "window.end is after window.start; a window longer than 24h is a warning; a plan that stops transport must have a window.",
        rationale:
            "Stopping transport refuses inbound mail for the whole organisation; the window is what the change board approved and what the script checks before it stops anything.")

    public static let examples: [RuleExample] = [
        .triggering(
            "the window ends before it starts",
            ExamplePlan.text(window: ("2026-12-06T02:00:00+00:00", "2026-12-05T20:00:00+00:00"))),
        .triggering(
            "the plan stops transport but has no window",
            ExamplePlan.text(window: nil)),
        .triggering(
            "a window of three days",
            ExamplePlan.text(window: ("2026-12-05T20:00:00+00:00", "2026-12-08T20:00:00+00:00"))),
        .passing("a six-hour window", ExamplePlan.text()),
    ]

    public static let longestWindow = 24 * 3600

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        guard let window = context.plan.window else {
            guard let stop = context.graph.steps(.stopTransport).first else { return [] }
            return [
                context.finding(
                    descriptor,
                    "\(context.quoted(stop)) stops transport, but the plan has no 'window' for the outage", at: stop)
            ]
        }
        let length = window.end.value.epochSeconds - window.start.value.epochSeconds
        let startNote = context.note("the window starts at \(window.start.value)", at: window.start.range)
        if length <= 0 {
            return [
                context.finding(
                    descriptor, "the window ends at \(window.end.value), not after it starts", at: window.end.range,
                    notes: [startNote])
            ]
        }
        if length > longestWindow {
            return [
                context.finding(
                    descriptor,
                    "the window lasts \(PlanDuration(seconds: length).readable), longer than 24h: an outage should be one night",
                    at: window.end.range, severity: .warning, notes: [startNote])
            ]
        }
        return []
    }
}
