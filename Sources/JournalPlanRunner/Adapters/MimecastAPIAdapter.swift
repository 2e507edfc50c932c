import Foundation
import JournalPlanCore

/// Mimecast through API 2.0 (``MimecastClient``; credentials only from the environment, never logged).
/// Journal services are found by what the plan says about them (SMTP: the contact's address; POP3: the
/// journal mailbox). Adding the journal domain has no API: that step stays a gate.
///
/// A change counts only as Mimecast reads it back: a created service must be enabled, not in `error`
/// and carry the plan's address and IP ranges; a disabled one must read back `enabled: false`; a
/// deleted one must be gone from a re-list, and its queue is read again right before the DELETE.
/// Journaling is confirmed against Mimecast's clock: the baseline is the SMTP service's
/// `lastReceivedDateTime` read before transport starts (``prepare(_:in:)``).
public struct MimecastAPIAdapter: StepAdapter {
    public let client: MimecastClient
    let baseline: TrafficBaseline
    public var name: String { "api" }

    public init(client: MimecastClient) {
        self.client = client
        self.baseline = TrafficBaseline()
    }

    /// Before transport starts (and before a confirmation, when this process did not see the start), reads
    /// the SMTP service's last-received time from Mimecast: the baseline confirm-journaling compares with.
    public func prepare(_ node: GraphNode, in graph: StepGraph) async throws {
        let kind = graph.steps[node.step].kind
        guard kind == .startTransport || kind == .confirmJournaling, await !baseline.isTaken else { return }
        let plan = graph.plan
        var reading: JournalService?
        if let smtp = plan.smtpConnector { reading = try await service(for: smtp.id.value, in: plan) }
        await baseline.take(reading?.lastReceived)
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
            let spec = try spec(c.value, plan)
            // Found by address, or else by the description the create gave it (its address may differ).
            var found = try await service(for: c.value, in: plan)
            if found == nil { found = try await client.findServiceIfPresent(description: spec.description, protocol: .smtp) }
            guard let found else { return .notDone }
            // Present but not as planned is neither done nor something a second create would fix.
            let problems = Self.problems(try await client.service(id: found.id), against: spec)
            if !problems.isEmpty {
                throw AdapterError(
                    "Mimecast journal service \(found.id) exists but \(problems.joined(separator: "; ")); "
                        + "correct or delete it in the Administration Console, then resume")
            }
            return .done
        case .disableConnector(let c):
            // Absent: there is nothing left that could pull the journal mailbox.
            guard let found = try await service(for: c.value, in: plan) else { return .done }
            return found.enabled == false ? .done : .notDone
        case .deleteConnector(let c):
            return try await service(for: c.value, in: plan) == nil ? .done : .notDone
        case .waitConnectorDrained(let c, _, _):
            guard let service = try await service(for: c.value, in: plan) else { return .done }
            return service.queueSize == 0 ? .done : .notDone
        case .confirmJournaling:
            guard let id = plan.smtpConnector?.id.value, let service = try await service(for: id, in: plan) else {
                return .unknown
            }
            guard let since = await baseline.value else { return .notDone }
            return MimecastClient.isNewTraffic(service, since: since, now: client.clock.now()) ? .done : .notDone
        default:
            return .unknown
        }
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        let plan = graph.plan
        switch graph.steps[node.step].action {
        case .createConnector(let c):
            let spec = try spec(c.value, plan)
            let created = try await client.createSMTPService(spec)
            let problems = Self.problems(try await client.service(id: created.id), against: spec)
            if !problems.isEmpty {
                throw AdapterError(
                    "Mimecast created journal service \(created.id) but \(problems.joined(separator: "; ")); "
                        + "correct or delete it in the Administration Console, then resume")
            }
            return ["serviceID": created.id]
        case .disableConnector(let c):
            let id = try await requiredService(c.value, plan).id
            try await setEnabled(false, id: id)
            return ["serviceID": id]
        case .deleteConnector(let c):
            guard let found = try await service(for: c.value, in: plan) else { return [:] }
            // The drain was confirmed earlier; mail may have arrived since. Read the queue once more.
            let current = try await client.service(id: found.id)
            guard current.queueSize == 0 else {
                let size = current.queueSize.map { "\($0) item(s)" } ?? "an unreported number of items"
                throw AdapterError(
                    "Mimecast journal service \(found.id) holds \(size) in its queue (read just now); deleting it "
                        + "would lose them. Let it drain, then resume")
            }
            _ = try await client.deleteService(id: found.id)
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
            try await setEnabled(true, id: try await serviceID(record, c.value, plan))
        default:
            break
        }
    }

    /// Enables or disables, and throws unless the read-back shows the new value.
    private func setEnabled(_ enabled: Bool, id: String) async throws {
        let after = try await client.setEnabled(enabled, id: id)
        guard after.enabled == enabled else {
            let read = after.enabled.map { "\($0)" } ?? "not reported"
            throw AdapterError(
                "Mimecast accepted \(enabled ? "enabling" : "disabling") journal service \(id) but it still reads back "
                    + "enabled: \(read)")
        }
    }

    /// What the plan says the SMTP service must be.
    private func spec(_ connectorID: String, _ plan: Plan) throws -> SMTPJournalServiceSpec {
        guard let connector = plan.connector(id: connectorID), connector.transport == .smtp else {
            throw AdapterError("creating a POP3 journal service through the API is not supported; create it by hand")
        }
        return SMTPJournalServiceSpec(
            description: connector.description.value,
            emailAddress: (connector.address?.value ?? plan.contact.address.value).description,
            ipRanges: connector.sourceIPs.map { $0.value.description })
    }

    /// How a read-back service differs from the plan; empty when it is as planned.
    static func problems(_ service: JournalService, against spec: SMTPJournalServiceSpec) -> [String] {
        var problems: [String] = []
        if service.enabled != true { problems.append("it is not enabled") }
        if service.status?.lowercased() == "error" { problems.append("its status is error") }
        let normal = { (text: String) in text.trimmingCharacters(in: .whitespaces).lowercased() }
        let address = service.smtpEmailAddress ?? "not reported"
        if normal(address) != normal(spec.emailAddress) {
            problems.append("its address is \(address) (the plan says \(spec.emailAddress))")
        }
        if Set(service.smtpIPRanges.map(normal)) != Set(spec.ipRanges.map(normal)) {
            let shown = { (ranges: [String]) in ranges.isEmpty ? "none" : ranges.joined(separator: ", ") }
            problems.append(
                "its IP ranges \(shown(service.smtpIPRanges)) (the plan says \(shown(spec.ipRanges)))")
        }
        return problems
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

/// The SMTP service's last-received time as Mimecast reported it before transport started: `nil` until
/// taken; taken once per process (a resumed run takes it again before its confirmation, which can only
/// make the confirmation wait for later traffic, never pass early).
actor TrafficBaseline {
    private var taken = false
    private var since: Date?

    var isTaken: Bool { taken }

    /// The baseline once taken (`.some(nil)`: the service had never received anything).
    var value: Date?? { taken ? .some(since) : nil }

    func take(_ lastReceived: Date?) {
        guard !taken else { return }
        taken = true
        since = lastReceived
    }
}
