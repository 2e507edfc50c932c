/// The steps that touch each server, rule or database, in order, grouped so that objects touched by
/// exactly the same steps are judged once (a fan-out over 500 servers is one group, not 500).
public struct ObjectTimeline: Sendable {
    /// The objects sharing this timeline.
    public var objects: [NodeTarget]
    /// The steps touching them, in topological order.
    public var steps: [Int]
}

extension RuleContext {
    /// Timelines of the transport servers over stop-transport and start-transport steps.
    public var serverTimelines: [ObjectTimeline] { analysis.serverTimelines }

    /// Timelines of the journal rules or databases over the steps that change them.
    public var journalTargetTimelines: [ObjectTimeline] { analysis.journalTargetTimelines }

    /// Timelines of `objects` over the steps of the given kinds (computed afresh; the two above are shared).
    public func timelines(for objects: [NodeTarget], kinds: Set<ActionKind>) -> [ObjectTimeline] {
        graph.timelines(for: objects, kinds: kinds)
    }
}

extension StepGraph {
    /// Timelines of `objects` over the steps of the given kinds, objects touched by the same steps grouped.
    public func timelines(for objects: [NodeTarget], kinds: Set<ActionKind>) -> [ObjectTimeline] {
        var touching: [NodeTarget: [Int]] = [:]
        for step in steps(ofKinds: kinds) {
            for target in targets[step] { touching[target, default: []].append(step) }
        }
        var groups: [[Int]: Int] = [:]
        var result: [ObjectTimeline] = []
        for object in objects {
            let steps = touching[object] ?? []
            if let index = groups[steps] {
                result[index].objects.append(object)
            } else {
                groups[steps] = result.count
                result.append(ObjectTimeline(objects: [object], steps: steps))
            }
        }
        return result
    }
}

extension RuleContext {
    /// "EX01, EX02 and 3 more": a short list of object names for messages.
    public func names(_ objects: [NodeTarget], limit: Int = 4) -> String { NodeTarget.names(objects, limit: limit) }
}

extension NodeTarget {
    /// "'EX01', 'EX02' and 3 more": a short list of object names for messages.
    static func names(_ objects: [NodeTarget], limit: Int = 4) -> String {
        let quoted = objects.prefix(limit).map { "'\($0.description)'" }
        let rest = objects.count - quoted.count
        if rest > 0 { return quoted.joined(separator: ", ") + " and \(rest) more" }
        if quoted.count <= 1 { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }
}

/// Where an object stands when a step runs, across every order the graph allows.
public struct TimelinePosition: Sendable {
    /// The object's steps that finish before the step in every order, in order.
    public var before: [Int]
    /// The object's steps that may run before or after it (on parallel branches).
    public var racing: [Int]

    /// The last step certainly before.
    public var last: Int? { before.last }
}

extension RuleContext {
    public func position(of step: Int, in timeline: ObjectTimeline) -> TimelinePosition {
        var position = TimelinePosition(before: [], racing: [])
        for other in timeline.steps where other != step {
            if graph.precedes(other, step) {
                position.before.append(other)
            } else if !graph.precedes(step, other) {
                position.racing.append(other)
            }
        }
        return position
    }
}
