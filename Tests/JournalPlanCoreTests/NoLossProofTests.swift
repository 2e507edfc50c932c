import JournalPlanCore
import Testing

/// `plan validate` says what it proved (issue 20): the no-loss claim is made exactly when JP401 ran on
/// the exact model over the whole graph and the file has no errors.
@Suite struct NoLossProofTests {
    @Test func aCleanPlanClaimsEveryOrderOfItsNodes() throws {
        let result = PlanValidator().validate(text: ExamplePlan.text(), file: "plans/a.yaml")
        #expect(!result.hasErrors)
        let graph = try #require(result.graph)
        let proof = try #require(result.proof)
        #expect(proof == NoLossProof(nodes: graph.nodeCount, steps: graph.steps.count))
        #expect(proof.nodes > proof.steps, "the example's per-server steps are several nodes each")
        let text = TextDiagnosticFormatter(colorize: false).report([result], sources: [:])
        #expect(text == "plans/a.yaml: no-loss: every order of \(proof.nodes) nodes checked\n0 errors, 0 warnings in 1 file\n")
    }

    @Test func warningsKeepTheClaim() throws {
        let example = try #require(DuplicateJournaling.examples.first { $0.triggers })
        let result = PlanValidator().validate(text: example.yaml)
        #expect(!result.hasErrors && !result.diagnostics.isEmpty)
        #expect(result.proof != nil)
    }

    @Test(arguments: [NoJournalLoss.self, ConflictingStepsOrdered.self] as [any PlanRule.Type])
    func aPlanWithErrorsClaimsNothing(_ rule: any PlanRule.Type) throws {
        for example in rule.examples where example.triggers {
            let result = PlanValidator().validate(text: example.yaml)
            #expect(result.hasErrors)
            #expect(result.proof == nil, "\(example.title)")
            #expect(!TextDiagnosticFormatter(colorize: false).report([result], sources: [:]).contains("no-loss:"))
        }
    }

    @Test func withoutTheNoLossRuleThereIsNoClaim() {
        let rules = RuleRegistry.rules.filter { $0 != NoJournalLoss.self }
        let result = PlanValidator(rules: rules).validate(text: ExamplePlan.text())
        #expect(!result.hasErrors)
        #expect(result.proof == nil)
    }

    @Test func jsonCarriesTheClaim() throws {
        let clean = PlanValidator().validate(text: ExamplePlan.text(), file: "a.yaml")
        let bad = PlanValidator().validate(text: "a: [", file: "b.yaml")
        let doc = JSONDiagnosticFormatter.document([clean, bad]).rendered(pretty: false)
        let nodes = try #require(clean.proof?.nodes)
        #expect(doc.contains(
            #""proved":[{"file":"a.yaml","claim":"no-loss","orders":"all","nodes":\#(nodes),"steps":\#(clean.plan!.steps.count)}]"#))
    }
}
