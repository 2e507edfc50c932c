import JournalPlanCore
import Testing

/// The typed command model the script and the PowerShell adapter share.
@Suite struct CommandModelTests {
    static func graph(_ file: String) throws -> StepGraph { try CompileGoldenTests.compile(file).graph }

    static func node(_ graph: StepGraph, _ key: String) throws -> GraphNode {
        try #require(graph.nodes.first { $0.key(in: graph) == key })
    }

    @Test func stopTransportIsCheckedWindowedAndUndoable() throws {
        let graph = try Self.graph("exchange-2016-two-servers.yaml")
        let program = ExchangeCommands.program(for: try Self.node(graph, "stop-transport@EX02"), in: graph)
        #expect(program.requiresWindow)
        #expect(program.check != nil)
        guard case .controlServices(let stop) = try #require(program.apply.first), program.apply.count == 1 else {
            Issue.record("not one service control: \(program.apply)")
            return
        }
        #expect(stop.stop && stop.services == ["MSExchangeFrontEndTransport", "MSExchangeTransport"] && stop.optional.isEmpty)
        #expect(PowerShellRenderer.value(stop.servers) == "$jpServer2")
        #expect(stop.timeoutSeconds == TransportServices.controlTimeoutSeconds)
        guard case .controlServices(let start) = try #require(program.undo?.first) else {
            Issue.record("the undo is not a service control")
            return
        }
        #expect(!start.stop && start.services == ["MSExchangeTransport", "MSExchangeFrontEndTransport"])
    }

    @Test func repointIsSetJournalRuleWithTheContactAndUndoesToTheMailbox() throws {
        let graph = try Self.graph("exchange-online.yaml")
        let program = ExchangeCommands.program(for: try Self.node(graph, "repoint-rules@Journal Executives"), in: graph)
        let command = try #require(program.apply.flatMap(\.commands).first)
        #expect(PowerShellRenderer.command(command) == "Set-JournalRule -Identity $jpRule2 -JournalEmailAddress $jpContactAddress -Confirm:$false")
        let undo = try #require(program.undo?.flatMap(\.commands).first)
        #expect(undo.value(of: "JournalEmailAddress").map(PowerShellRenderer.value) == "$jpJournalMailbox")
        #expect(!program.requiresWindow)
    }

    @Test func deletingAConnectorIsAGateWithoutUndo() throws {
        let graph = try Self.graph("exchange-2016-two-servers.yaml")
        let program = ExchangeCommands.program(for: try Self.node(graph, "delete-pop3"), in: graph)
        #expect(program.undo == nil)
        #expect(program.check == nil)
        guard case .gate(let gate) = program.apply.first else {
            Issue.record("not a gate")
            return
        }
        #expect(gate.consolePath == "Administration | Services | Journaling")
    }

    @Test func standardJournalingSetsEachDatabase() throws {
        let graph = try Self.graph("exchange-2019-standard-journaling.yaml")
        let program = ExchangeCommands.program(for: try Self.node(graph, "repoint-databases@DB02"), in: graph)
        let command = try #require(program.apply.flatMap(\.commands).first { $0.isChange })
        #expect(PowerShellRenderer.command(command)
            == "Set-MailboxDatabase -Identity $jpDatabase2 -JournalRecipient $jpContactAddress -DomainController $jpDomainController -Confirm:$false")
    }

    /// Transport servers as Exchange counts them come from Get-ExchangeServer, the one listing of every
    /// version's servers (Get-TransportServer also lists Edge servers; a 2016 shell's Get-TransportService
    /// does not list 2010 hubs).
    @Test(arguments: [
        ("exchange-2010-single-hub.yaml", "Get-ExchangeServer"), ("exchange-2016-two-servers.yaml", "Get-ExchangeServer"),
        ("exchange-2019-standard-journaling.yaml", "Get-ExchangeServer"),
    ])
    func preflightListsTransportServersAsExchangeCountsThem(_ file: String, _ cmdlet: String) throws {
        let plan = try Self.graph(file).plan
        let checks = ExchangeCommands.preflight(for: plan)
        let names = checks.map(\.name)
        for expected in ["exchange-shell", "exchange-version", "transport-servers", "journal-mailbox", "ndr-mailbox", "contact", "journal-domain-not-accepted"] {
            #expect(names.contains(expected), "\(expected)")
        }
        let servers = try #require(checks.first { $0.name == "transport-servers" })
        #expect(servers.condition.commands.map(\.cmdlet) == [cmdlet])
        #expect(names.contains(plan.exchange.journaling.value == .premium ? "journal-rule" : "database-journal-recipient"))
    }

    /// Issue 16: the preflight reads the whole estate, not only the plan's objects.
    @Test(arguments: ["exchange-2010-single-hub.yaml", "exchange-2016-two-servers.yaml", "exchange-2019-standard-journaling.yaml"])
    func preflightReadsTheWholeEstate(_ file: String) throws {
        let plan = try Self.graph(file).plan
        let checks = ExchangeCommands.preflight(for: plan)
        func check(_ name: String) throws -> PreflightCheck { try #require(checks.first { $0.name == name }, "\(name)") }
        // Every journal rule and every database journalling to the mailbox, whatever the journaling type.
        #expect(try check("unlisted-journal-rules").condition.commands.map(\.cmdlet) == ["Get-JournalRule"])
        #expect(try check("unlisted-journal-databases").condition.commands.map(\.cmdlet) == ["Get-MailboxDatabase"])
        // A wildcard or a parent with MatchSubDomains covers the journal domain.
        let accepted = PowerShellRenderer.condition(try check("journal-domain-not-accepted").condition)
        let parent = plan.domain.name.value.text.split(separator: ".").dropFirst().joined(separator: ".")
        #expect(accepted.contains("'*.\(parent)'"), "\(accepted)")
        #expect(accepted.contains("MatchSubDomains") == (plan.exchange.version.value != .v2010))
        #expect(try check("mixed-versions").condition.commands.map(\.cmdlet) == ["Get-ExchangeServer"])
        // The Journaling Agent is a 2007/2010 Hub Transport agent; on 2013+ it is not listed that way.
        let agent = checks.first { $0.name == "journaling-agent" }
        #expect((agent != nil) == (plan.exchange.version.value == .v2010))
        if let agent {
            #expect(PowerShellRenderer.condition(agent.condition).contains("Get-TransportAgent -Identity 'Journaling Agent'"))
        }
    }

    /// Inside the outage, a rule or database change re-checks that transport is still stopped on every
    /// server (Managed Availability can start it again); outside the outage and online there is nothing to re-check.
    @Test func ruleChangesInsideTheOutageRequireTransportStillStopped() throws {
        for (file, key) in [
            ("exchange-2016-two-servers.yaml", "disable-rule@Journal All Mail"),
            ("exchange-2019-standard-journaling.yaml", "repoint-databases@DB02"),
        ] {
            let graph = try Self.graph(file)
            let program = ExchangeCommands.program(for: try Self.node(graph, key), in: graph)
            guard case .require(let condition, let failure)? = program.apply.first else {
                Issue.record("\(key): no re-check first")
                continue
            }
            #expect(failure.contains("running again inside the outage"))
            #expect(condition.commands.allSatisfy { $0.cmdlet == "Get-Service" })
            #expect(Set(condition.commands.compactMap { $0.server.map(PowerShellRenderer.value) }).count == graph.plan.exchange.transportServers.count)
        }
        let online = try Self.graph("exchange-online.yaml")
        for node in online.nodes {
            #expect(!ExchangeCommands.program(for: node, in: online).apply.contains { if case .require = $0 { true } else { false } })
        }
    }

    @Test func onlinePreflightNeedsAnExchangeOnlineSessionAndMailboxesOutsideIt() throws {
        let checks = ExchangeCommands.preflight(for: try Self.graph("exchange-online.yaml").plan)
        let session = PowerShellRenderer.condition(try #require(checks.first).condition)
        #expect(session.contains("Get-ConnectionInformation"), "\(session)")
        #expect(session.contains("'ExchangeOnline_*'"))
        let outside = try #require(checks.first { $0.name == "journal-mailbox-not-in-exchange-online" })
        #expect(PowerShellRenderer.condition(outside.condition).contains("'UserMailbox'"))
        #expect(checks.contains { $0.name == "ndr-mailbox-not-in-exchange-online" })
    }

    /// Protected mail: journal-report decryption off is a warning, not a stop (the reports still reach
    /// Mimecast, encrypted); the script warns and goes on, the runbook says so and names S/MIME.
    @Test(arguments: ["exchange-2010-single-hub.yaml", "exchange-2016-two-servers.yaml", "exchange-online.yaml"])
    func irmJournalDecryptionOffIsAWarning(_ file: String) throws {
        let compiled = try CompileGoldenTests.compile(file)
        let checks = ExchangeCommands.preflight(for: compiled.graph.plan)
        let irm = try #require(checks.first { $0.name == "irm-journal-decryption" })
        #expect(irm.advisory)
        #expect(checks.filter(\.advisory).map(\.name) == ["irm-journal-decryption"])
        #expect(PowerShellRenderer.condition(irm.condition).contains("Get-IRMConfiguration"))
        #expect(PowerShellRenderer.condition(irm.condition).contains("JournalReportDecryptionEnabled"))
        let script = PowerShellRenderer.render(graph: compiled.graph, planSHA256: compiled.sha256, toolVersion: "0.1.0")
        #expect(script.contains("[void](Test-JpPreflight -Summary 'IRM journal-report decryption is off"), "\(file)")
        #expect(script.contains(" -Advisory -Condition {"), "\(file)")
        let runbook = RunbookRenderer(graph: compiled.graph, planSHA256: compiled.sha256).render()
        #expect(runbook.contains("S/MIME"))
        #expect(runbook.contains("`irm-journal-decryption`: should be true; otherwise a warning"))
        #expect(runbook.contains("`unlisted-journal-rules`: must be true"))
    }

    @Test func onlinePreflightNeedsASessionAndChecksNoServers() throws {
        let checks = ExchangeCommands.preflight(for: try Self.graph("exchange-online.yaml").plan)
        #expect(checks.first?.name == "exchange-shell")
        #expect(!checks.contains { $0.name == "transport-servers" || $0.name == "exchange-version" })
        #expect(checks.filter { $0.name == "journal-rule" }.count == 2)
    }

    @Test func declarationsCoverTheVariablesACommandUses() throws {
        let graph = try Self.graph("exchange-2016-two-servers.yaml")
        let program = ExchangeCommands.program(for: try Self.node(graph, "create-contact"), in: graph)
        let declarations = PowerShellRenderer.declarations(for: program.apply.flatMap(\.commands))
        #expect(declarations.contains("$jpContactName = 'Mimecast Journaling'"))
        #expect(declarations.contains("$jpDomainController = 'DC01.contoso.com'"))
        #expect(Set(declarations).count == declarations.count)
    }

    @Test(arguments: ExamplePlansTests.planFiles)
    func variableNamesAreUniqueAndSafe(_ file: String) throws {
        let names = PlanVariables(plan: try Self.graph(file).plan).all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy(PowerShellVariable.isValidName))
    }
}

/// Reads and changes are told apart (a dry run sends only reads).
@Suite struct CommandKindTests {
    @Test func readsAreNotChanges() {
        #expect(!PowerShellCommand("Get-JournalRule").isChange)
        #expect(!PowerShellCommand("Test-Path").isChange)
        #expect(PowerShellCommand("Set-JournalRule").isChange)
        #expect(PowerShellCommand("Stop-Service").isChange)
        #expect(PowerShellCommand("Send-MailMessage").isChange)
    }
}
