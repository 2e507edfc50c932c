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

    @Test func onlinePreflightNeedsASessionAndChecksNoServers() throws {
        let checks = ExchangeCommands.preflight(for: try Self.graph("exchange-online.yaml").plan)
        #expect(checks.first?.condition == .cmdletAvailable("Get-JournalRule"))
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
