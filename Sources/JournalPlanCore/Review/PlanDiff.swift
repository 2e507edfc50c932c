/// What changed between two versions of a plan, in the terms a reviewer of the pull request cares about:
/// steps, their fields, their order on the step graph, the estate sections, and the validator's verdict.
///
/// Built by ``PlanComparer``; rendered by ``PlanDiffRenderer`` as text, Markdown or JSON.
public struct PlanDiff: Sendable {
    /// The file names as given on the command line.
    public var oldFile: String
    public var newFile: String
    public var oldVerdict: PlanVerdict
    public var newVerdict: PlanVerdict
    /// Changes outside `steps:` (name, description, exchange, contact, domain, connectors, window).
    public var sections: [FieldChange]
    public var stepsAdded: [StepSummary]
    public var stepsRemoved: [StepSummary]
    /// Steps present in both whose action or fields changed, in the new plan's order.
    public var stepsChanged: [StepChange]
    /// How the order of the steps present in both changed; nil when a graph could not be built (a cycle).
    public var order: OrderDiff?

    public init(
        oldFile: String, newFile: String, oldVerdict: PlanVerdict, newVerdict: PlanVerdict, sections: [FieldChange],
        stepsAdded: [StepSummary], stepsRemoved: [StepSummary], stepsChanged: [StepChange], order: OrderDiff?
    ) {
        self.oldFile = oldFile
        self.newFile = newFile
        self.oldVerdict = oldVerdict
        self.newVerdict = newVerdict
        self.sections = sections
        self.stepsAdded = stepsAdded
        self.stepsRemoved = stepsRemoved
        self.stepsChanged = stepsChanged
        self.order = order
    }

    /// Whether the verdict (valid or not, and which rules fail) differs.
    public var verdictChanged: Bool { oldVerdict != newVerdict }

    /// Whether the two plans mean the same thing (formatting, comments and key order aside).
    public var isEqual: Bool {
        sections.isEmpty && stepsAdded.isEmpty && stepsRemoved.isEmpty && stepsChanged.isEmpty
            && (order?.isEmpty ?? true) && !verdictChanged
    }
}

/// One changed value: `field` is a dotted path such as `exchange.transportServers` or `connectors.smtp.sourceIPs`.
/// A nil side means the value is absent there.
public struct FieldChange: Sendable, Hashable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// A step as listed in one of the plans.
public struct StepSummary: Sendable, Hashable {
    public var id: String
    public var action: String
    /// The line of its `id:` in its plan.
    public var line: Int
    /// The servers, rules or databases it acts on (empty for a step that acts once, or without a graph).
    public var targets: [String]

    public init(id: String, action: String, line: Int, targets: [String] = []) {
        self.id = id
        self.action = action
        self.line = line
        self.targets = targets
    }
}

/// A step present in both plans whose fields changed (`action`, the action's own fields, `note`).
public struct StepChange: Sendable, Hashable {
    public var id: String
    /// Its line in the new plan.
    public var line: Int
    public var fields: [FieldChange]

    public init(id: String, line: Int, fields: [FieldChange]) {
        self.id = id
        self.line = line
        self.fields = fields
    }
}

/// Where a step stands relative to another on a step graph.
public enum StepRelation: String, Sendable, Hashable {
    /// An ancestor: it finishes first in every order.
    case before
    /// A descendant.
    case after
    /// On parallel branches: either may run first.
    case unordered
}

/// The order changes between the steps present in both plans.
public struct OrderDiff: Sendable, Hashable {
    /// Direct `after` edges (explicit or the default "the step listed before") that appeared or disappeared.
    public var edges: [EdgeChange]
    /// Pairs of steps whose relation changed, grouped around the step they share: "stop-transport was
    /// before disable-rule and is now after it".
    public var relations: [RelationChange]

    public init(edges: [EdgeChange], relations: [RelationChange]) {
        self.edges = edges
        self.relations = relations
    }

    /// Whether the shared steps are ordered exactly as before.
    public var isEmpty: Bool { edges.isEmpty && relations.isEmpty }
}

/// A step's direct predecessors that changed.
public struct EdgeChange: Sendable, Hashable {
    public var step: String
    /// Steps it now directly follows and did not.
    public var added: [String]
    /// Steps it directly followed and no longer does.
    public var removed: [String]

    public init(step: String, added: [String], removed: [String]) {
        self.step = step
        self.added = added
        self.removed = removed
    }
}

/// `step` was `was` each of `others` and is now `now` them (for example before → after: the order flipped).
public struct RelationChange: Sendable, Hashable {
    public var step: String
    public var was: StepRelation
    public var now: StepRelation
    /// In the new plan's topological order.
    public var others: [String]

    public init(step: String, was: StepRelation, now: StepRelation, others: [String]) {
        self.step = step
        self.was = was
        self.now = now
        self.others = others
    }

    /// Whether the pair's order reversed (before ↔ after), the change most likely to lose mail.
    public var isFlip: Bool { was != .unordered && now != .unordered }
}

/// The validator's verdict on one plan: whether it is valid, and which rules it fails.
public struct PlanVerdict: Sendable, Hashable {
    /// Ids of the rules with error findings, sorted.
    public var failingRules: [String]
    /// Error and warning counts, for display; only validity and the failing rules make the verdict.
    public var errors: Int
    public var warnings: Int
    /// Why the plan can lose mail: the messages of its no-loss errors (JP4xx), in output order; empty
    /// when it cannot. Shown, not compared.
    public var lossReasons: [String]

    public init(failingRules: [String], errors: Int, warnings: Int, lossReasons: [String] = []) {
        self.failingRules = failingRules
        self.errors = errors
        self.warnings = warnings
        self.lossReasons = lossReasons
    }

    /// The verdict of a validation run from its diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        let errors = diagnostics.filter { $0.severity == .error }
        self.init(
            failingRules: Array(Set(errors.map(\.ruleID))).sorted(), errors: errors.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count,
            lossReasons: errors.filter { $0.ruleID.hasPrefix("JP4") }.map(\.message))
    }

    /// No errors (warnings allowed), as `plan validate` exits 0.
    public var isValid: Bool { errors == 0 }

    /// The no-loss rules (JP4xx) among the failing ones: a non-empty list means the plan can lose mail.
    public var noLossFailures: [String] { failingRules.filter { $0.hasPrefix("JP4") } }

    /// `valid`, `invalid`, or `loses-mail` (a no-loss rule fails).
    public var status: String { isValid ? "valid" : (noLossFailures.isEmpty ? "invalid" : "loses-mail") }

    /// Only the failing rules and validity count: a warning more or less is not a change of verdict.
    public static func == (lhs: PlanVerdict, rhs: PlanVerdict) -> Bool {
        lhs.failingRules == rhs.failingRules && lhs.isValid == rhs.isValid
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(failingRules) }
}
