/// Programs of the Exchange actions: contact, NDR mailbox, send connector, transport, journal rules and
/// database journal recipients.
extension ExchangeCommands {
    func createContact() -> NodeProgram {
        let address = v(variables.contactAddress)
        var create = [
            p("Name", variables.contactName), p("Alias", variables.contactAlias),
            p("ExternalEmailAddress", variables.contactAddress),
        ]
        if let ou = variables.contactOU { create.append(p("OrganizationalUnit", ou)) }
        var apply: [ProgramAction] = [.run(exchange("New-MailContact", create))]
        if plan.contact.hidden {
            apply.append(
                .run(
                    exchange(
                        "Set-MailContact",
                        [identity(address), PowerShellParameter("HiddenFromAddressListsEnabled", .bool(true))])))
        }
        let existing = PowerShellPipeline(
            exchange("Get-MailContact", [identity(address)]), where: [.addressEquals("ExternalEmailAddress", address)],
            missingIsEmpty: true)
        return NodeProgram(
            check: .exists(existing), apply: apply,
            undo: [.run(exchange("Remove-MailContact", [identity(address)]))],
            summary: "Create the journal contact", undoSummary: "Remove the journal contact", undoRemovesCreated: true)
    }

    func setNDRMailbox() -> NodeProgram {
        let ndr = variables.ndrMailbox.map(v) ?? .null
        let current = PowerShellPipeline(
            exchange("Get-TransportConfig", []), where: [.addressEquals("JournalingReportNdrTo", ndr)])
        let remembered = "previous-ndr-mailbox"
        func set(_ value: PowerShellValue) -> ProgramAction {
            .run(exchange("Set-TransportConfig", [PowerShellParameter("JournalingReportNdrTo", value)]))
        }
        return NodeProgram(
            check: .exists(current),
            apply: [
                .remember(RememberedValue(name: remembered, command: exchange("Get-TransportConfig", []), property: "JournalingReportNdrTo")),
                set(ndr),
            ],
            undo: [.ifRemembered(remembered, [set(.remembered(remembered))])],
            summary: "Set the journaling NDR mailbox (JournalingReportNdrTo)",
            undoSummary: "Restore the previous journaling NDR mailbox (JournalingReportNdrTo)")
    }

    func createSendConnector(step: Int) -> NodeProgram {
        let name = variables.stepValues[step]["name"] ?? PowerShellVariable(name: "jpSendConnectorName", value: .string("Mimecast Journaling"))
        if version.isOnline {
            let create = exchange(
                "New-OutboundConnector",
                [
                    p("Name", name), PowerShellParameter("ConnectorType", .string("Partner")),
                    p("RecipientDomains", variables.journalDomain), p("SmartHosts", variables.journalHosts),
                    PowerShellParameter("UseMXRecord", .bool(false)),
                    PowerShellParameter("TlsSettings", .string("CertificateValidation")),
                ])
            return NodeProgram(
                check: .exists(PowerShellPipeline(exchange("Get-OutboundConnector", [identity(v(name))]), missingIsEmpty: true)),
                apply: [.run(create)], undo: [.run(exchange("Remove-OutboundConnector", [identity(v(name))]))],
                summary: "Create the outbound connector for the journal domain",
                undoSummary: "Remove the outbound connector for the journal domain", undoRemovesCreated: true)
        }
        let create = exchange(
            "New-SendConnector",
            [
                p("Name", name), PowerShellParameter("Usage", .string("Custom")),
                p("AddressSpaces", variables.sendConnectorAddressSpace), p("SmartHosts", variables.journalHosts),
                PowerShellParameter("DNSRoutingEnabled", .bool(false)),
                p("SourceTransportServers", variables.transportServers),
            ])
        return NodeProgram(
            check: .exists(PowerShellPipeline(exchange("Get-SendConnector", [identity(v(name))]), missingIsEmpty: true)),
            apply: [.run(create)], undo: [.run(exchange("Remove-SendConnector", [identity(v(name))]))],
            summary: "Create the send connector for the journal domain",
            undoSummary: "Remove the send connector for the journal domain", undoRemovesCreated: true)
    }

    /// Services are controlled remotely from the management shell through the Service Control Manager
    /// (`Get-Service -ComputerName` gives the `ServiceController`), which works the same on Windows
    /// PowerShell 2.0 and later and needs no WinRM remoting to the servers.
    func transport(stop: Bool, server: PowerShellValue) -> NodeProgram {
        let names = TransportServices.names(for: version)
        let optional = TransportServices.optionalNames(for: version)
        let state = stop ? "Stopped" : "Running"
        let check = PowerShellCondition.all(
            names.map { name in
                let inState = PowerShellCondition.exists(
                    PowerShellPipeline(getService(name, on: server), where: [.equals("Status", .string(state))]))
                guard optional.contains(name) else { return inState }
                // A service this server does not have is neither stopped nor running: nothing to do.
                return .any([.absent(PowerShellPipeline(getService(name, on: server), missingIsEmpty: true)), inState])
            })
        return NodeProgram(
            check: check, apply: transportControl(stop: stop, servers: server),
            undo: transportControl(stop: !stop, servers: server), requiresWindow: stop,
            summary: stop ? "Stop the transport services" : "Start the transport services",
            undoSummary: stop ? "Start the transport services again" : "Stop the transport services again")
    }

    func getService(_ name: String, on server: PowerShellValue) -> PowerShellCommand {
        PowerShellCommand(
            "Get-Service", [PowerShellParameter("ComputerName", server), PowerShellParameter("Name", .string(name))],
            server: server)
    }

    /// Stops (in order) or starts (in reverse order) the transport services on one server or several
    /// at once; a service that may be missing on this version is controlled only where it is installed.
    func transportControl(stop: Bool, servers: PowerShellValue) -> [ProgramAction] {
        let names = TransportServices.names(for: version)
        let optional = TransportServices.optionalNames(for: version)
        return [
            .controlServices(
                ServiceControl(
                    servers: servers, services: stop ? names : names.reversed(),
                    optional: names.filter(optional.contains), stop: stop,
                    timeoutSeconds: TransportServices.controlTimeoutSeconds))
        ]
    }

    func journalRule(enable: Bool, rule: PowerShellValue, step: Int? = nil) -> NodeProgram {
        let done = PowerShellPipeline(
            exchange("Get-JournalRule", [identity(rule)]), where: [.equals("Enabled", .bool(enable))])
        return NodeProgram(
            check: .exists(done), apply: transportStillStopped(before: step) + [.run(switchRule(enable: enable, rule: rule))],
            undo: [.run(switchRule(enable: !enable, rule: rule))],
            summary: enable ? "Enable the journal rule" : "Disable the journal rule",
            undoSummary: enable ? "Disable the journal rule again" : "Enable the journal rule again")
    }

    /// `Enable-JournalRule` or `Disable-JournalRule` for one rule.
    func switchRule(enable: Bool, rule: PowerShellValue) -> PowerShellCommand {
        exchange(enable ? "Enable-JournalRule" : "Disable-JournalRule", [identity(rule)])
    }

    func targetAddress(_ target: JournalTarget) -> PowerShellValue {
        target == .contact ? v(variables.contactAddress) : v(variables.journalMailbox)
    }

    /// Points one journal rule at the contact or the journal mailbox.
    func setRuleRecipient(_ to: JournalTarget, rule: PowerShellValue) -> PowerShellCommand {
        exchange("Set-JournalRule", [identity(rule), PowerShellParameter("JournalEmailAddress", targetAddress(to))])
    }

    func ruleRecipient(_ to: JournalTarget, rule: PowerShellValue, step: Int? = nil) -> NodeProgram {
        func set(_ t: JournalTarget) -> PowerShellCommand { setRuleRecipient(t, rule: rule) }
        let done = PowerShellPipeline(
            exchange("Get-JournalRule", [identity(rule)]), where: [.addressEquals("JournalEmailAddress", targetAddress(to))])
        let other: JournalTarget = to == .contact ? .mailbox : .contact
        return NodeProgram(
            check: .exists(done), apply: transportStillStopped(before: step) + [.run(set(to))], undo: [.run(set(other))],
            summary: to == .contact ? "Point the journal rule at the contact" : "Point the journal rule at the journal mailbox",
            undoSummary: to == .contact
                ? "Point the journal rule back at the journal mailbox" : "Point the journal rule back at the contact")
    }

    /// Points one mailbox database's journal recipient at the contact or the journal mailbox.
    func setDatabaseRecipient(_ to: JournalTarget, database: PowerShellValue) -> PowerShellCommand {
        exchange("Set-MailboxDatabase", [identity(database), PowerShellParameter("JournalRecipient", targetAddress(to))])
    }

    func databaseRecipient(_ to: JournalTarget, database: PowerShellValue, step: Int? = nil) -> NodeProgram {
        func set(_ t: JournalTarget) -> PowerShellCommand { setDatabaseRecipient(t, database: database) }
        let done = PowerShellPipeline(
            exchange("Get-MailboxDatabase", [identity(database)]),
            where: [.sameRecipient("JournalRecipient", targetAddress(to))])
        let other: JournalTarget = to == .contact ? .mailbox : .contact
        return NodeProgram(
            check: .exists(done), apply: transportStillStopped(before: step) + [.run(set(to))], undo: [.run(set(other))],
            summary: to == .contact ? "Point the database's journal recipient at the contact" : "Point the database's journal recipient at the journal mailbox",
            undoSummary: to == .contact
                ? "Point the database's journal recipient back at the journal mailbox"
                : "Point the database's journal recipient back at the contact")
    }

    /// Whether the step runs inside the outage: after every transport stop and before every start.
    func insideOutage(_ step: Int) -> Bool {
        let stops = graph.steps(.stopTransport)
        guard !version.isOnline, !stops.isEmpty else { return false }
        return stops.allSatisfy { graph.precedes($0, step) }
            && graph.steps(.startTransport).allSatisfy { graph.precedes(step, $0) }
    }

    /// Before a rule or database change inside the outage: transport must still be stopped on every
    /// server. Exchange 2013+ Managed Availability can start a stopped transport service again; a server
    /// that accepts mail while its rule is disabled or repointed journals nothing (or to a route not yet
    /// proven). Finding it running is a failure inside the outage: the script compensates.
    ///
    /// `Set-ServerComponentState -Component HubTransport -State Draining -Requester Maintenance` is the
    /// supported way to take one server out of service for maintenance, but it exists only on 2013 and
    /// later and drains a server's queues to its peers, while this cut-over stops every server at once:
    /// there is no peer to drain to. JournalPlan keeps one mechanism for every version (stopping the
    /// services) and re-checks it here instead.
    func transportStillStopped(before step: Int?) -> [ProgramAction] {
        guard let step, insideOutage(step), !variables.servers.isEmpty else { return [] }
        // The services every server has (a 2013 Mailbox-only server has no Front End Transport; the
        // Transport service is the one that journals and the one Front End Transport proxies to).
        let names = TransportServices.requiredNames(for: version)
        let stopped = PowerShellCondition.all(
            variables.servers.flatMap { server in
                names.map { name in
                    .absent(
                        PowerShellPipeline(
                            PowerShellCommand(
                                "Get-Service",
                                [PowerShellParameter("ComputerName", v(server)), PowerShellParameter("Name", .string(name))],
                                server: v(server)),
                            where: [.notEquals("Status", .string("Stopped"))]))
                }
            })
        return [
            .require(
                stopped,
                failure: "A transport service is running again inside the outage (Managed Availability or a person "
                    + "started it): the rule is not changed; journaling is restored and transport started")
        ]
    }
}
