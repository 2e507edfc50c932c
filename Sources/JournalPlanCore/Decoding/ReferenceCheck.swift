/// Resolves the plan's internal references (steps, connectors, servers, rules, databases) and checks that
/// each action fits the Exchange version and journaling type.
enum ReferenceCheck {
    static func run(_ plan: Plan, _ s: DecodeSession, limits: PlanLimits) {
        let stepIDs = plan.steps.map(\.id.value)
        let stepSet = Set(stepIDs)
        let connectorIDs = plan.connectors.map(\.id.value)
        let servers = Dictionary(plan.exchange.transportServers.map { ($0.value.key, $0.value.text) }) { a, _ in a }
        let rules = Dictionary(plan.exchange.journalRules.map { ($0.name.value.lowercased(), $0.name.value) }) { a, _ in a }
        let databases = Dictionary(plan.exchange.databases.map { ($0.value.lowercased(), $0.value) }) { a, _ in a }
        let version = plan.exchange.version
        let journaling = plan.exchange.journaling
        var nodes = 0

        for step in plan.steps {
            for reference in step.after ?? [] where !stepSet.contains(reference.value) {
                s.report(
                    StructureRules.unknownReference,
                    "step '\(step.id.value)' comes after unknown step '\(Excerpt.short(reference.value))'"
                        + Suggestion.hint(for: reference.value, in: stepIDs),
                    at: reference.range)
            }
            if let connector = step.action.connectorReference, !connectorIDs.contains(connector.value) {
                s.report(
                    StructureRules.unknownReference,
                    "unknown connector '\(Excerpt.short(connector.value))'" + Suggestion.hint(for: connector.value, in: connectorIDs),
                    at: connector.range)
            }
            func resolve(_ selection: TargetSelection, _ known: [String: String], _ what: String, total: Int) -> Int {
                guard let selection else { return total }
                for item in selection where known[item.value.lowercased()] == nil {
                    s.report(
                        StructureRules.unknownReference,
                        "unknown \(what) '\(Excerpt.short(item.value))'"
                            + Suggestion.hint(for: item.value, in: Array(known.values).sorted()),
                        at: item.range)
                }
                return selection.count
            }
            func incompatible(_ message: String, _ note: Located<some Sendable>) {
                s.report(
                    StructureRules.versionIncompatible, message, at: step.actionRange,
                    notes: [s.note("set here", at: note.range)])
            }
            switch step.action {
            case .stopTransport(let selection), .startTransport(let selection):
                if version.value.isOnline {
                    incompatible(
                        "Exchange Online has no transport service to \(step.kind == .stopTransport ? "stop" : "start"); repoint the rules with one set-journal-recipient step instead",
                        version)
                }
                nodes += resolve(selection, servers, "transport server", total: servers.count)
            case .disableJournalRule(let selection), .enableJournalRule(let selection):
                if journaling.value == .standard {
                    incompatible(
                        "standard journaling has no journal rules to \(step.kind == .disableJournalRule ? "disable" : "enable")",
                        journaling)
                }
                nodes += resolve(selection, rules, "journal rule", total: rules.count)
            case .setJournalRecipient(_, let ruleSelection, let databaseSelection):
                switch journaling.value {
                case .premium:
                    if let first = databaseSelection?.first {
                        s.report(
                            StructureRules.versionIncompatible,
                            "'databases' applies to standard journaling; this plan uses journal rules", at: first.range)
                    }
                    nodes += resolve(ruleSelection, rules, "journal rule", total: rules.count)
                case .standard:
                    if let first = ruleSelection?.first {
                        s.report(
                            StructureRules.versionIncompatible,
                            "'rules' applies to premium journaling; this plan journals per database", at: first.range)
                    }
                    nodes += resolve(databaseSelection, databases, "database", total: databases.count)
                }
            default:
                nodes += 1
            }
        }
        if nodes > limits.maxGraphNodes {
            s.report(
                InputRules.limitExceeded,
                "the step graph would have \(nodes) nodes (steps × targets); the limit is \(limits.maxGraphNodes)",
                at: SourceRange(at: plan.steps.first?.range.start ?? .start))
        }
    }
}
