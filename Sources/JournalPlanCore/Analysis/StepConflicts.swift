/// An unordered pair of consecutive steps on some object's timeline, and the objects both change: steps
/// that may run in either order although they change the same thing (rule JP213 reports them; the
/// no-loss model is only exact without them).
public struct StepConflict: Sendable {
    /// The step listed first in topological order, and the one after it.
    public var first: Int
    public var second: Int
    public var objects: [MailFlowObject]
}

extension StepGraph {
    /// Every unordered pair of consecutive steps on some object's timeline (an object's steps are a chain
    /// exactly when each consecutive pair is ordered).
    public func conflicts() -> [StepConflict] { conflicts(along: objectTimelines()) }

    /// The conflicts along timelines already computed (``SharedAnalysis`` shares them between rules).
    public func conflicts(along timelines: [MailFlowTimeline]) -> [StepConflict] {
        var result: [StepConflict] = []
        var index: [Int: Int] = [:]
        for timeline in timelines {
            for (a, b) in zip(timeline.steps, timeline.steps.dropFirst()) where !precedes(a, b) {
                let pair = a * steps.count + b
                if let i = index[pair] {
                    result[i].objects += timeline.objects
                } else {
                    index[pair] = result.count
                    result.append(StepConflict(first: a, second: b, objects: timeline.objects))
                }
            }
        }
        return result
    }
}
