/// JP313: the window still lies ahead. The core has no clock: `plan validate` hands in the time it runs
/// at, so the finding depends on when the plan is checked, unlike every other rule.
public enum WindowClock {
    public static let descriptor = RuleDescriptor(
        id: "JP313", name: "window-not-past", category: .values, severity: .warning,
        summary:
            "The window has not started yet when `plan validate` runs (a window already under way or over is a warning).",
        rationale:
            "The script and `plan run` stop transport only inside the window: a plan whose window has passed cannot run as approved, and one copied from last month's change still carries last month's date.")

    /// The warning for `result`'s window at `now`, or nil (no plan, no window, or a window ahead).
    public static func check(_ result: ValidationResult, now: Timestamp) -> Diagnostic? {
        guard let window = result.plan?.window, window.start.value.epochSeconds <= now.epochSeconds else { return nil }
        let over = window.end.value.epochSeconds <= now.epochSeconds
        let message =
            over
            ? "the window ended at \(window.end.value), before now (\(now)); transport is stopped only inside the window: move it to the night of the cut-over"
            : "the window started at \(window.start.value), before now (\(now)); only what is left of it, until \(window.end.value), remains for the outage"
        return Diagnostic(
            rule: descriptor, message: message,
            location: SourceLocation(file: result.file, range: window.start.range))
    }
}
