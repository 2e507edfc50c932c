/// Resolves the plan's internal references (steps, connectors, servers, rules, databases) and checks that
/// each action fits the Exchange version and journaling type.
enum ReferenceCheck {
    /// Reports what does not resolve, and returns the tables it resolved through.
    static func run(_ plan: Plan, _ s: DecodeSession, limits: PlanLimits) -> PlanIndex {
        let connectorIDs = plan.connectors.map(\.id.value)
        let servers = KnownNames(plan.exchange.transportServers.map(\.value.text))
        let rules = KnownNames(plan.exchange.journalRules.map(\.name.value))
        let databases = KnownNames(plan.exchange.databases.map(\.value))
        let version = plan.exchange.version
        let journaling = plan.exchange.journaling
        var nodes = 0

        for step in plan.steps {
            for reference in step.after ?? [] where s.stepIndex[reference.value] == nil {
                s.report(
                    StructureRules.unknownReference,
                    "step '\(step.id.value)' comes after unknown step '\(Excerpt.short(reference.value))'"
                        + Suggestion.hint(for: reference.value, in: plan.steps.map(\.id.value)),
                    at: reference.range)
            }
            if let connector = step.action.connectorReference, !connectorIDs.contains(connector.value),
                !s.rejectedConnectorNames.contains(connector.value)
            {
                s.report(
                    StructureRules.unknownReference,
                    "unknown connector '\(Excerpt.short(connector.value))'" + Suggestion.hint(for: connector.value, in: connectorIDs),
                    at: connector.range)
            }
            func resolve(_ selection: TargetSelection, _ known: KnownNames, _ what: String, total: Int) -> Int {
                guard let selection else { return total }
                for item in selection where known.index.position(of: item.value) == nil {
                    s.report(
                        StructureRules.unknownReference,
                        "unknown \(what) '\(Excerpt.short(item.value))'"
                            + Suggestion.hint(for: item.value, in: known.sortedNames),
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
        return PlanIndex(steps: s.stepIndex, servers: servers.index, rules: rules.index, databases: databases.index)
    }
}

/// An estate's names (servers, rules or databases) for resolving selections case-insensitively, with the
/// names at hand for "did you mean" hints.
private struct KnownNames {
    let index: TargetIndex
    let names: [String]
    /// Names repeated in another spelling are reported by the estate's own check; here they count once each
    /// time they are listed, which only matters to a plan that has errors already.
    var count: Int { names.count }

    init(_ names: [String]) {
        self.names = names
        index = TargetIndex(names: names)
    }

    var sortedNames: [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }.sorted()
    }
}
