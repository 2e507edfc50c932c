/// The sentences the text and Markdown renderings of a ``PlanDiff`` share. Values pass through `quote`, so the
/// Markdown renderer can escape them and the text renderer can quote them.
extension PlanDiff {
    /// `1 step added, 2 changed; 1 order flip; 3 fields changed`, or `no changes`.
    public var countsLine: String {
        var parts: [String] = []
        let steps = [
            (stepsAdded.count, "added"), (stepsRemoved.count, "removed"), (stepsChanged.count, "changed"),
        ].filter { $0.0 > 0 }
        if !steps.isEmpty {
            let total = steps.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            parts.append("steps: \(total)")
        }
        if let order, !order.isEmpty {
            let flips = order.relations.filter(\.isFlip).reduce(0) { $0 + $1.others.count }
            let other = order.relations.filter { !$0.isFlip }.reduce(0) { $0 + $1.others.count }
            var o: [String] = []
            if flips > 0 { o.append(Self.plural(flips, "pair") + " flipped") }
            if other > 0 { o.append(Self.plural(other, "pair") + " ordered differently") }
            if o.isEmpty { o.append(Self.plural(order.edges.count, "direct edge") + " changed") }
            parts.append("order: " + o.joined(separator: ", "))
        }
        if !sections.isEmpty { parts.append(Self.plural(sections.count, "plan field") + " changed") }
        return parts.isEmpty ? "no changes" : parts.joined(separator: "; ")
    }

    /// `valid → invalid; now fails JP201 stop-before-disable` or `valid (unchanged)`.
    /// Why the new plan can lose mail, when that is news: its no-loss messages (at most three) if the
    /// verdict changed and the new plan loses mail.
    public var lossReasonsToShow: [String] {
        verdictChanged ? Array(newVerdict.lossReasons.prefix(3)) : []
    }

    public func verdictLine(code: (String) -> String = { $0 }) -> String {
        guard verdictChanged else { return "\(newVerdict.status) (unchanged)" }
        var line = "\(oldVerdict.status) → \(newVerdict.status)"
        let fixed = oldVerdict.failingRules.filter { !newVerdict.failingRules.contains($0) }
        let broken = newVerdict.failingRules.filter { !oldVerdict.failingRules.contains($0) }
        if !broken.isEmpty { line += "; now fails " + broken.map { Self.ruleLabel($0, code) }.joined(separator: ", ") }
        if !fixed.isEmpty { line += "; no longer fails " + fixed.map { Self.ruleLabel($0, code) }.joined(separator: ", ") }
        return line
    }

    static func ruleLabel(_ id: String, _ code: (String) -> String) -> String {
        guard let name = RuleRegistry.descriptor(id: id)?.name else { return id }
        return "\(id) \(code(name))"
    }

    /// `stop-transport was before disable-rule and is now after it`.
    static func sentence(_ change: RelationChange, quote: (String) -> String, limit: Int = 8) -> String {
        let others = list(change.others.map(quote), limit: limit)
        let them = change.others.count == 1 ? "it" : "them"
        func phrase(_ relation: StepRelation) -> String {
            switch relation {
            case .before: "before"
            case .after: "after"
            case .unordered: "unordered with"
            }
        }
        return "\(quote(change.step)) was \(phrase(change.was)) \(others) and is now \(phrase(change.now)) \(them)"
    }

    /// `repoint-rule now directly follows stop-transport (was disable-rule)`.
    static func sentence(_ edge: EdgeChange, quote: (String) -> String) -> String {
        let now = edge.added.isEmpty ? "no longer directly follows" : "now directly follows"
        var text = "\(quote(edge.step)) \(now) "
        if edge.added.isEmpty {
            text += list(edge.removed.map(quote), limit: 8)
        } else {
            text += list(edge.added.map(quote), limit: 8)
            if !edge.removed.isEmpty { text += " (was \(list(edge.removed.map(quote), limit: 8)))" }
        }
        return text
    }

    /// `a, b and c`, or `a, b and 3 more` past `limit`.
    static func list(_ items: [String], limit: Int) -> String {
        let shown = Array(items.prefix(limit))
        let rest = items.count - shown.count
        if rest > 0 { return shown.joined(separator: ", ") + " and \(rest) more" }
        if shown.count <= 1 { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
