import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// The PowerShell adapter sends the core's rendered programs: plan values only in `$jp…` declarations.
@Suite struct ExchangeScriptsTests {
    let graph = Fixtures.graph(Fixtures.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path)!

    func node(_ id: String) -> GraphNode { graph.nodes.first { graph.steps[$0.step].id.value == id }! }

    @Test func applyDeclaresPlanValuesAndSendsTheCmdlet() throws {
        let parts = ExchangeScripts(graph: graph).apply(node("disable-rule"), started: Date())
        guard case .run(let script) = try #require(parts.first) else {
            Issue.record("expected a script to run")
            return
        }
        #expect(script.hasPrefix(ScriptHelpers.commandHelpers))
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines.contains("$jpRule1 = 'Journal All Mail'"))
        #expect(lines.last?.hasPrefix("Disable-JournalRule -Identity $jpRule1") == true)
    }

    @Test func checkEndsInABooleanCondition() throws {
        let script = try #require(ExchangeScripts(graph: graph).check(node("repoint-rule"), started: nil))
        #expect(script.contains("Get-JournalRule -Identity $jpRule1"))
        #expect(!script.contains("jpNodeStarted"))
    }

    @Test func aWaitIsPolledThroughItsConditionAndSendsNoGate() throws {
        let scripts = ExchangeScripts(graph: graph)
        let check = try #require(scripts.check(node("drain-pop3"), started: Date(timeIntervalSince1970: 0)))
        #expect(check.contains("Get-Queue"))
        #expect(check.contains("$jpNodeStarted = [datetime]::Parse('1970-01-01T00:00:00Z')"))
        #expect(scripts.apply(node("drain-pop3"), started: Date()).isEmpty)  // gate and wait only
    }

    @Test func undoOfStopStartsTransport() throws {
        let undo = try #require(ExchangeScripts(graph: graph).undo(graph.nodes.first { $0.target == .server("EX02") }!, remembered: [:]))
        #expect(undo.contains("Set-JpServiceState -Servers $jpServer2 -Names @('MSExchangeTransport', 'MSExchangeFrontEndTransport') -Status 'Running' -TimeoutSeconds 600"))
        #expect(undo.contains("function Set-JpServiceState {"))  // the helper travels with the request
        #expect(undo.contains("$jpServer2 = 'EX02'"))
    }

    @Test func theNDRMailboxIsRememberedBeforeItChangesAndRestoredByUndo() throws {
        let scripts = ExchangeScripts(graph: graph)
        let parts = scripts.apply(node("set-ndr-mailbox"), started: Date())
        #expect(parts.count == 2)
        guard case .remember(let name, let read) = try #require(parts.first) else {
            Issue.record("expected the previous value to be read first")
            return
        }
        #expect(read.hasSuffix("[string](@(Get-TransportConfig -DomainController $jpDomainController))[0].JournalingReportNdrTo"))
        let undo = try #require(scripts.undo(node("set-ndr-mailbox"), remembered: [name: "old'ndr@contoso.com"]))
        #expect(undo.contains("$script:jpRemembered = @{ '\(name)' = 'old''ndr@contoso.com' }"))
        #expect(undo.contains("Set-TransportConfig -JournalingReportNdrTo (Get-JpRemembered -Name '\(name)')"))
    }
}

/// Issue 18: through the PowerShell host a stop or start node asks and polls, never holding the host
/// while its services get there, so the other servers' requests go through meanwhile.
@Suite struct TransportPollTests {
    let graph = Fixtures.graph(Fixtures.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path)!

    @Test func aStopIsARequestThePowerShellAdapterPolls() throws {
        let node = try #require(graph.nodes.first { $0.key(in: graph) == "stop-transport@EX02" })
        let parts = ExchangeScripts(graph: graph).apply(node, started: Date())
        guard case .poll(let script, let timeout) = try #require(parts.first), parts.count == 1 else {
            Issue.record("expected one polled request: \(parts)")
            return
        }
        #expect(timeout == TransportServices.controlTimeoutSeconds)
        #expect(script.split(separator: "\n").last == "Set-JpServiceState -Servers $jpServer2 -Names @('MSExchangeFrontEndTransport', 'MSExchangeTransport') -Status 'Stopped' -TimeoutSeconds 600 -NoWait")
        #expect(script.contains("function Set-JpServiceState {"))
        // The polled form asks the next service that is not there and answers at once.
        let helper = ScriptHelpers.serviceHelper
        let noWait = try #require(helper.range(of: "if ($NoWait) {"))
        let returnAt = try #require(helper.range(of: "return $there"))
        #expect(!helper[noWait.upperBound..<returnAt.lowerBound].contains("WaitForStatus"))
        #expect(helper[noWait.upperBound..<returnAt.lowerBound].contains("break"))  // one service at a time
        // The stand-in host knows the request (the catalogue renders the same text).
        let catalogue = PowerShellRequestCatalogue(graph: graph)
        #expect(catalogue.identify(script) == [.apply(node: "stop-transport@EX02", part: 0, remember: nil)])
    }
}
