import JournalPlanCore
import Testing

/// The mail-flow model's transitions and queries, step by step through real plans.
@Suite struct NoLossModelTests {
    func graph(_ text: String) throws -> StepGraph {
        let result = PlanValidator().validate(text: text)
        return try #require(result.graph, "\(result.diagnostics.map(\.message))")
    }

    /// Applies the nodes of the steps with these ids (all targets), in order.
    func run(_ ids: [String], _ graph: StepGraph, from state: MailFlowState) -> MailFlowState {
        var state = state
        for id in ids {
            for node in graph.nodes where graph.steps[node.step].id.value == id { state.apply(node, in: graph) }
        }
        return state
    }

    @Test func canonicalCutOverStepByStep() throws {
        let g = try graph(ExamplePlan.text())
        var state = MailFlowState.initial(for: g.plan)
        #expect(state.journalOutcome(acceptedBy: "EX01") == .journaled(.pop3))
        #expect(!state.contactExists && !state.domainAccepted)
        #expect(state.journalMailboxMayHoldReports)
        state = run(["create-contact", "set-ndr-mailbox", "request-domain", "create-smtp-connector", "stop-transport"], g, from: state)
        #expect(state.journalOutcome(acceptedBy: "EX02") == .notAccepted(server: "EX02"))
        #expect(!state.mailFlows)
        state = run(["disable-rule", "repoint-rule", "enable-rule"], g, from: state)
        #expect(state.currentLoss == nil)
        state = run(["start-transport"], g, from: state)
        #expect(state.journalOutcome(acceptedBy: "EX01") == .journaled(.smtp))
        #expect(!state.isGoal, "the POP3 connector is not drained yet")
        state = run(["confirm", "drain-pop3", "delete-pop3"], g, from: state)
        #expect(state.isGoal, "\(state.goalShortfalls)")
        #expect(!state.pop3Stranded)
    }

    @Test func disabledRuleLosesMailOnRunningServers() throws {
        let g = try graph(ExamplePlan.text())
        let state = run(["disable-rule"], g, from: .initial(for: g.plan))
        guard case .lost(let loss) = state.journalOutcome(acceptedBy: "EX01") else {
            Issue.record("expected a loss")
            return
        }
        #expect(loss.cause == .flowDisabled)
        #expect(
            loss.description
                == "mail accepted by EX01 now is not journaled: rule 'Journal All Mail' is disabled and EX01's transport is running")
    }

    @Test func contactRouteNeedsContactDomainAndConnector() throws {
        let g = try graph(ExamplePlan.text())
        var state = run(["stop-transport", "disable-rule", "repoint-rule", "enable-rule"], g, from: .initial(for: g.plan))
        state.transportRunning["EX01"] = true
        #expect(state.contactRouteProblem == .contactMissing)
        state = run(["create-contact"], g, from: state)
        #expect(state.contactRouteProblem == .domainNotAccepted)
        state = run(["request-domain"], g, from: state)
        #expect(state.contactRouteProblem == .smtpConnectorAbsent)
        if case .lost(let loss) = state.journalOutcome(acceptedBy: "EX01") {
            #expect(!loss.ndrMailboxSet)
            #expect(loss.description.contains("expires"))
        } else {
            Issue.record("expected a loss")
        }
        state = run(["create-smtp-connector"], g, from: state)
        #expect(state.journalOutcome(acceptedBy: "EX01") == .journaled(.smtp))
    }

    @Test func sendConnectorIsRequiredOnlyWhenThePlanCreatesOne() throws {
        let steps = ExamplePlan.cutoverSteps([
            "create-smtp-connector": """
                { id: create-smtp-connector, action: create-connector, connector: smtp }
                  - { id: route-journal-domain, action: create-send-connector }
                """
        ])
        let g = try graph(ExamplePlan.text(steps: steps))
        let state = run(["create-contact", "request-domain", "create-smtp-connector"], g, from: .initial(for: g.plan))
        #expect(state.sendConnectorRequired)
        #expect(state.contactRouteProblem == .sendConnectorMissing)
        #expect(run(["route-journal-domain"], g, from: state).contactRouteProblem == nil)
        let plain = try graph(ExamplePlan.text())
        #expect(run(["create-contact", "request-domain", "create-smtp-connector"], plain, from: .initial(for: plain.plan)).contactRouteProblem == nil)
    }

    @Test func disabledPOP3ConnectorKeepsReportsUntilDeleted() throws {
        let steps = ExamplePlan.cutoverSteps([
            "drain-pop3": "{ id: drain-pop3, action: disable-connector, connector: pop3 }"
        ])
        let g = try graph(ExamplePlan.text(steps: steps))
        var state = run(["drain-pop3"], g, from: .initial(for: g.plan))
        #expect(state.connectors["pop3"] == ConnectorState(presence: .present, enabled: false))
        #expect(state.journalOutcome(acceptedBy: "EX01") == .journaled(.pop3))
        state = run(["delete-pop3"], g, from: state)
        #expect(state.pop3Stranded)
        if case .lost(let loss) = state.journalOutcome(acceptedBy: "EX01") {
            #expect(loss.cause == .pop3ConnectorDeleted)
        } else {
            Issue.record("expected a loss")
        }
    }

    @Test func drainingIsUndoneByLaterMailToTheMailbox() throws {
        let g = try graph(ExamplePlan.text())
        var state = run(["drain-pop3"], g, from: .initial(for: g.plan))
        #expect(state.journalMailboxMayHoldReports, "the rule still journals to the mailbox while mail flows")
        state = run(["stop-transport", "drain-pop3"], g, from: .initial(for: g.plan))
        #expect(!state.journalMailboxMayHoldReports)
        state = run(["start-transport"], g, from: state)
        #expect(state.journalMailboxMayHoldReports)
    }

    @Test func standardJournalingIsOneFlowPerDatabase() throws {
        let g = try graph(
            ExamplePlan.text(
                journaling: "standard",
                steps: ExamplePlan.cutoverSteps([
                    "disable-rule": nil, "enable-rule": nil,
                    "repoint-rule": "{ id: repoint-rule, action: set-journal-recipient, to: contact, databases: [DB01] }",
                ])))
        let state = run(["create-contact", "request-domain", "create-smtp-connector", "repoint-rule"], g, from: .initial(for: g.plan))
        #expect(state.journalOutcome(acceptedBy: "EX01", database: "DB01") == .journaled(.smtp))
        #expect(state.journalOutcome(acceptedBy: "EX01", database: "DB02") == .journaled(.pop3))
        #expect(state.journalOutcome(acceptedBy: "EX01") == .journaled([.pop3, .smtp]), "separate flows, not duplicates")
        #expect(state.currentDuplicate == nil)
    }

    @Test func premiumRulesOnBothTargetsDuplicate() throws {
        let g = try graph(
            ExamplePlan.text(
                version: "online", rules: ["A", "B"],
                steps: DuplicateJournaling.onlineSteps(
                    repoint: "  - { id: repoint-a, action: set-journal-recipient, to: contact, rules: [A] }")))
        let state = run(["set-ndr-mailbox", "create-contact", "request-domain", "create-smtp-connector", "repoint-a"], g, from: .initial(for: g.plan))
        #expect(state.journalOutcome(acceptedBy: nil) == JournalOutcome.duplicated(mailboxFlow: NodeTarget.rule("B"), contactFlow: NodeTarget.rule("A")))
        #expect(state.currentDuplicate?.mailboxFlow == .rule("B"))
    }
}
