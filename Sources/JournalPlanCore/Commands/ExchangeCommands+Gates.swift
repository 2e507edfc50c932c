/// Programs of the steps a person or a wait completes: Mimecast console work (manual gates), the
/// journaling confirmation and the drain of the POP3 connector.
extension ExchangeCommands {
    static let journalingConsole = "Administration | Services | Journaling"

    func gate(_ step: Int, _ path: String?, _ lines: [GateLine]) -> ProgramAction {
        .gate(ManualGate(stepID: v(stepIDs[step]), consolePath: path, lines: lines))
    }

    func connectorLines(_ connector: String) -> (values: [String: PowerShellVariable], transport: String) {
        let transport = plan.connector(id: connector)?.transport == .smtp ? "SMTP" : "POP3"
        return (variables.connector(connector, in: plan), transport)
    }

    /// The connector's description, or its id when the plan has no such connector (validate reports that).
    func connectorDescription(_ connector: String) -> PowerShellValue {
        variables.connector(connector, in: plan)["description"].map(v) ?? .string(connector)
    }

    func requestJournalDomain(step: Int) -> NodeProgram {
        var lines = [
            GateLine([.text("Mimecast Support adds the journal domain to the account: "), .value(v(variables.journalDomain))]),
            GateLine.text("It must be an internal (sub-)domain in Mimecast, and not an accepted domain in Exchange."),
        ]
        if let ticket = variables.supportTicket {
            lines.append(GateLine([.text("Support ticket: "), .value(v(ticket))]))
        }
        lines.append(.text("Confirm only once Support has finished."))
        return NodeProgram(check: nil, apply: [gate(step, nil, lines)], undo: nil, summary: "Mimecast adds the journal domain")
    }

    func createConnector(step: Int, connector: String) -> NodeProgram {
        let (values, transport) = connectorLines(connector)
        var lines: [GateLine] = [
            .text("Create a journal service (connector) with:"),
            GateLine([.text("  Description: "), .value(connectorDescription(connector))]),
            .text("  Transport Type: \(transport)"),
        ]
        if let address = values["address"] { lines.append(GateLine([.text("  Service Email Address: "), .value(v(address))])) }
        if let ips = values["sourceIPs"] { lines.append(GateLine([.text("  Additional Source IP Ranges: "), .value(v(ips))])) }
        if let mailbox = values["mailbox"] { lines.append(GateLine([.text("  Mailbox: "), .value(v(mailbox))])) }
        if let host = values["host"] { lines.append(GateLine([.text("  Host: "), .value(v(host))])) }
        lines.append(.text("Check that it is enabled and its status is OK."))
        let undo = gate(step, Self.journalingConsole, [GateLine([.text("Delete the journal service: "), .value(connectorDescription(connector))])])
        return NodeProgram(
            check: nil, apply: [gate(step, Self.journalingConsole, lines)], undo: [undo],
            summary: "Create the Mimecast journal connector", undoSummary: "Delete the Mimecast journal connector")
    }

    func disableConnector(step: Int, connector: String) -> NodeProgram {
        let description = connectorDescription(connector)
        return NodeProgram(
            check: nil,
            apply: [gate(step, Self.journalingConsole, [GateLine([.text("Tick Disabled on the journal service: "), .value(description)])])],
            undo: [gate(step, Self.journalingConsole, [GateLine([.text("Clear Disabled on the journal service: "), .value(description)])])],
            summary: "Disable the Mimecast journal connector", undoSummary: "Enable the Mimecast journal connector again")
    }

    func deleteConnector(step: Int, connector: String) -> NodeProgram {
        let description = connectorDescription(connector)
        return NodeProgram(
            check: nil,
            apply: [
                gate(step, Self.journalingConsole, [
                    GateLine([.text("Delete the journal service: "), .value(description)]),
                    .text("This cannot be undone: it is the point of no return."),
                ])
            ], undo: nil, summary: "Delete the Mimecast journal connector (point of no return)")
    }

    func manual(step: Int) -> NodeProgram {
        let instructions = variables.stepValues[step]["instructions"].map(v) ?? .string("")
        return NodeProgram(
            check: nil, apply: [gate(step, nil, [GateLine([.value(instructions)])])], undo: nil,
            summary: "Manual step")
    }

    func confirmJournaling(step: Int, timeout: PlanDuration, hasProbe: Bool) -> NodeProgram {
        let contact = v(variables.contactAddress)
        var apply: [ProgramAction] = []
        let probe = (variables.stepValues[step]["probeFrom"], variables.stepValues[step]["probeTo"])
        // The probe is a message a person sends, signed in as the sender (Outlook or Outlook on the web):
        // an authenticated internal submission, which an Internal-scope rule journals. An anonymous SMTP
        // submission (Send-MailMessage, which Microsoft marks obsolete) is external to Exchange 2013 and
        // later and would not be journaled by such a rule, so it would prove nothing.
        if hasProbe, let from = probe.0, let to = probe.1 {
            apply.append(
                gate(step, nil, [
                    GateLine([.text("Send a test message from "), .value(v(from)), .text(" to "), .value(v(to))]),
                    .text("Send it signed in as the sender (Outlook or Outlook on the web), not by anonymous SMTP:"),
                    .text("an authenticated internal message is what an Internal-scope journal rule journals."),
                ]))
        }
        let seen: PowerShellCondition
        if version.isOnline {
            seen = .exists(
                PowerShellPipeline(
                    PowerShellCommand(
                        "Get-MessageTraceV2",
                        [
                            PowerShellParameter("RecipientAddress", contact),
                            PowerShellParameter("StartDate", .runtime(.nodeStarted)), PowerShellParameter("EndDate", .now),
                        ])))
        } else {
            seen = .any(
                variables.servers.map { server in
                    .exists(
                        PowerShellPipeline(
                            exchange(
                                "Get-MessageTrackingLog",
                                [
                                    PowerShellParameter("Server", v(server)), PowerShellParameter("Recipients", contact),
                                    PowerShellParameter("EventId", .string("SEND")),
                                    PowerShellParameter("Start", .runtime(.nodeStarted)),
                                ], server: v(server))))
                })
        }
        apply.append(
            .wait(
                PollingWait(
                    condition: seen, timeoutSeconds: timeout.seconds, pollSeconds: min(60, timeout.seconds),
                    description: "a journal report sent to the contact")))
        let smtp = plan.smtpConnector.map { variables.connector($0.id.value, in: plan) }?["description"]
        var lines: [GateLine] = [.text("Check that the SMTP journal service's last received time has moved past the cut-over.")]
        if let smtp { lines.append(GateLine([.text("  Journal service: "), .value(v(smtp))])) }
        apply.append(gate(step, Self.journalingConsole, lines))
        return NodeProgram(check: nil, apply: apply, undo: nil, summary: "Confirm journal reports reach the contact")
    }

    func waitDrained(step: Int, connector: String, timeout: PlanDuration, poll: PlanDuration) -> NodeProgram {
        let values = variables.connector(connector, in: plan)
        let mailbox = v(values["mailbox"] ?? variables.journalMailbox)
        var apply: [ProgramAction] = []
        if version.isOnline {
            apply.append(
                gate(step, nil, [GateLine([.text("Check that the Inbox of the journal mailbox is empty: "), .value(mailbox)])]))
        } else {
            var empty: [PowerShellCondition] = [
                .absent(
                    PowerShellPipeline(
                        exchange("Get-MailboxFolderStatistics", [identity(mailbox), PowerShellParameter("FolderScope", .string("Inbox"))]),
                        where: [.equals("FolderType", .string("Inbox")), .greaterThan("ItemsInFolder", .int(0))]))
            ]
            for server in variables.servers {
                empty.append(
                    .absent(
                        PowerShellPipeline(
                            PowerShellCommand("Get-Queue", [PowerShellParameter("Server", v(server))], server: v(server)),
                            where: [.greaterThan("MessageCount", .int(0)), .equals("NextHopDomain", .runtime(.journalDatabase))])))
            }
            // The delivery queue is named after the mailbox's database: looked up once, before the polls.
            if !variables.servers.isEmpty {
                apply.append(
                    .lookup(.journalDatabase, .mailboxDatabase(of: mailbox, domainController: variables.domainController.map(v))))
            }
            apply.append(
                .wait(
                    PollingWait(
                        condition: .all(empty), timeoutSeconds: timeout.seconds, pollSeconds: poll.seconds,
                        description: "the journal mailbox Inbox to be empty and nothing queued to it")))
        }
        var lines: [GateLine] = [.text("Check that the POP3 journal service's queue is 0 (Service Monitor: Queues and Journal Services).")]
        if let description = values["description"] { lines.append(GateLine([.text("  Journal service: "), .value(v(description))])) }
        apply.append(gate(step, Self.journalingConsole, lines))
        return NodeProgram(check: nil, apply: apply, undo: nil, summary: "Wait until the POP3 connector has drained")
    }
}
