import Foundation
import JournalPlanTestSupport
import Testing

/// `plan validate` prints exactly the golden diagnostics of every fixture, and exits 1 exactly when the
/// golden reports errors.
@Suite struct FixtureCLITests {
    static let fixtures = PlanCLI.repositoryRoot.appendingPathComponent("Tests/JournalPlanCoreTests/Fixtures")

    static var caseNames: [String] {
        Repository.files(in: fixtures.appendingPathComponent("cases").path, endingIn: ".yaml").map { String($0.dropLast(5)) }
    }

    @Test func thereAreCases() {
        #expect(Self.caseNames.count >= 10)
    }

    @Test("plan validate prints the golden diagnostics", arguments: caseNames)
    func validate(_ name: String) throws {
        let golden = try String(
            contentsOf: Self.fixtures.appendingPathComponent("cases/\(name).diagnostics.txt"), encoding: .utf8)
        let out = try PlanCLI.run(["validate", "cases/\(name).yaml"], directory: Self.fixtures)
        #expect(out.stdout == golden.replacingOccurrences(of: "\r\n", with: "\n"))
        let hasErrors = !golden.contains("\n0 errors,") && !golden.hasPrefix("0 errors,")
        #expect(out.status == (hasErrors ? 1 : 0))
    }
}
