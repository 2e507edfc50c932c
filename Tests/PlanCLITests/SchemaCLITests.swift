import Foundation
import Testing

@Suite struct SchemaCLITests {
    @Test func printsTheSchemaFileByteForByte() throws {
        let out = try PlanCLI.run(["schema"])
        #expect(out.status == 0)
        let file = try Data(contentsOf: PlanCLI.repositoryRoot.appendingPathComponent("schemas/plan.schema.json"))
        #expect(Array(out.stdout.utf8) == [UInt8](file))
        #expect(out.stderr.isEmpty)
    }

    @Test func rejectsArguments() throws {
        let out = try PlanCLI.run(["schema", "extra"])
        #expect(out.status == 2)
    }
}
