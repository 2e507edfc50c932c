/// Builds the preflight checks (docs/design.md §6): the plan's picture of the estate must match the live
/// organisation before anything changes, and again on every resume.
struct Preflight {
    let plan: Plan
    let variables: PlanVariables

    var version: ExchangeVersion { plan.exchange.version.value }

    func read(_ cmdlet: String, _ parameters: [PowerShellParameter] = []) -> PowerShellCommand {
        variables.exchangeCommand(cmdlet, parameters)
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
                    ? "Connect to Exchange Online PowerShell first (Connect-ExchangeOnline, module 3.0 or later): "
                        + "no connected Exchange Online session was found (an on-premises shell or a Security & "
                        + "Compliance session is not one)"
                    : "Run this script in the Exchange Management Shell: the Exchange cmdlets are not loaded",
                condition: version.isOnline ? Self.exchangeOnlineSession : .cmdletAvailable(shellCmdlet)))
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
                    summary: "The server cannot be reached, or lacks a transport service the script stops and starts ("
                        + required.joined(separator: ", ") + "): the outage would stop halfway",
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
                        + "(a server missing from the plan would keep sending unjournaled mail; Edge Transport "
                        + "servers are not counted)",
                    subjects: [.variable(variables.transportServers)],
                    condition: .sameNames(
                        PowerShellPipeline(read("Get-ExchangeServer"), where: [Self.carriesJournaledMail]),
                        property: "Name", expected: .variable(variables.transportServers))))
        }
        checks += estateChecks
        checks += journalTargetChecks
        checks += unlistedJournalerChecks
        checks += journalingAgentChecks
        checks.append(
            PreflightCheck(
                name: "journal-mailbox", summary: "The journal mailbox does not exist",
                subjects: [.variable(variables.journalMailbox)], condition: recipient(variables.journalMailbox)))
        if version.isOnline { checks.append(notAnOnlineMailbox(variables.journalMailbox, name: "journal-mailbox")) }
        if let ndr = variables.ndrMailbox {
            checks.append(
                PreflightCheck(
                    name: "ndr-mailbox", summary: "The NDR mailbox (JournalingReportNdrTo) does not exist",
                    subjects: [.variable(ndr)], condition: recipient(ndr)))
            if version.isOnline { checks.append(notAnOnlineMailbox(ndr, name: "ndr-mailbox")) }
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
                summary: "An accepted domain covers the journal domain (the same name, a wildcard such as *.parent, "
                    + "or a parent with MatchSubDomains): Exchange would deliver journal reports locally",
                subjects: [.variable(variables.journalDomain)],
                condition: .noneNamed(
                    PowerShellPipeline(read("Get-AcceptedDomain"), where: [acceptedDomainCovers]), property: "DomainName")))
        checks += protectedMailChecks
        return checks
    }

    /// Protected mail (a warning): with IRM journal-report decryption off, journal reports of
    /// rights-protected messages reach Mimecast with only the protected copy, which Mimecast cannot index.
    /// Nothing is lost, so the run goes on. `Get-IRMConfiguration` exists on 2010 and later and online.
    /// S/MIME messages are never decrypted by Exchange: the runbook says so.
    var protectedMailChecks: [PreflightCheck] {
        guard version != .v2003, version != .v2007 else { return [] }
        return [
            PreflightCheck(
                name: "irm-journal-decryption",
                summary: "IRM journal-report decryption is off (Get-IRMConfiguration JournalReportDecryptionEnabled): "
                    + "journal reports of rights-protected messages reach Mimecast still protected "
                    + "(Set-IRMConfiguration -JournalReportDecryptionEnabled $true if IRM is in use)",
                condition: .exists(
                    PowerShellPipeline(
                        read("Get-IRMConfiguration"), where: [.equals("JournalReportDecryptionEnabled", .bool(true))])),
                advisory: true)
        ]
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

    // MARK: The whole estate (issue 16)

    /// An Exchange server that applies journal rules to the mail it carries: a Hub Transport server
    /// (2007/2010) or a 2013-or-later Mailbox server (its Transport service). Edge Transport servers (role
    /// `Edge`) do not journal and are not stopped, so they are never counted, although 2007/2010
    /// `Get-TransportServer` lists them. Read from `Get-ExchangeServer`, the one listing that holds every
    /// version's servers (a 2016 shell's `Get-TransportService` does not list 2010 hubs). ServerRole is
    /// compared as its text (`Mailbox, ClientAccess, HubTransport`), which is tolerant of the role's
    /// serialised form in a remote session.
    static let carriesJournaledMail = PropertyTest.anyOf([
        .like("ServerRole", "*HubTransport*"),
        .allOf([.like("ServerRole", "*Mailbox*"), .like("AdminDisplayVersion", "Version 15*")]),
    ])

    /// Checks of the estate around the plan's objects: no transport server of another version.
    var estateChecks: [PreflightCheck] {
        guard !version.isOnline, version.isScriptable else { return [] }
        var checks: [PreflightCheck] = []
        if let pattern = TransportServices.adminDisplayVersionPattern(for: version) {
            checks.append(
                PreflightCheck(
                    name: "mixed-versions",
                    summary: "A transport server runs another Exchange version than the plan's \(version.displayName) "
                        + "(AdminDisplayVersion \(pattern)): the plan's version cannot describe a mixed estate; "
                        + "finish the migration first, or plan each version's servers separately",
                    condition: .noneNamed(
                        PowerShellPipeline(
                            read("Get-ExchangeServer"),
                            where: [Self.carriesJournaledMail, .not(.like("AdminDisplayVersion", pattern))]),
                        property: "Name")))
        }
        return checks
    }

    /// Every journal rule and every database journal recipient that journals to the journal mailbox must
    /// be one the plan changes: after the POP3 connector is deleted, any other would keep feeding a mailbox
    /// nobody drains. Both kinds are read whatever the plan's journaling type (a premium organisation may
    /// also journal per database, and the reverse).
    var unlistedJournalerChecks: [PreflightCheck] {
        guard version.isScriptable else { return [] }
        let mailbox = PowerShellValue.variable(variables.journalMailbox)
        let premium = plan.exchange.journaling.value == .premium
        var checks = [
            PreflightCheck(
                name: "unlisted-journal-rules",
                summary: "A journal rule the plan does not list journals to the journal mailbox: after the POP3 "
                    + "connector is deleted its reports would stay there, never pulled",
                subjects: [mailbox],
                condition: .noneNamed(
                    PowerShellPipeline(
                        read("Get-JournalRule"),
                        where: [.addressEquals("JournalEmailAddress", mailbox)]
                            + (premium && !variables.rules.isEmpty
                                ? [.not(.anyOf(variables.rules.map { .equals("Name", .variable($0)) }))] : [])),
                    property: "Name"))
        ]
        if !version.isOnline {
            checks.append(
                PreflightCheck(
                    name: "unlisted-journal-databases",
                    summary: "A mailbox database the plan does not list journals (JournalRecipient) to the journal "
                        + "mailbox: after the POP3 connector is deleted its reports would stay there, never pulled",
                    subjects: [mailbox],
                    condition: .noneNamed(
                        PowerShellPipeline(
                            read("Get-MailboxDatabase"),
                            where: [.sameRecipient("JournalRecipient", mailbox)]
                                + (!premium && !variables.databases.isEmpty
                                    ? [.not(.anyOf(variables.databases.map { .equals("Name", .variable($0)) }))] : [])),
                        property: "Name")))
        }
        return checks
    }

    /// A connected Exchange Online session (module 3.0 or later): `Get-ConnectionInformation` lists a
    /// connection in state `Connected` named `ExchangeOnline_<n>` (a Security & Compliance connection is
    /// `ExchangeOnlineProtection_<n>`). Its presence is asked first, so an on-premises shell (which has
    /// `Get-JournalRule` too) fails the check instead of erroring. Source: Microsoft's
    /// Get-ConnectionInformation reference (exchange-ps, "The output of the cmdlet contains …").
    /// (Computed, not a stored global: the fuzzers' leak checker reports a lazily built global enum.)
    static var exchangeOnlineSession: PowerShellCondition {
        .all([
        .cmdletAvailable("Get-ConnectionInformation"),
        .exists(
            PowerShellPipeline(
                PowerShellCommand("Get-ConnectionInformation"),
                where: [.equals("State", .string("Connected")), .like("Name", "ExchangeOnline_*")])),
        ])
    }

    /// Microsoft accepts neither the journal mailbox nor the NDR mailbox (JournalingReportNdrTo) as an
    /// Exchange Online mailbox: it must be a mail user or contact whose mailbox is elsewhere. Read with
    /// `Get-Recipient -Identity` (any proxy address resolves; Microsoft recommends Get-EXORecipient, whose
    /// `-Identity` is not documented to take any address). RecipientType `UserMailbox` covers user,
    /// shared and resource mailboxes.
    func notAnOnlineMailbox(_ address: PowerShellVariable, name: String) -> PreflightCheck {
        PreflightCheck(
            name: name + "-not-in-exchange-online",
            summary: (name == "journal-mailbox" ? "The journal mailbox" : "The NDR mailbox (JournalingReportNdrTo)")
                + " is an Exchange Online mailbox, which Microsoft does not accept: use a mailbox outside "
                + "Exchange Online (a mail user or contact here)",
            subjects: [.variable(address)],
            condition: .absent(
                PowerShellPipeline(
                    read("Get-Recipient", [PowerShellParameter("Identity", .variable(address))]),
                    where: [.equals("RecipientType", .string("UserMailbox"))], missingIsEmpty: true)))
    }

    /// Exchange 2007/2010 journal through the Journaling Agent on each Hub Transport server: when it is
    /// disabled, the rules (or databases) journal nothing, before or after the cut-over. `Get-TransportAgent`
    /// there has no `-Server` parameter and reads the agents of the server the shell is connected to, so
    /// the check sees that server's agents only (documented; tolerant). Exchange 2007 is not checked: the
    /// repository's 2007 reference data does not list Get-TransportAgent, so its use there is unconfirmed.
    var journalingAgentChecks: [PreflightCheck] {
        guard version == .v2010 else { return [] }
        return [
            PreflightCheck(
                name: "journaling-agent",
                summary: "The Journaling Agent is not enabled (Get-TransportAgent, on the server this shell is "
                    + "connected to): Hub Transport servers would journal nothing; Enable-TransportAgent "
                    + "'Journaling Agent' and restart transport first",
                condition: .exists(
                    PowerShellPipeline(
                        read("Get-TransportAgent", [PowerShellParameter("Identity", .string("Journaling Agent"))]),
                        where: [.equals("Enabled", .bool(true))], missingIsEmpty: true)))
        ]
    }

    /// The journal domain itself, each wildcard `*.<domain or a parent>`, and (with `MatchSubDomains`)
    /// each parent domain. Whether `*.contoso.com` also covers `contoso.com` itself is not confirmed; the
    /// check refuses `*.journal.contoso.com` too, which errs on the side of stopping.
    var acceptedDomainCovers: PropertyTest {
        let labels = plan.domain.name.value.text.split(separator: ".").map(String.init)
        let suffixes = labels.indices.map { labels[$0...].joined(separator: ".") }  // journal.contoso.com, contoso.com, com
        let parents = Array(suffixes.dropFirst())
        var tests: [PropertyTest] = [.equals("DomainName", .variable(variables.journalDomain))]
        tests += suffixes.map { .equals("DomainName", .string("*." + $0)) }
        if Self.hasMatchSubDomains(version), !parents.isEmpty {
            tests.append(
                .allOf([.equals("MatchSubDomains", .bool(true)), .anyOf(parents.map { .equals("DomainName", .string($0)) })]))
        }
        return .anyOf(tests)
    }

    /// `MatchSubDomains` on accepted domains: Exchange 2013 and later, and Exchange Online (the 2010
    /// reference has no such parameter; reading a missing property would fail under strict mode).
    static func hasMatchSubDomains(_ version: ExchangeVersion) -> Bool {
        switch version {
        case .v2003, .v2007, .v2010: false
        case .v2013, .v2016, .v2019, .subscriptionEdition, .online: true
        }
    }
}
