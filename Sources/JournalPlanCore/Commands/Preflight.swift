/// Builds the preflight checks (docs/design.md §6): the plan's picture of the estate must match the live
/// organisation before anything changes, and again on every resume.
struct Preflight {
    let plan: Plan
    let variables: PlanVariables

    var version: ExchangeVersion { plan.exchange.version.value }

    func read(_ cmdlet: String, _ parameters: [PowerShellParameter] = []) -> PowerShellCommand {
        var parameters = parameters
        if let dc = variables.domainController, CmdletDescription(cmdlet).takesDomainController {
            parameters.append(PowerShellParameter("DomainController", .variable(dc)))
        }
        return PowerShellCommand(cmdlet, parameters)
    }

    func recipient(_ address: PowerShellVariable) -> PowerShellCondition {
        .exists(PowerShellPipeline(read("Get-Recipient", [PowerShellParameter("Identity", .variable(address))]), missingIsEmpty: true))
    }

    var checks: [PreflightCheck] {
        var checks: [PreflightCheck] = []
        let shellCmdlet = version.isOnline ? "Get-JournalRule" : TransportServices.listCmdlet(for: version)
        checks.append(
            PreflightCheck(
                name: "exchange-shell",
                summary: version.isOnline
                    ? "Connect to Exchange Online PowerShell first (Connect-ExchangeOnline): no session was found"
                    : "Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded",
                condition: .cmdletAvailable(shellCmdlet)))
        if let pattern = TransportServices.adminDisplayVersionPattern(for: version) {
            for server in variables.servers {
                checks.append(
                    PreflightCheck(
                        name: "exchange-version",
                        summary: "The server does not run \(version.displayName) (AdminDisplayVersion \(pattern))",
                        subjects: [.variable(server)],
                        condition: .exists(
                            PowerShellPipeline(
                                read("Get-ExchangeServer", [PowerShellParameter("Identity", .variable(server))]),
                                where: [.like("AdminDisplayVersion", pattern)]))))
            }
        }
        for server in variables.servers where !version.isOnline {
            // The services the script stops and starts must exist there, or the first stop would throw
            // with transport half down (a service optional on this version is controlled only where found).
            let required = TransportServices.requiredNames(for: version)
            checks.append(
                PreflightCheck(
                    name: "transport-services",
                    summary: "The server lacks a transport service the script stops and starts ("
                        + required.joined(separator: ", ") + ")",
                    subjects: [.variable(server)],
                    condition: .all(
                        required.map { name in
                            .exists(
                                PowerShellPipeline(
                                    PowerShellCommand(
                                        "Get-Service",
                                        [PowerShellParameter("ComputerName", .variable(server)), PowerShellParameter("Name", .string(name))],
                                        server: .variable(server)),
                                    missingIsEmpty: true))
                        })))
        }
        if !version.isOnline {
            checks.append(
                PreflightCheck(
                    name: "transport-servers",
                    summary: "The transport servers Exchange reports differ from the plan's transportServers "
                        + "(a server missing from the plan would keep sending unjournaled mail)",
                    subjects: [.variable(variables.transportServers)],
                    condition: .sameNames(
                        PowerShellPipeline(read(TransportServices.listCmdlet(for: version))), property: "Name",
                        expected: .variable(variables.transportServers))))
        }
        checks += journalTargetChecks
        checks.append(
            PreflightCheck(
                name: "journal-mailbox", summary: "The journal mailbox does not exist",
                subjects: [.variable(variables.journalMailbox)], condition: recipient(variables.journalMailbox)))
        if let ndr = variables.ndrMailbox {
            checks.append(
                PreflightCheck(
                    name: "ndr-mailbox", summary: "The NDR mailbox (JournalingReportNdrTo) does not exist",
                    subjects: [.variable(ndr)], condition: recipient(ndr)))
        }
        let contact = PowerShellValue.variable(variables.contactAddress)
        checks.append(
            PreflightCheck(
                name: "contact",
                summary: "Another recipient already has the contact's address (the contact must be absent or a mail contact for that address)",
                subjects: [contact],
                condition: .absent(
                    PowerShellPipeline(
                        read("Get-Recipient", [PowerShellParameter("Identity", contact)]),
                        where: [
                            .anyOf([
                                .notEquals("RecipientType", .string("MailContact")),
                                .not(.addressEquals("ExternalEmailAddress", contact)),
                            ])
                        ], missingIsEmpty: true))))
        checks.append(
            PreflightCheck(
                name: "journal-domain-not-accepted",
                summary: "The journal domain is an accepted domain: Exchange would deliver journal reports locally",
                subjects: [.variable(variables.journalDomain)],
                condition: .absent(
                    PowerShellPipeline(
                        read("Get-AcceptedDomain"), where: [.equals("DomainName", .variable(variables.journalDomain))]))))
        return checks
    }

    /// Each journal rule (premium) or database (standard) exists and journals to the journal mailbox,
    /// or, on a resume, already to the contact.
    var journalTargetChecks: [PreflightCheck] {
        let targets: [PowerShellValue] = [.variable(variables.journalMailbox), .variable(variables.contactAddress)]
        let premium = plan.exchange.journaling.value == .premium
        let objects = premium ? variables.rules : variables.databases
        return objects.map { object in
            PreflightCheck(
                name: premium ? "journal-rule" : "database-journal-recipient",
                summary: (premium
                    ? "The journal rule is missing or journals somewhere other than the journal mailbox"
                    : "The database is missing or its JournalRecipient is not the journal mailbox")
                    + " (or, on a resume, the contact)",
                subjects: [.variable(object)],
                condition: .exists(
                    PowerShellPipeline(
                        read(premium ? "Get-JournalRule" : "Get-MailboxDatabase", [PowerShellParameter("Identity", .variable(object))]),
                        where: [
                            .anyOf(targets.map { premium ? .addressEquals("JournalEmailAddress", $0) : .sameRecipient("JournalRecipient", $0) })
                        ],
                        missingIsEmpty: true)))
        }
    }
}
