import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// The simulator must be able to see loss, or "lost 0" proves nothing.
@Suite struct SimulatedEstateTests {
    let graph = Fixtures.graph(Fixtures.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path)!

    func node(_ id: String, _ target: NodeTarget = .none) -> GraphNode {
        graph.nodes.first { graph.steps[$0.step].id.value == id && $0.target == target }!
    }

    func apply(_ ids: [(String, NodeTarget)], to estate: inout SimulatedEstate) {
        for (id, target) in ids { _ = SimulatedActions.apply(node(id, target), in: graph, estate: &estate) }
    }

    @Test func beforeTheCutOverReportsGoThroughPOP3() {
        var estate = SimulatedEstate(plan: graph.plan)
        estate.sendTraffic(10)
        #expect(estate.counters.journaledPOP3 == 10)
        #expect(estate.counters.lost == 0)
    }

    @Test func mailThroughARunningServerWhileTheRuleIsDisabledIsLost() {
        var estate = SimulatedEstate(plan: graph.plan)
        apply([("stop-transport", .server("EX01")), ("disable-rule", .rule("Journal All Mail"))], to: &estate)
        estate.sendTraffic(5)  // EX02 still runs
        #expect(estate.counters.lost == 5)
    }

    @Test func noMailFlowsWhileEveryServerIsStopped() {
        var estate = SimulatedEstate(plan: graph.plan)
        apply(
            [("stop-transport", .server("EX01")), ("stop-transport", .server("EX02")),
             ("disable-rule", .rule("Journal All Mail"))], to: &estate)
        estate.sendTraffic(5)
        #expect(estate.counters.sent == 0)
        #expect(estate.counters.deferred == 5)
        apply([("start-transport", .server("EX02"))], to: &estate)  // enable-rule has not run yet
        estate.sendTraffic(0)
        #expect(estate.counters.lost == 5)
    }

    @Test func repointingBeforeMimecastAcceptsLosesReports() {
        var estate = SimulatedEstate(plan: graph.plan)
        apply([("create-contact", .none), ("repoint-rule", .rule("Journal All Mail"))], to: &estate)
        estate.sendTraffic(3)
        #expect(estate.counters.lost == 3)
        apply([("request-domain", .none), ("create-smtp-connector", .none)], to: &estate)
        estate.sendTraffic(3)
        #expect(estate.counters.journaledSMTP == 3)
    }

    @Test func deletingPOP3WithReportsWaitingLosesThem() {
        var estate = SimulatedEstate(plan: graph.plan)
        estate.flow.connectors["pop3"]?.enabled = false  // stops pulling
        estate.sendTraffic(4)
        #expect(estate.mailboxQueue == 4)
        apply([("delete-pop3", .none)], to: &estate)
        #expect(estate.counters.lost == 4)
    }

    @Test func undoOfARepointRestoresThePreviousTarget() {
        var estate = SimulatedEstate(plan: graph.plan)
        let repoint = node("repoint-rule", .rule("Journal All Mail"))
        let record = SimulatedActions.apply(repoint, in: graph, estate: &estate)
        #expect(estate.flow.journalers[.rule("Journal All Mail")]?.target == .contact)
        SimulatedActions.undo(repoint, in: graph, record: record, flow: &estate.flow)
        #expect(estate.flow.journalers[.rule("Journal All Mail")]?.target == .mailbox)
    }
}
