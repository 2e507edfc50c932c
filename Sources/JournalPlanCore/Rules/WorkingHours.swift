/// JP309: the outage window avoids working hours.
public enum WorkingHours: PlanRule {
    public static let descriptor = RuleDescriptor(
        id: "JP309", name: "working-hours", category: .values, severity: .warning,
        summary: "The window does not overlap Monday to Friday, 08:00 to 18:00, in the window's own UTC offset.",
        rationale:
            "While transport is stopped, inbound SMTP is refused and outbound mail waits; the vendor procedure runs the cut-over after working hours.")

    public static let examples: [RuleExample] = [
        .triggering(
            "a window on a Tuesday afternoon",
            ExamplePlan.text(window: ("2026-12-08T14:00:00+01:00", "2026-12-08T16:00:00+01:00"))),
        .passing("a Saturday night", ExamplePlan.text()),
        .passing(
            "a weekday evening after 18:00 local time",
            ExamplePlan.text(window: ("2026-12-08T18:00:00-05:00", "2026-12-08T23:00:00-05:00"))),
    ]

    public static func check(_ context: RuleContext) -> [Diagnostic] {
        guard let window = context.plan.window else { return [] }
        let offset = window.start.value.offsetMinutes * 60
        let start = window.start.value.epochSeconds + offset
        let end = window.end.value.epochSeconds + offset
        guard end > start else { return [] }
        // Walk the local days the window touches; a week covers every weekday.
        let first = Int((Double(start) / 86400).rounded(.down))
        let last = min(Int((Double(end - 1) / 86400).rounded(.down)), first + 7)
        for day in first...last {
            let weekday = ((day % 7 + 7) % 7 + 3) % 7 + 1  // 1 = Monday; 1970-01-01 was a Thursday
            guard weekday <= 5, max(start, day * 86400 + 8 * 3600) < min(end, day * 86400 + 18 * 3600) else {
                continue
            }
            let local = Timestamp(epochSeconds: day * 86400 - offset, offsetMinutes: window.start.value.offsetMinutes)
            let date = String(local.description.prefix(10))
            return [
                context.finding(
                    descriptor,
                    "the window overlaps working hours on \(Self.dayNames[weekday - 1]) \(date) (08:00–18:00 at UTC\(Self.offsetText(window.start.value.offsetMinutes))): mail flow stops during the business day",
                    at: window.start.range)
            ]
        }
        return []
    }

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func offsetText(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return "\(sign)\(m / 60 < 10 ? "0" : "")\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
    }
}
