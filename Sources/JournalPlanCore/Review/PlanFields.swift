/// Flattens a decoded plan into named values (`exchange.transportServers` → `EX01, EX02`) so two plans can be
/// compared field by field. Values are the decoded, typed ones written back in their canonical spelling, so
/// a change of layout or of an equivalent spelling (`60m` and `1h`) is not a change.
enum PlanFields {
    /// Every value outside `steps:`, in the order a plan is written.
    static func sections(_ plan: Plan) -> [(String, String)] {
        var fields: [(String, String?)] = [
            ("name", plan.name.value),
            ("description", plan.description),
        ]
        let x = plan.exchange
        fields += [
            ("exchange.version", x.version.value.rawValue),
            ("exchange.journaling", x.journaling.value.rawValue),
            ("exchange.transportServers", list(x.transportServers.map(\.value.text))),
            ("exchange.journalRules", list(x.journalRules.map(\.name.value))),
            ("exchange.databases", list(x.databases.map(\.value))),
            ("exchange.journalMailbox", x.journalMailbox.value.description),
            ("exchange.ndrMailbox", x.ndrMailbox?.value.description),
            ("exchange.domainController", x.domainController?.value.text),
            ("exchange.acceptedDomains", list(x.acceptedDomains.map(\.value.text))),
        ]
        let c = plan.contact
        fields += [
            ("contact.name", c.name.value),
            ("contact.alias", c.alias.value),
            ("contact.address", c.address.value.description),
            ("contact.organizationalUnit", c.organizationalUnit?.value),
            ("contact.hidden", String(c.hidden)),
        ]
        let d = plan.domain
        fields += [
            ("domain.name", d.name.value.text),
            ("domain.region", d.region.value.rawValue),
            ("domain.journalHosts", list(d.journalHosts.map(\.value.text))),
            ("domain.supportTicket", d.supportTicket?.value),
        ]
        for connector in plan.connectors {
            let prefix = "connectors.\(connector.id.value)."
            fields += [
                (prefix + "transport", connector.transport.rawValue),
                (prefix + "description", connector.description.value),
                (prefix + "mailbox", connector.mailbox?.value.description),
                (prefix + "host", connector.host?.value.text),
                (prefix + "address", connector.address?.value.description),
                (prefix + "sourceIPs", list(connector.sourceIPs.map(\.value.description))),
            ]
        }
        fields += [
            ("window.start", plan.window?.start.value.description),
            ("window.end", plan.window?.end.value.description),
        ]
        return fields.compactMap { name, value in value.map { (name, $0) } }
    }

    /// A step's own values: its action, the action's fields and its note (its order is compared on the graph).
    static func step(_ step: Step) -> [(String, String)] {
        var fields: [(String, String?)] = [("action", step.kind.rawValue)]
        switch step.action {
        case .createContact, .setNDRMailbox, .requestJournalDomain: break
        case .createSendConnector(let name): fields.append(("name", name?.value))
        case .stopTransport(let servers), .startTransport(let servers): fields.append(("servers", selection(servers)))
        case .disableJournalRule(let rules), .enableJournalRule(let rules): fields.append(("rules", selection(rules)))
        case .setJournalRecipient(let to, let rules, let databases):
            fields += [("to", to.value.rawValue), ("rules", selection(rules)), ("databases", selection(databases))]
        case .confirmJournaling(let timeout, let probe):
            fields += [
                ("timeout", timeout.value.description),
                ("probe.from", probe?.from.value.description), ("probe.to", probe?.to.value.description),
            ]
        case .createConnector(let connector), .disableConnector(let connector), .deleteConnector(let connector):
            fields.append(("connector", connector.value))
        case .waitConnectorDrained(let connector, let timeout, let pollEvery):
            fields += [
                ("connector", connector.value), ("timeout", timeout.value.description),
                ("pollEvery", pollEvery.value.description),
            ]
        case .manual(let instructions): fields.append(("instructions", instructions.value))
        }
        fields.append(("note", step.note?.value))
        return fields.compactMap { name, value in value.map { (name, $0) } }
    }

    /// The changes between two flattened lists, in the order of the new one (then what the new one lacks).
    static func changes(_ old: [(String, String)], _ new: [(String, String)], prefix: String = "") -> [FieldChange] {
        let oldValues = Dictionary(old, uniquingKeysWith: { first, _ in first })
        let newValues = Dictionary(new, uniquingKeysWith: { first, _ in first })
        var changes: [FieldChange] = []
        for (name, value) in new where oldValues[name] != value {
            changes.append(FieldChange(field: prefix + name, old: oldValues[name], new: value))
        }
        for (name, value) in old where newValues[name] == nil {
            changes.append(FieldChange(field: prefix + name, old: value, new: nil))
        }
        return changes
    }

    private static func list(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: ", ") }

    private static func selection(_ selection: TargetSelection) -> String? {
        selection.map { $0.map(\.value).joined(separator: ", ") }
    }
}
