import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// Every plan in `plans/` validates with no errors and no warnings.
@Suite struct ExamplePlansTests {
    static var repositoryRoot: URL { Repository.root }

    static var planFiles: [String] {
        Repository.files(in: "plans", endingIn: ".yaml")
    }

    @Test func thereAreExamplePlans() {
        #expect(Self.planFiles.count >= 4)
    }

    @Test("example plan validates", arguments: planFiles)
    func validates(_ name: String) throws {
        let url = Self.repositoryRoot.appendingPathComponent("plans").appendingPathComponent(name)
        let bytes = try [UInt8](Data(contentsOf: url))
        let result = PlanValidator().validate(bytes, file: "plans/\(name)")
        #expect(result.plan != nil)
        #expect(result.graph != nil)
        let findings = result.diagnostics.filter { $0.severity >= .warning }
        #expect(findings.isEmpty, "\(findings.map { "\($0.location.range.start.line): \($0.message)" })")
        // The validator compiles with the lookup tables the decoder built; compiling the plan alone must agree.
        if let plan = result.plan, let graph = result.graph, case .success(let alone) = GraphCompiler().compile(plan) {
            #expect(alone.predecessors == graph.predecessors)
            #expect(alone.order == graph.order)
            #expect(alone.targets == graph.targets)
            #expect(plan.steps.allSatisfy { graph.index(of: $0.id.value) == alone.index(of: $0.id.value) })
        } else {
            Issue.record("\(name) does not compile on its own")
        }
    }
}
