import Foundation
import Testing

@Suite struct ValidateCLITests {
    @Test func exampleValidatesWithExitZero() throws {
        let out = try PlanCLI.run(["validate", "plans/exchange-2016-two-servers.yaml"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("0 errors"))
        // On success it says what it proved.
        #expect(out.stdout.hasPrefix("plans/exchange-2016-two-servers.yaml: no-loss: every order of "))
        #expect(out.stdout.contains(" nodes checked\n0 errors, 0 warnings in 1 file\n"))
        let json = try PlanCLI.run(["validate", "--format", "json", "plans/exchange-2016-two-servers.yaml"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let proved = try #require((doc["proved"] as? [[String: Any]])?.first)
        #expect(proved["claim"] as? String == "no-loss")
        #expect((proved["nodes"] as? Int ?? 0) > 0)
    }

    @Test func errorsExitOneWithPositionedText() throws {
        let out = try PlanCLI.run(["validate", "-"], stdin: "plan: journal-migration/v1\nname: x\nnme: y\n")
        #expect(out.status == 1)
        #expect(out.stdout.contains("<stdin>:3:1: error: unknown key 'nme' in the plan; did you mean 'name'? [JP101 unknown-key]"))
    }

    @Test func missingFileExitsTwo() throws {
        let out = try PlanCLI.run(["validate", "plans/does-not-exist.yaml"])
        #expect(out.status == 2)
        #expect(out.stdout.contains(
            "plans/does-not-exist.yaml:1:1: error: the plan file cannot be read: no such file [JP008 readable-file]"))
        #expect(out.stdout.contains("1 error, 0 warnings in 1 file"))
    }

    /// A missing file and a directory are JP008 findings in every format, never an empty report (a SARIF
    /// upload with no result would close the open alerts).
    @Test func anUnreadableFileIsAFindingInEveryFormat() throws {
        let args = ["plans/does-not-exist.yaml", "plans"]
        let json = try PlanCLI.run(["validate", "--format", "json"] + args)
        #expect(json.status == 2)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["summary"] as? [String: Int] == ["files": 2, "errors": 2, "warnings": 0])
        let rules = (doc["diagnostics"] as? [[String: Any]])?.map { $0["rule"] as? String }
        #expect(rules == ["JP008", "JP008"])

        let github = try PlanCLI.run(["validate", "--format", "github"] + args)
        #expect(github.status == 2)
        #expect(github.stdout.contains(
            "::error file=plans/does-not-exist.yaml,line=1,col=1,title=JP008 readable-file::the plan file cannot be read: no such file"))
        #expect(github.stdout.contains("title=JP008 readable-file::the plan file cannot be read: is a directory"))
        #expect(github.stdout.contains("2 errors, 0 warnings in 2 files"))

        let sarif = try PlanCLI.run(["validate", "--format", "sarif"] + args)
        #expect(sarif.status == 2)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [[String: Any]])?.map { $0["ruleId"] as? String } == ["JP008", "JP008"])
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect((invocation["toolExecutionNotifications"] as? [Any])?.count == 2)
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

/// JP313 (issue 20): a window already under way or over is a warning, judged at the time validate runs.
@Suite struct WindowClockCLITests {
    static let plan = "plans/exchange-2016-two-servers.yaml"  // window 2026-12-05T20:00Z to 2026-12-06T02:00Z

    @Test(arguments: [
        ("2026-12-01T00:00:00Z", nil), ("2026-12-05T21:00:00Z", "the window started at 2026-12-05T20:00:00+00:00"),
        ("2027-01-01T00:00:00Z", "the window ended at 2026-12-06T02:00:00+00:00"),
    ] as [(String, String?)])
    func aWindowInThePastIsAWarning(_ now: String, _ expected: String?) throws {
        let out = try PlanCLI.run(["validate", Self.plan], environment: ["JOURNALPLAN_NOW": now])
        #expect(out.status == 0, "a warning only")
        if let expected {
            #expect(out.stdout.contains("\(Self.plan):35:10: warning: \(expected)"), "\(out.stdout)")
            #expect(out.stdout.contains("[JP313 window-not-past]"))
            let strict = try PlanCLI.run(["validate", "--warnings-as-errors", Self.plan], environment: ["JOURNALPLAN_NOW": now])
            #expect(strict.status == 1)
        } else {
            #expect(!out.stdout.contains("JP313"))
        }
    }
}
