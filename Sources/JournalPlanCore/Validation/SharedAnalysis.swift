/// What several rules derive from the same plan and graph, computed once per validation and shared
/// through ``RuleContext/analysis``: each object's timeline, the unordered pairs of conflicting steps
/// (JP213), and — when there are none — the model the no-loss rules (JP401–JP403) search.
public final class SharedAnalysis: Sendable {
    /// Every changed object with the steps changing it; see ``StepGraph/objectTimelines()``.
    public let timelines: [MailFlowTimeline]
    /// Consecutive steps of some object's timeline that may run in either order.
    public let conflicts: [StepConflict]
    /// The no-loss model, or nil when steps conflict (the check is only exact without conflicts).
    let noLoss: NoLossAnalysis?
    /// Transport servers over their stop and start steps.
    public let serverTimelines: [ObjectTimeline]
    /// Journal rules or databases over the steps that change them.
    public let journalTargetTimelines: [ObjectTimeline]
    /// Indices into ``serverTimelines``, grouped so that the timelines of one group have pairwise twin
    /// steps of the same kinds (500 parallel per-server stop/start branches are one group): every other
    /// step stands in the same position relative to each timeline of a group.
    public let serverTimelineClasses: [[Int]]
    /// The steps that point journal rules or databases at the contact, in topological order.
    public let repointsToContact: [Int]
    /// Steps with the same predecessors and successors: every other step relates to them alike.
    let twins: TwinSteps

    init(plan: Plan, graph: StepGraph) {
        serverTimelines = graph.timelines(for: plan.transportServerTargets, kinds: [.stopTransport, .startTransport])
        journalTargetTimelines = graph.timelines(
            for: plan.journalTargets, kinds: [.disableJournalRule, .enableJournalRule, .setJournalRecipient])
        let twins = TwinSteps(graph)
        self.twins = twins
        struct TwinKind: Hashable {
            var twin: Int
            var kind: ActionKind
        }
        var classIndex: [[TwinKind]: Int] = [:]
        var classes: [[Int]] = []
        for (i, timeline) in serverTimelines.enumerated() {
            let key = timeline.steps.map { TwinKind(twin: twins.classOf[$0], kind: graph.kinds[$0]) }
            if let c = classIndex[key] {
                classes[c].append(i)
            } else {
                classIndex[key] = classes.count
                classes.append([i])
            }
        }
        serverTimelineClasses = classes
        repointsToContact = graph.order.filter { index in
            if case .setJournalRecipient(let to, _, _) = plan.steps[index].action { return to.value == .contact }
            return false
        }
        timelines = graph.objectTimelines()
        conflicts = graph.conflicts(along: timelines)
        noLoss = conflicts.isEmpty ? NoLossAnalysis(graph: graph, timelines: timelines, twins: twins) : nil
    }
}

extension Plan {
    /// Every journaling target of the plan: its rules (premium) or databases (standard).
    public var journalTargets: [NodeTarget] {
        exchange.journaling.value == .premium
            ? exchange.journalRules.map { .rule($0.name.value) }
            : exchange.databases.map { .database($0.value) }
    }

    /// The transport servers, as the targets their fan-out nodes act on.
    public var transportServerTargets: [NodeTarget] { exchange.transportServers.map { .server($0.value.text) } }
}
