import Foundation
import JournalPlanTestSupport
import Testing

/// `plan diff OLD NEW` end to end on the plan pairs in `Fixtures/diff/`.
@Suite struct DiffCLITests {
    static let dir = "Tests/PlanCLITests/Fixtures/diff/"

    func diff(_ new: String, _ extra: [String] = [], old: String = "base") throws -> PlanCLI.Output {
        try PlanCLI.run(["diff"] + extra + [Self.dir + old + ".yaml", Self.dir + new + ".yaml"])
    }

    func json(_ new: String, status: Int32 = 1) throws -> [String: Any] {
        let out = try diff(new, ["--format", "json"])
        #expect(out.status == status)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    }

    @Test func samePlanWrittenDifferentlyIsEqual() throws {
        let out = try diff("base-reformatted")
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.contains("changes: no changes"))
        let same = try diff("base")
        #expect(same.status == 0)
    }

    @Test func swappingTwoStepsIsOneFlippedPair() throws {
        let out = try diff("reorder")
        #expect(out.status == 1)
        #expect(out.stdout.contains("verdict: valid (unchanged)"))
        #expect(out.stdout.contains("order: 1 pair flipped"))
        #expect(out.stdout.contains("'set-ndr-mailbox' was after 'create-contact' and is now before it"))
        #expect(!out.stdout.contains("steps:"), "no step was added, removed or changed")
        let doc = try json("reorder")
        let order = try #require(doc["order"] as? [String: Any])
        let relations = try #require(order["relations"] as? [[String: Any]])
        #expect(relations.count == 1)
        #expect(relations.first?["flipped"] as? Bool == true)
        #expect(Set([relations.first?["step"] as? String] + (relations.first?["steps"] as? [String] ?? [])) == ["create-contact", "set-ndr-mailbox"])
        #expect(doc["verdictChanged"] as? Bool == false)
    }

    @Test func movingStopAfterDisableChangesTheVerdict() throws {
        let out = try diff("stop-after-disable")
        // valid → invalid: the verdict got worse, which has its own exit status for CI.
        #expect(out.status == 4)
        // Other rules (the no-loss check) may fail too, so the status may read `loses-mail`.
        #expect(out.stdout.contains("verdict: valid → "))
        #expect(out.stdout.contains("; now fails JP201 stop-before-disable"))
        #expect(out.stdout.contains("'disable-rule' was after 'stop-transport' and is now before it"))
        let doc = try json("stop-after-disable", status: 4)
        #expect(doc["verdictChanged"] as? Bool == true)
        let new = try #require((doc["new"] as? [String: Any])?["verdict"] as? [String: Any])
        #expect((new["failingRules"] as? [String])?.contains("JP201") == true)
        #expect(new["status"] as? String != "valid")
        let old = try #require((doc["old"] as? [String: Any])?["verdict"] as? [String: Any])
        #expect(old["status"] as? String == "valid")
        // And back: the reverse diff says the error is fixed.
        let back = try PlanCLI.run(["diff", Self.dir + "stop-after-disable.yaml", Self.dir + "base.yaml"])
        #expect(back.stdout.contains("→ valid; no longer fails JP201 stop-before-disable"))
    }

    @Test func fieldChangesAreReportedFieldByField() throws {
        let out = try diff("fields")
        #expect(out.status == 1)
        for line in [
            "exchange.transportServers: 'EX01, EX02' → 'EX01, EX02, EX03'",
            "window.end: '2026-12-06T02:00:00+00:00' → '2026-12-06T03:00:00+00:00'",
            "connectors.smtp.sourceIPs: '203.0.113.10/32' → '203.0.113.10/32, 203.0.113.11/32'",
            "+ 'announce' (manual)", "- 'set-ndr-mailbox' (set-ndr-mailbox)", "timeout: '30m' → '45m'",
            "note: (absent) → 'Check *both* servers' logs'",
        ] {
            #expect(out.stdout.contains(line), "missing: \(line)\n\(out.stdout)")
        }
        let doc = try json("fields")
        let steps = try #require(doc["steps"] as? [String: Any])
        #expect((steps["added"] as? [[String: Any]])?.map { $0["id"] as? String } == ["announce"])
        #expect((steps["removed"] as? [[String: Any]])?.map { $0["id"] as? String } == ["set-ndr-mailbox"])
        let changed = try #require((steps["changed"] as? [[String: Any]])?.first)
        #expect(changed["id"] as? String == "confirm")
        let note = try #require((changed["fields"] as? [[String: Any]])?.first { $0["field"] as? String == "note" })
        #expect(note["old"] is NSNull)
        let fields = try #require(doc["fields"] as? [[String: Any]])
        #expect(fields.contains { $0["field"] as? String == "contact.name" })
    }

    @Test func markdownPutsTheVerdictFirstAndEscapesValues() throws {
        let out = try diff("fields", ["--format", "markdown"])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("### JournalPlan diff:") == true)
        #expect(lines.dropFirst().first?.hasPrefix("- **Verdict:**") == true)
        #expect(out.stdout.contains("<details><summary>Steps (3)</summary>"))
        #expect(out.stdout.contains("</details>"))
        // The contact name carries `|`, `<b>` and `@ops`: inside a code span (literal: no HTML, no mention)
        // with the pipe escaped, so no cell break; paths and ids stay readable.
        #expect(out.stdout.contains(#"| `Mimecast Journaling \| SMTP <b>@ops</b>` |"#))
        #expect(out.stdout.hasPrefix("### JournalPlan diff: `Tests/PlanCLITests/Fixtures/diff/base.yaml` → "))
        #expect(out.stdout.contains("| ➖ | `set-ndr-mailbox` | removed: `set-ndr-mailbox` |"))
        let flipped = try diff("stop-after-disable", ["--format", "markdown"])
        #expect(flipped.stdout.contains("- **Verdict:** ❌ valid → "))
        #expect(flipped.stdout.contains("; now fails JP201 `stop-before-disable`"))
        #expect(flipped.stdout.contains("- **Order flipped:**"))
    }

    @Test func undecodablePlanExitsTwoWithDiagnostics() throws {
        let out = try diff("broken-yaml")
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("broken-yaml.yaml:4:1: error:"))
        #expect(out.stderr.contains("[JP001 yaml-syntax]"))
        let missing = try PlanCLI.run(["diff", Self.dir + "base.yaml", Self.dir + "nope.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
        let twoStdin = try PlanCLI.run(["diff", "-", "-"], stdin: "")
        #expect(twoStdin.status == 2)
    }

    @Test func aBetterVerdictIsOnlyADifference() throws {
        let out = try PlanCLI.run(["diff", Self.dir + "stop-after-disable.yaml", Self.dir + "base.yaml"])
        #expect(out.status == 1)
    }

    @Test func standardInputAsNewPlan() throws {
        let base = try String(contentsOf: PlanCLI.repositoryRoot.appendingPathComponent(Self.dir + "base.yaml"), encoding: .utf8)
        let out = try PlanCLI.run(["diff", Self.dir + "base.yaml", "-"], stdin: base)
        #expect(out.status == 0)
        #expect(out.stdout.contains("→ <stdin>"))
    }
}

/// The reviewer-facing renderings kept as goldens in `Fixtures/diff/expected/` (`RECORD_GOLDENS=1` rewrites
/// them and still fails).
@Suite struct DiffGoldenTests {
    @Test(arguments: [("fields", "text", "fields.txt"), ("fields", "markdown", "fields.md"), ("reorder", "json", "reorder.json")])
    func rendering(_ new: String, _ format: String, _ golden: String) throws {
        let out = try PlanCLI.run(["diff", "--format", format, DiffCLITests.dir + "base.yaml", DiffCLITests.dir + new + ".yaml"])
        #expect(out.status == 1)
        GoldenFile.check(out.stdout, atRepositoryPath: DiffCLITests.dir + "expected/" + golden)
    }
}
