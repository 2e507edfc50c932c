import JournalPlanCore
import Testing

/// Issue 18: the runbook shows the outage the change window must hold, as long as one server's.
@Suite struct OutageEstimateTests {
    static func starter(servers: Int, rules: [String] = ["Journal All Mail"]) throws -> StepGraph {
        var options = StarterPlanOptions()
        options.version = .v2016
        options.journaling = .premium
        options.servers = (1...servers).map { "EX\($0)" }
        options.rules = rules
        options.name = "outage-\(servers)"
        let text = try StarterPlan.text(options)
        return try #require(PlanValidator().validate(Array(text.utf8), file: "outage.yaml").graph)
    }

    @Test func theEstimateIsOneStopTheJournalingChangesAndOneStart() throws {
        let graph = try CompileGoldenTests.compile("exchange-2016-two-servers.yaml").graph
        let estimate = try #require(OutageEstimate(graph: graph))
        // stop 45 s; disable, repoint, enable: 1 s check + 1 s write each; start: 1 s check + 30 s.
        #expect(estimate.seconds == 45 + 3 * 2 + 1 + 30)
        #expect(estimate.steps == ["stop-transport", "disable-rule", "repoint-rule", "enable-rule", "start-transport"])
        #expect(estimate.open.isEmpty)
        let runbook = RunbookRenderer(graph: graph, planSHA256: "").render()
        #expect(runbook.contains("| Expected outage | about 1m 22s without mail, from the first stop to the last start"))
    }

    /// The estimate does not grow with the number of servers; it grows with the journaling changes
    /// inside the outage (the script makes them one after another).
    @Test func theEstimateDoesNotGrowWithServers() throws {
        let one = try #require(OutageEstimate(graph: try Self.starter(servers: 1)))
        for servers in [2, 20, 200] {
            #expect(OutageEstimate(graph: try Self.starter(servers: servers))?.seconds == one.seconds, "\(servers)")
        }
        let twoRules = try #require(OutageEstimate(graph: try Self.starter(servers: 3, rules: ["A", "B"])))
        #expect(twoRules.seconds > one.seconds)
    }

    @Test func aPlanWithoutTransportStopsHasNoOutage() throws {
        let graph = try CompileGoldenTests.compile("exchange-online.yaml").graph
        #expect(OutageEstimate(graph: graph) == nil)
        #expect(!RunbookRenderer(graph: graph, planSHA256: "").render().contains("Expected outage"))
    }
}
