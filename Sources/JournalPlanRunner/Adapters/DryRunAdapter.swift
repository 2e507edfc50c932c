import JournalPlanCore

/// The dry run: touches nothing. Every check is "unknown" (it is never read as "would succeed") and
/// apply only describes the commands that would run.
public struct DryRunAdapter: StepAdapter {
    public var name: String { "dry-run" }

    public init() {}

    public func preflight(_ graph: StepGraph) async throws -> [String] { [] }

    public func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome { .unknown }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] { [:] }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {}

    /// The lines the dry run prints for `node`.
    public func preview(_ node: GraphNode, in graph: StepGraph) -> [String] {
        CommandPreview.lines(for: node, in: graph)
    }
}
