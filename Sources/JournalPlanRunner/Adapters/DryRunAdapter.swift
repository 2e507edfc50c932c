import JournalPlanCore

/// The dry run: touches nothing. Every check is "unknown" (it is never read as "would succeed") and
/// apply changes nothing; ``DryRun`` prints each node's commands from ``CommandPreview``.
public struct DryRunAdapter: StepAdapter {
    public var name: String { "dry-run" }

    public init() {}

    public func preflight(_ graph: StepGraph) async throws -> [String] { [] }

    public func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome { .unknown }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] { [:] }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {}
}
