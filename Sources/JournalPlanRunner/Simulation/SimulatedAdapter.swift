import JournalPlanCore

/// The simulate adapter for one system (Exchange or Mimecast), acting on a shared ``SimulationWorld``.
/// Steps that touch both systems (confirm, drain) are carried out once, by the Exchange side.
public struct SimulatedAdapter: StepAdapter {
    public let world: SimulationWorld
    public let system: ActionSystem
    public var name: String { "simulate" }

    public init(world: SimulationWorld, system: ActionSystem) {
        self.world = world
        self.system = system
    }

    private func owns(_ node: GraphNode, _ graph: StepGraph) -> Bool {
        let kind = graph.steps[node.step].kind.system
        return kind == system || (kind == .both && system == .exchange)
    }

    /// The simulated estate is built from the plan, so its picture matches unless an ``EstateFault`` was
    /// injected: then the check that catches the fault fails.
    public func preflight(_ graph: StepGraph) async throws -> [String] { await world.preflight(system: system) }

    public func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome {
        owns(node, graph) ? try await world.check(node, in: graph) : .done
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        owns(node, graph) ? try await world.apply(node, in: graph) : [:]
    }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {
        if owns(node, graph) { try await world.undo(node, in: graph, record: record) }
    }

    public func journalingRestored(in graph: StepGraph) async throws -> Bool? {
        system == .exchange ? await world.journalingRestored() : nil
    }
}
