import JournalPlanCore

/// Mimecast by hand: every Mimecast step (and the Mimecast half of confirm and drain) is a gate that
/// names the console path and what to check. After approval it does nothing itself, except pass the step
/// on to `inner` (the simulated Mimecast when Exchange is simulated, so the simulation sees the change).
public struct ManualMimecastAdapter: StepAdapter {
    public var inner: (any StepAdapter)?
    public var name: String { "manual" }

    public static let consolePath = "Administration | Services | Journaling"

    public init(inner: (any StepAdapter)? = nil) { self.inner = inner }

    public func preflight(_ graph: StepGraph) async throws -> [String] {
        try await inner?.preflight(graph) ?? []
    }

    public func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome {
        try await inner?.check(node, in: graph) ?? .unknown
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        try await inner?.apply(node, in: graph) ?? [:]
    }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {
        try await inner?.undo(node, in: graph, record: record)
    }

    public func gate(for node: GraphNode, in graph: StepGraph) -> GateReason? {
        let plan = graph.plan
        let step = graph.steps[node.step]
        func connectorLine(_ id: String) -> String {
            guard let c = plan.connector(id: id) else { return "connector '\(id)'" }
            return "the \(c.transport.rawValue.uppercased()) journal service '\(c.description.value)'"
        }
        let open = "In the Mimecast Administration Console open \(Self.consolePath)."
        var lines: [String]
        switch step.action {
        case .requestJournalDomain:
            var ask = "Ask Mimecast Support to add the journal domain \(plan.domain.name.value.text) to the account"
            if let ticket = plan.domain.supportTicket?.value { ask += " (ticket \(ticket))" }
            lines = [ask + ".", "Check: Support confirms the domain is added as an internal sub-domain."]
        case .createConnector(let c):
            var create = [open, "Create \(connectorLine(c.value)) (Transport Type SMTP, Service Email Address "
                + "\(plan.contact.address.value))."]
            if let ips = plan.connector(id: c.value)?.sourceIPs, !ips.isEmpty {
                create.append("Additional Source IP Ranges: " + ips.map { $0.value.description }.joined(separator: ", "))
            }
            lines = create + ["Check: the service is listed and not marked Disabled."]
        case .disableConnector(let c):
            lines = [open, "Open \(connectorLine(c.value)) and tick Disabled.", "Check: it shows as disabled."]
        case .deleteConnector(let c):
            lines = [open, "Delete \(connectorLine(c.value)). This cannot be undone.",
                "Check: it is no longer listed."]
        case .waitConnectorDrained(let c, _, _):
            lines = [open, "Check that \(connectorLine(c.value)) has an empty queue (Service Monitor | Queues).",
                "Check: the journal mailbox \(plan.exchange.journalMailbox.value) is empty."]
        case .confirmJournaling:
            lines = [open, "Check that the SMTP journal service's last received time moves forward.",
                "Check: journal reports for \(plan.contact.address.value) arrive."]
        default:
            return nil
        }
        // Confirm and drain only watch Mimecast do its part; every other step is a person's action.
        let watches = step.kind == .confirmJournaling || step.kind == .waitConnectorDrained
        return GateReason(
            title: "Mimecast step '\(step.id.value)' is done by hand", instructions: lines, needsPerson: !watches)
    }
}
