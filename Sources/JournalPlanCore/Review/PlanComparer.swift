/// Compares two validated plans into a ``PlanDiff``: the stage behind `plan diff OLD NEW`.
///
/// Both sides must have decoded (``ValidationResult/plan`` is set); a side without a step graph (a cycle)
/// is still compared field by field, and the order comparison is left out.
public struct PlanComparer: Sendable {
    public init() {}

    /// The diff, or nil when a side did not decode into a plan (its diagnostics explain why).
    public func compare(old: ValidationResult, new: ValidationResult) -> PlanDiff? {
        guard let oldPlan = old.plan, let newPlan = new.plan else { return nil }
        let oldSteps = Dictionary(oldPlan.steps.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        let newIDs = Set(newPlan.steps.map(\.id.value))
        let newOrder = new.graph.map { g in g.order.map { g.steps[$0] } } ?? newPlan.steps

        var added: [StepSummary] = []
        var changed: [StepChange] = []
        for step in newOrder {
            guard let before = oldSteps[step.id.value] else {
                added.append(summary(step, graph: new.graph))
                continue
            }
            let fields = PlanFields.changes(PlanFields.step(before), PlanFields.step(step))
            if !fields.isEmpty {
                changed.append(StepChange(id: step.id.value, line: step.id.range.start.line, fields: fields))
            }
        }
        let removed = oldPlan.steps.filter { !newIDs.contains($0.id.value) }.map { summary($0, graph: old.graph) }
        let sections = PlanFields.changes(PlanFields.sections(oldPlan), PlanFields.sections(newPlan))
        var order: OrderDiff?
        if let oldGraph = old.graph, let newGraph = new.graph {
            order = OrderComparison(old: oldGraph, new: newGraph).diff()
        }
        return PlanDiff(
            oldFile: old.file, newFile: new.file, oldVerdict: PlanVerdict(old.diagnostics),
            newVerdict: PlanVerdict(new.diagnostics), sections: sections, stepsAdded: added, stepsRemoved: removed,
            stepsChanged: changed, order: order)
    }

    /// The step with the targets its plan's graph gives it (the servers a stop acts on, for instance).
    private func summary(_ step: Step, graph: StepGraph?) -> StepSummary {
        let targets = graph.flatMap { g in g.index(of: step.id.value).map { g.targets[$0].compactMap(\.name) } } ?? []
        return StepSummary(id: step.id.value, action: step.kind.rawValue, line: step.id.range.start.line, targets: targets)
    }
}
