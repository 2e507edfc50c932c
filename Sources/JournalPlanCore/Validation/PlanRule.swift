/// A check over a decoded plan and its step graph. One rule per file, with its descriptor and examples.
///
/// The examples are complete plans: triggering ones must produce at least one finding of this rule,
/// non-triggering ones none. They are the rule's tests and its documentation (`plan rules`).
public protocol PlanRule: Sendable {
    static var descriptor: RuleDescriptor { get }
    static var examples: [RuleExample] { get }
    static func check(_ context: RuleContext) -> [Diagnostic]
}

/// A plan text that does or does not trigger a rule.
public struct RuleExample: Sendable {
    public var yaml: String
    public var triggers: Bool
    /// What the example shows, for documentation.
    public var title: String

    public static func triggering(_ title: String, _ yaml: String) -> RuleExample {
        RuleExample(yaml: yaml, triggers: true, title: title)
    }

    public static func passing(_ title: String, _ yaml: String) -> RuleExample {
        RuleExample(yaml: yaml, triggers: false, title: title)
    }
}

/// What a rule sees: the plan, its graph, and helpers to make positioned findings.
public struct RuleContext: Sendable {
    public let plan: Plan
    public let graph: StepGraph
    /// Timelines, conflicts and the no-loss model, built once and shared by the rules.
    public let analysis: SharedAnalysis

    public init(plan: Plan, graph: StepGraph) {
        self.plan = plan
        self.graph = graph
        self.analysis = SharedAnalysis(plan: plan, graph: graph)
    }

    public func step(_ index: Int) -> Step { plan.steps[index] }
    /// The action kind of step `index`.
    public func kind(_ index: Int) -> ActionKind { graph.kinds[index] }

    /// A finding on a step's `action:` line, with optional notes on other steps.
    public func finding(
        _ rule: RuleDescriptor, _ message: String, at step: Int, notes: [(step: Int, message: String)] = [],
        severity: Severity? = nil
    ) -> Diagnostic {
        Diagnostic(
            rule: rule, severity: severity, message: message, location: plan.location(plan.steps[step].id.range),
            notes: notes.map { DiagnosticNote(location: plan.location(plan.steps[$0.step].id.range), message: $0.message) })
    }

    public func finding(_ rule: RuleDescriptor, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = [])
        -> Diagnostic
    {
        Diagnostic(rule: rule, message: message, location: plan.location(range), notes: notes)
    }

    public func note(_ message: String, at range: SourceRange) -> DiagnosticNote {
        DiagnosticNote(location: plan.location(range), message: message)
    }

    /// Steps (in topological order) whose nodes touch `target`.
    public func steps(_ kind: ActionKind, touching target: NodeTarget) -> [Int] {
        graph.order.filter { graph.kinds[$0] == kind && graph.targets[$0].contains(target) }
    }

    /// Every journaling target of the plan: its rules (premium) or databases (standard).
    public var journalTargets: [NodeTarget] { plan.journalTargets }

    public var servers: [NodeTarget] { plan.transportServerTargets }
}
