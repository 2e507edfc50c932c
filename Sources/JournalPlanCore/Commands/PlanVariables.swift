/// Every plan value a script or adapter needs, each declared once as a `$jp…` variable. Names follow
/// the plan's structure (server, rule and step positions), never its text, so they are always safe and
/// the same plan always gets the same names.
public struct PlanVariables: Sendable {
    public let planName: PowerShellVariable
    public let contactName: PowerShellVariable
    public let contactAlias: PowerShellVariable
    public let contactAddress: PowerShellVariable
    public let contactOU: PowerShellVariable?
    public let journalMailbox: PowerShellVariable
    public let ndrMailbox: PowerShellVariable?
    public let domainController: PowerShellVariable?
    public let journalDomain: PowerShellVariable
    public let sendConnectorAddressSpace: PowerShellVariable
    public let journalHosts: PowerShellVariable
    public let supportTicket: PowerShellVariable?
    /// All transport servers, as one array.
    public let transportServers: PowerShellVariable
    public let servers: [PowerShellVariable]
    public let rules: [PowerShellVariable]
    public let databases: [PowerShellVariable]
    /// Step ids, by step index.
    public let stepIDs: [PowerShellVariable]
    /// Per-step values (send connector names, probes, instructions), by step index.
    public let stepValues: [[String: PowerShellVariable]]
    /// Per-connector values (description, address, mailbox, source IPs), by connector index.
    public let connectorValues: [[String: PowerShellVariable]]
    private let serverIndex: [String: Int]
    private let ruleIndex: [String: Int]
    private let databaseIndex: [String: Int]
    private let connectorIndex: [String: Int]
    /// The outage window as Unix epoch seconds.
    public let windowStart: PowerShellVariable?
    public let windowEnd: PowerShellVariable?

    public init(plan: Plan) {
        func v(_ name: String, _ text: String) -> PowerShellVariable { PowerShellVariable(name: name, value: .string(text)) }
        let e = plan.exchange
        planName = v("jpPlanName", plan.name.value)
        contactName = v("jpContactName", plan.contact.name.value)
        contactAlias = v("jpContactAlias", plan.contact.alias.value)
        contactAddress = v("jpContactAddress", plan.contact.address.value.description)
        contactOU = plan.contact.organizationalUnit.map { v("jpContactOU", $0.value) }
        journalMailbox = v("jpJournalMailbox", e.journalMailbox.value.description)
        ndrMailbox = e.ndrMailbox.map { v("jpNdrMailbox", $0.value.description) }
        domainController = e.version.value.isOnline ? nil : e.domainController.map { v("jpDomainController", $0.value.text) }
        journalDomain = v("jpJournalDomain", plan.domain.name.value.text)
        sendConnectorAddressSpace = v("jpSendConnectorAddressSpace", "SMTP:\(plan.domain.name.value.text);1")
        journalHosts = PowerShellVariable(name: "jpJournalHosts", value: .stringArray(plan.domain.effectiveJournalHosts))
        supportTicket = plan.domain.supportTicket.map { v("jpSupportTicket", $0.value) }
        transportServers = PowerShellVariable(
            name: "jpTransportServers", value: .stringArray(e.transportServers.map(\.value.text)))
        servers = e.transportServers.enumerated().map { v("jpServer" + String($0.offset + 1), $0.element.value.text) }
        rules = e.journalRules.enumerated().map { v("jpRule" + String($0.offset + 1), $0.element.name.value) }
        databases = e.databases.enumerated().map { v("jpDatabase" + String($0.offset + 1), $0.element.value) }
        stepIDs = plan.steps.enumerated().map { v("jpStep" + String($0.offset + 1), $0.element.id.value) }
        stepValues = plan.steps.enumerated().map { index, step in
            let prefix = "jpStep" + String(index + 1)
            var values: [String: PowerShellVariable] = [:]
            switch step.action {
            case .createSendConnector(let name):
                values["name"] = v(prefix + "ConnectorName", name?.value ?? "Mimecast Journaling \(plan.domain.name.value.text)")
            case .confirmJournaling(_, let probe?):
                values["probeFrom"] = v(prefix + "ProbeFrom", probe.from.value.description)
                values["probeTo"] = v(prefix + "ProbeTo", probe.to.value.description)
            case .manual(let instructions):
                values["instructions"] = v(prefix + "Instructions", instructions.value)
            default: break
            }
            if let note = step.note { values["note"] = v(prefix + "Note", note.value) }
            return values
        }
        connectorValues = plan.connectors.enumerated().map { index, connector in
            let prefix = "jpConnector" + String(index + 1)
            var values: [String: PowerShellVariable] = ["description": v(prefix + "Description", connector.description.value)]
            if let mailbox = connector.mailbox { values["mailbox"] = v(prefix + "Mailbox", mailbox.value.description) }
            if let host = connector.host { values["host"] = v(prefix + "Host", host.value.text) }
            if let address = connector.address { values["address"] = v(prefix + "Address", address.value.description) }
            if !connector.sourceIPs.isEmpty {
                values["sourceIPs"] = PowerShellVariable(
                    name: prefix + "SourceIPs", value: .stringArray(connector.sourceIPs.map(\.value.description)))
            }
            return values
        }
        func index(_ names: [String]) -> [String: Int] {
            var out: [String: Int] = [:]
            for (i, name) in names.enumerated() where out[name] == nil { out[name] = i }
            return out
        }
        serverIndex = index(e.transportServers.map(\.value.text))
        ruleIndex = index(e.journalRules.map(\.name.value))
        databaseIndex = index(e.databases.map(\.value))
        connectorIndex = index(plan.connectors.map(\.id.value))
        windowStart = plan.window.map { PowerShellVariable(name: "jpWindowStart", value: .int($0.start.value.epochSeconds)) }
        windowEnd = plan.window.map { PowerShellVariable(name: "jpWindowEnd", value: .int($0.end.value.epochSeconds)) }
    }

    /// Every declaration, in a stable order (the order of the script's declaration block).
    public var all: [PowerShellVariable] {
        var out = [planName, contactName, contactAlias, contactAddress]
        out += [contactOU].compactMap { $0 }
        out.append(journalMailbox)
        out += [ndrMailbox, domainController].compactMap { $0 }
        out += [journalDomain, sendConnectorAddressSpace, journalHosts]
        out += [supportTicket].compactMap { $0 }
        out.append(transportServers)
        out += servers + rules + databases
        for (index, id) in stepIDs.enumerated() {
            out.append(id)
            out += stepValues[index].values.sorted { $0.name < $1.name }
        }
        for values in connectorValues { out += values.values.sorted { $0.name < $1.name } }
        out += [windowStart, windowEnd].compactMap { $0 }
        return out
    }

    /// The variable of a node's target (server, rule or database), if it has one.
    public func target(_ target: NodeTarget, in plan: Plan) -> PowerShellVariable? {
        switch target {
        case .none: return nil
        case .server(let name): return serverIndex[name].map { servers[$0] }
        case .rule(let name): return ruleIndex[name].map { rules[$0] }
        case .database(let name): return databaseIndex[name].map { databases[$0] }
        }
    }

    /// The values of the connector with this id.
    public func connector(_ id: String, in plan: Plan) -> [String: PowerShellVariable] {
        connectorIndex[id].map { connectorValues[$0] } ?? [:]
    }
}

extension PlanVariables {
    /// An Exchange cmdlet call as every program and check sends it: pinned to the plan's domain controller
    /// where the cmdlet takes one, and `-Confirm:$false` where it would prompt on its own
    /// (``CmdletDescription``).
    func exchangeCommand(_ cmdlet: String, _ parameters: [PowerShellParameter], server: PowerShellValue? = nil)
        -> PowerShellCommand
    {
        let description = CmdletDescription(cmdlet)
        var parameters = parameters
        if let dc = domainController, description.takesDomainController {
            parameters.append(PowerShellParameter("DomainController", .variable(dc)))
        }
        if description.asksForConfirmation { parameters.append(PowerShellParameter("Confirm", .bool(false), colonForm: true)) }
        return PowerShellCommand(cmdlet, parameters, server: server)
    }
}
