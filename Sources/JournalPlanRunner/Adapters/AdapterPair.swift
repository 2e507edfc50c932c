import JournalPlanCore

/// The Exchange and Mimecast adapters of one run, and the routing of each node to the system it touches.
public struct AdapterPair: Sendable {
    public var exchange: any StepAdapter
    public var mimecast: any StepAdapter

    public init(exchange: any StepAdapter, mimecast: any StepAdapter) {
        self.exchange = exchange
        self.mimecast = mimecast
    }

    /// The adapters that act on `node`: one system, both (confirm, drain) or none (manual steps).
    public func adapters(for node: GraphNode, in graph: StepGraph) -> [any StepAdapter] {
        switch graph.steps[node.step].kind.system {
        case .exchange: [exchange]
        case .mimecast: [mimecast]
        case .both: [exchange, mimecast]
        case .person: []
        }
    }

    public func preflight(_ graph: StepGraph) async throws -> [String] {
        try await exchange.preflight(graph) + mimecast.preflight(graph)
    }

    /// Done only when every involved system says so; unknown when none can tell and none says not done.
    public func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome {
        let involved = adapters(for: node, in: graph)
        if involved.isEmpty { return .unknown }
        var outcomes: [CheckOutcome] = []
        for adapter in involved { outcomes.append(try await adapter.check(node, in: graph)) }
        if outcomes.contains(.notDone) { return .notDone }
        if outcomes.allSatisfy({ $0 == .done }) { return .done }
        return .unknown
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        try await exchange.prepare(node, in: graph)
        try await mimecast.prepare(node, in: graph)
        var record: [String: String] = [:]
        for adapter in adapters(for: node, in: graph) {
            record.merge(try await adapter.apply(node, in: graph)) { _, new in new }
        }
        return record
    }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {
        for adapter in adapters(for: node, in: graph).reversed() {
            try await adapter.undo(node, in: graph, record: record)
        }
    }

    /// The first gate an involved adapter asks for.
    public func gate(for node: GraphNode, in graph: StepGraph) -> GateReason? {
        for adapter in adapters(for: node, in: graph) {
            if let reason = adapter.gate(for: node, in: graph) { return reason }
        }
        return nil
    }
}
