import Foundation
import Testing

@Suite struct ValidateCLITests {
    @Test func exampleValidatesWithExitZero() throws {
        let out = try PlanCLI.run(["validate", "plans/exchange-2016-two-servers.yaml"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("0 errors"))
    }

    @Test func errorsExitOneWithPositionedText() throws {
        let out = try PlanCLI.run(["validate", "-"], stdin: "plan: journal-migration/v1\nname: x\nnme: y\n")
        #expect(out.status == 1)
        #expect(out.stdout.contains("<stdin>:3:1: error: unknown key 'nme' in the plan; did you mean 'name'? [JP101 unknown-key]"))
    }

    @Test func missingFileExitsTwo() throws {
        let out = try PlanCLI.run(["validate", "plans/does-not-exist.yaml"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("no such file"))
    }

    @Test func badFlagExitsTwo() throws {
        let out = try PlanCLI.run(["validate", "--no-such-flag", "plans/exchange-2016-two-servers.yaml"])
        #expect(out.status == 2)
    }

    @Test func jsonIsOneDocument() throws {
        let out = try PlanCLI.run(["validate", "--format", "json", "plans/exchange-2016-two-servers.yaml", "-"], stdin: "a: [")
        #expect(out.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        #expect(object?["version"] as? Int == 1)
        let summary = object?["summary"] as? [String: Int]
        #expect(summary?["files"] == 2)
        #expect(summary?["errors"] == 1)
    }

    @Test func noColorWhenNotATerminal() throws {
        let out = try PlanCLI.run(["validate", "-"], stdin: "a: [")
        #expect(!out.stdout.contains("\u{1B}["))
    }
}
