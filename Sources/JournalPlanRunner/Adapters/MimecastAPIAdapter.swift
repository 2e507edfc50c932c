import Foundation
import JournalPlanCore

/// Mimecast through API 2.0 (``MimecastClient``; credentials only from the environment, never logged).
/// Journal services are found by what the plan says about them (SMTP: the contact's address; POP3: the
/// journal mailbox). Adding the journal domain has no API: that step stays a gate.
public struct MimecastAPIAdapter: StepAdapter {
    public let client: MimecastClient
    let starts: NodeStarts
    public var name: String { "api" }

    public init(client: MimecastClient) {
        self.client = client
        self.starts = NodeStarts()
    }

    public func preflight(_ graph: StepGraph) async throws -> [String] {
        let plan = graph.plan
        let created = Set(plan.steps.compactMap { $0.action.kind == .createConnector ? $0.action.connectorReference?.value : nil })
        var mismatches: [String] = []
        for connector in plan.connectors where !created.contains(connector.id.value) {
            if try await service(for: connector.id.value, in: plan) == nil {
                mismatches.append("Mimecast has no \(connector.transport.rawValue.uppercased()) journal service for '\(connector.id.value)'")
            }
        }
        return mismatches
    }

    public func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome {
        let plan = graph.plan
        switch graph.steps[node.step].action {
        case .createConnector(let c):
            return try await service(for: c.value, in: plan) != nil ? .done : .notDone
        case .disableConnector(let c):
            return try await service(for: c.value, in: plan)?.enabled == true ? .notDone : .done
        case .deleteConnector(let c):
            return try await service(for: c.value, in: plan) == nil ? .done : .notDone
        case .waitConnectorDrained(let c, _, _):
            guard let service = try await service(for: c.value, in: plan) else { return .done }
            return service.queueSize == 0 ? .done : .notDone
        case .confirmJournaling:
            guard let id = plan.smtpConnector?.id.value, let service = try await service(for: id, in: plan) else {
                return .unknown
            }
            let since = await starts.started(node.key(in: graph))
            return (service.lastReceived.map { $0 > since } ?? false) ? .done : .notDone
        default:
            return .unknown
        }
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        let plan = graph.plan
        _ = await starts.start(node.key(in: graph))
        switch graph.steps[node.step].action {
        case .createConnector(let c):
            guard let connector = plan.connector(id: c.value), connector.transport == .smtp else {
                throw AdapterError("creating a POP3 journal service through the API is not supported; create it by hand")
            }
            let spec = SMTPJournalServiceSpec(
                description: connector.description.value,
                emailAddress: (connector.address?.value ?? plan.contact.address.value).description,
                ipRanges: connector.sourceIPs.map { $0.value.description })
            let created = try await client.createSMTPService(spec)
            return ["serviceID": created.id]
        case .disableConnector(let c):
            let id = try await requiredService(c.value, plan).id
            _ = try await client.disableService(id: id)
            return ["serviceID": id]
        case .deleteConnector(let c):
            if let service = try await service(for: c.value, in: plan) { _ = try await client.deleteService(id: service.id) }
            return [:]
        default:
            return [:]
        }
    }

    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {
        let plan = graph.plan
        switch graph.steps[node.step].action {
        case .createConnector(let c):
            _ = try await client.deleteService(id: try await serviceID(record, c.value, plan))
        case .disableConnector(let c):
            _ = try await client.enableService(id: try await serviceID(record, c.value, plan))
        default:
            break
        }
    }

    /// Adding the journal domain is Mimecast Support's job: a gate, as under the manual adapter.
    public func gate(for node: GraphNode, in graph: StepGraph) -> GateReason? {
        guard graph.steps[node.step].kind == .requestJournalDomain else { return nil }
        return ManualMimecastAdapter().gate(for: node, in: graph)
    }

    func service(for connectorID: String, in plan: Plan) async throws -> JournalService? {
        guard let connector = plan.connector(id: connectorID) else { return nil }
        switch connector.transport {
        case .smtp:
            let address = (connector.address?.value ?? plan.contact.address.value).description
            return try await client.findServiceIfPresent(address: address, protocol: .smtp)
        case .pop3:
            let mailbox = (connector.mailbox?.value ?? plan.exchange.journalMailbox.value).description
            return try await client.findServiceIfPresent(mailbox: mailbox, protocol: .pop3)
        }
    }

    private func serviceID(_ record: [String: String], _ connectorID: String, _ plan: Plan) async throws -> String {
        if let id = record["serviceID"] { return id }
        return try await requiredService(connectorID, plan).id
    }

    private func requiredService(_ connectorID: String, _ plan: Plan) async throws -> JournalService {
        guard let service = try await service(for: connectorID, in: plan) else {
            throw AdapterError("Mimecast has no journal service for '\(connectorID)'")
        }
        return service
    }
}
