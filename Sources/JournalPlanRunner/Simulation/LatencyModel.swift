import JournalPlanCore

/// How long each simulated operation takes in simulated time (`plan run --latency KEY=DURATION`), so a
/// rehearsal can say how long the outage lasts. Keys are action kinds (`stop-transport`), `check` (one
/// read of Exchange or Mimecast), or a kind for one target (`stop-transport@EX02`); a duration is a plan
/// duration (`45s`, `2m`), `0`, or `never` (the operation never completes: a service that never stops).
///
/// The defaults are the core's typical times (``OperationLatency``), the same the runbook's expected
/// outage uses.
public struct LatencyModel: Sendable, Equatable {
    /// Seconds per key; nil: never completes.
    public private(set) var seconds: [String: Int?]

    public static var defaults: [String: Int] {
        var out = ["check": OperationLatency.check]
        for (kind, seconds) in OperationLatency.defaults { out[kind.rawValue] = seconds }
        return out
    }

    public init() { seconds = Self.defaults.mapValues { Optional($0) } }

    /// Sets one key (`stop-transport=45s`); throws a readable error for a bad key or duration.
    public mutating func set(_ assignment: String) throws {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw AdapterError("--latency \(assignment): expected KEY=DURATION, for example stop-transport=45s")
        }
        let key = String(assignment[..<equals])
        let value = String(assignment[assignment.index(after: equals)...])
        let kind = String(key.prefix { $0 != "@" })
        guard kind == "check" || ActionKind(rawValue: kind) != nil, !key.hasSuffix("@") else {
            let kinds = (["check"] + ActionKind.allCases.map(\.rawValue)).joined(separator: ", ")
            throw AdapterError("--latency \(assignment): unknown operation '\(key)' (one of \(kinds), optionally @TARGET)")
        }
        if value == "never" {
            seconds[key] = .some(nil)
        } else if value == "0" || value == "0s" {
            seconds[key] = 0
        } else if let duration = PlanDuration(value) {
            seconds[key] = duration.seconds
        } else {
            throw AdapterError("--latency \(assignment): '\(value)' is not a duration (45s, 2m, 0 or never)")
        }
    }

    /// The latency of `kind` on `target` (the target's own setting first); nil: never completes.
    public func latency(_ kind: String, target: String?) -> Int? {
        if let target, let specific = seconds[kind + "@" + target] { return specific }
        if let general = seconds[kind] { return general }
        return 0
    }
}
