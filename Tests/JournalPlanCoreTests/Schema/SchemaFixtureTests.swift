import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// The schema fixtures say which finding `plan validate` gives them (`# expect: JP102`, or `none`);
/// `Scripts/checks/schema-crosscheck.sh` checks the schema's side (`# schema: valid|invalid`).
@Suite struct SchemaFixtureTests {
    static var directory: URL {
        ExamplePlansTests.repositoryRoot.appendingPathComponent("Tests/JournalPlanCoreTests/Fixtures/schema")
    }

    static var fixtures: [String] {
        Repository.files(in: directory.path, endingIn: ".yaml")
    }

    @Test func thereAreValidAndInvalidFixtures() {
        #expect(Self.fixtures.filter { $0.hasPrefix("valid-") }.count >= 2)
        #expect(Self.fixtures.filter { $0.hasPrefix("invalid-") }.count >= 10)
    }

    @Test("schema fixture", arguments: fixtures)
    func fixtureGetsItsExpectedFinding(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let text = String(decoding: bytes, as: UTF8.self)
        let expectLine = text.split(separator: "\n").first { $0.hasPrefix("# expect: ") }
        let expected = try #require(expectLine).dropFirst("# expect: ".count)
        let result = PlanValidator().validate(bytes, file: name)
        let errors = result.diagnostics.filter { $0.severity == .error }
        if expected == "none" {
            #expect(name.hasPrefix("valid-"))
            #expect(errors.isEmpty, "\(errors.map(\.message))")
        } else {
            #expect(name.hasPrefix("invalid-"))
            #expect(!errors.isEmpty)
            #expect(errors.allSatisfy { $0.ruleID == expected }, "\(errors.map { "\($0.ruleID) \($0.message)" })")
        }
    }
}
