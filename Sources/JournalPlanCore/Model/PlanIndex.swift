/// A plan's lookup tables, built once per plan: each step id's position in `plan.steps`, and the estate's
/// servers, journal rules and databases by name (case-insensitive). The decoder's checks build them; the
/// graph compiler resolves `after` and target selections through the same tables.
struct PlanIndex: Sendable {
    var steps: [String: Int]
    var servers: TargetIndex
    var rules: TargetIndex
    var databases: TargetIndex

    init(steps: [String: Int], servers: TargetIndex, rules: TargetIndex, databases: TargetIndex) {
        self.steps = steps
        self.servers = servers
        self.rules = rules
        self.databases = databases
    }

    /// The tables of a plan that did not come through the decoder.
    init(_ plan: Plan) {
        var steps: [String: Int] = [:]
        steps.reserveCapacity(plan.steps.count)
        for (i, step) in plan.steps.enumerated() { steps[step.id.value] = i }
        self.init(
            steps: steps, servers: TargetIndex(names: plan.exchange.transportServers.map(\.value.text)),
            rules: TargetIndex(names: plan.exchange.journalRules.map(\.name.value)),
            databases: TargetIndex(names: plan.exchange.databases.map(\.value)))
    }
}

/// Case-insensitive positions of an estate's targets. Names as the estate spells them are found without
/// folding case; other spellings are lower-cased once and looked up again.
struct TargetIndex: Sendable {
    private var folded: [String: Int] = [:]
    private var exact: [String: Int] = [:]

    init(names: [String]) {
        let lowered = names.map { $0.lowercased() }
        folded.reserveCapacity(names.count)
        exact.reserveCapacity(names.count)
        for (i, name) in lowered.enumerated() { folded[name] = i }
        for (name, lower) in zip(names, lowered) { exact[name] = folded[lower] }
    }

    func position(of name: String) -> Int? {
        exact[name] ?? folded[name.lowercased()]
    }
}
