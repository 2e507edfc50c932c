import JournalPlanCore

/// How long mail stopped in a simulated run (``SimulationWorld/outage()``).
public struct OutageSummary: Sendable, Equatable {
    /// From the first stop request to the last server started, in simulated seconds.
    public var seconds: Int
    /// Simulated messages senders had to hold back because no server accepted mail (delayed, not lost).
    public var deferred: Int
    /// Node keys from the first stop to the start that ended the outage: the chain that decided its length.
    public var criticalPath: [String]
    /// False when transport is still stopped at the end (the outage did not end: a failure left it so).
    public var ended: Bool

    public var json: JSONValue {
        .object([
            ("seconds", .int(seconds)), ("deferred", .int(deferred)),
            ("criticalPath", .array(criticalPath.map(JSONValue.string))), ("ended", .bool(ended)),
        ])
    }

    /// One line for the terminal.
    public var summary: String {
        "outage \(ended ? "" : "(not ended) ")\(Self.spell(seconds)) from the first stop to the last start; "
            + "\(deferred) simulated messages deferred (senders retry: delayed, not lost)"
    }

    public static func spell(_ seconds: Int) -> String { OutageEstimate.spell(seconds) }
}

/// The simulator's JSON report (`--report PATH`): the fate of every simulated message, each step's
/// status, and the estate at the end (transport, journaling, connectors).
public enum SimulationReport {
    public static func document(
        estate: SimulatedEstate, state: RunState, graph: StepGraph, outage: OutageSummary? = nil
    ) -> JSONValue {
        let c = estate.counters
        var steps: [JSONValue] = []
        let allNodes = graph.nodes
        for step in graph.order {
            let keys = allNodes.filter { $0.step == step }.map { $0.key(in: graph) }
            let status = aggregate(keys.map { state.status($0) })
            steps.append(.object([("id", .string(graph.steps[step].id.value)), ("status", .string(status.rawValue))]))
        }
        let nodes: [JSONValue] = state.nodes.map {
            .object([("id", .string($0.key)), ("status", .string($0.status.rawValue))])
        }
        let flow = estate.flow
        let transport: JSONValue = .object(
            flow.servers.map { ($0, .string(flow.transportRunning[$0] == true ? "running" : "stopped")) })
        let journaling: [JSONValue] = flow.flows.map { target in
            let state = flow.journalers[target]
            return .object([
                ("name", .string(target.name ?? "")), ("enabled", .bool(state?.enabled ?? false)),
                ("target", .string(state?.target.rawValue ?? "")),
            ])
        }
        let connectors: [JSONValue] = flow.connectors.keys.sorted().map { id in
            let c = flow.connectors[id]!
            return .object([("id", .string(id)), ("presence", .string(c.presence.rawValue)), ("enabled", .bool(c.enabled))])
        }
        var fields: [(String, JSONValue)] = [
            ("sent", .int(c.sent)), ("journaledPOP3", .int(c.journaledPOP3)), ("journaledSMTP", .int(c.journaledSMTP)),
            ("duplicated", .int(c.duplicated)), ("lost", .int(c.lost)), ("pending", .int(estate.mailboxQueue)),
            ("deferred", .int(c.deferred)), ("steps", .array(steps)), ("nodes", .array(nodes)),
            (
                "estate",
                .object([
                    ("transport", transport), ("journaling", .array(journaling)), ("connectors", .array(connectors)),
                ])
            ),
        ]
        if let outage { fields.append(("outage", outage.json)) }
        return .object(fields)
    }

    /// One line for the terminal.
    public static func summary(_ estate: SimulatedEstate) -> String {
        let c = estate.counters
        return "simulated \(c.sent) messages: \(c.journaledPOP3) journaled via POP3, \(c.journaledSMTP) via SMTP, "
            + "\(c.duplicated) duplicated, \(c.lost) lost, \(estate.mailboxQueue) pending"
    }

    /// A fan-out step's status from its nodes': failed or compensated if any is, done if all are.
    static func aggregate(_ statuses: [NodeStatus]) -> NodeStatus {
        for s in [NodeStatus.failed, .compensated, .started] where statuses.contains(s) { return s }
        if statuses.allSatisfy({ $0 == .done }) { return .done }
        return statuses.contains(.done) ? .started : .pending
    }
}
