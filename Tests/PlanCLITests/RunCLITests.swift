import Foundation
import JournalPlanCore
import Testing

/// End-to-end tests of `plan run` with the simulator: crashes, resumes, gates, locks, changed plans.
@Suite(.serialized) struct RunCLITests {
    static let plan = PlanCLI.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path

    static var nodeKeys: [String] {
        let bytes = [UInt8](FileManager.default.contents(atPath: plan) ?? Data())
        guard let graph = PlanValidator().validate(bytes, file: plan).graph else { return [] }
        return graph.nodes.map { $0.key(in: graph) }
    }

    func temporaryDirectory() -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("jp-run-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func run(_ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> PlanCLI.Output {
        try PlanCLI.run(["run"] + args + ["--state", "s.json"], directory: dir, environment: environment)
    }

    func json(_ url: URL) -> [String: Any] {
        FileManager.default.contents(atPath: url.path)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
    }

    func auditLines(_ dir: URL) -> [[String: Any]] {
        let text = (try? String(contentsOf: dir.appendingPathComponent("s.json.audit.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func appliesByNode(_ dir: URL) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in auditLines(dir) where line["action"] as? String == "apply" && line["result"] as? String == "done" {
            counts[line["node"] as? String ?? "", default: 0] += 1
        }
        return counts
    }

    @Test func aRunKilledAtEveryStepBoundaryResumesAndAppliesEachNodeOnce() throws {
        let keys = Self.nodeKeys
        #expect(keys.count == 14)
        for key in keys {
            let dir = temporaryDirectory()
            // One node at a time, the outage's stop and start nodes too (they would otherwise run together
            // up to --max-parallel), so the kill lands exactly at each node boundary.
            let common = [
                Self.plan, "--simulate", "--yes", "--approve", "delete-pop3", "--traffic", "1000", "--parallel", "1",
                "--max-parallel", "1",
            ]
            let killed = try run(common, in: dir, environment: ["JOURNALPLAN_TEST_KILL_AFTER": key])
            #expect(killed.status == SIGKILL, "\(key): \(killed.stdout)")
            let resumed = try run(common + ["--resume", "--report", "r.json"], in: dir)
            #expect(resumed.status == 0, "\(key): \(resumed.stdout)\(resumed.stderr)")
            #expect(resumed.stderr.contains("stale lock"), "\(key)")
            let applies = appliesByNode(dir)
            for node in keys { #expect(applies[node] == 1, "killed after \(key): \(node) applied \(applies[node] ?? 0)×") }
            let report = json(dir.appendingPathComponent("r.json"))
            #expect(report["sent"] as? Int == 1000, "\(key)")
            #expect(report["lost"] as? Int == 0, "\(key)")
        }
    }

    @Test(arguments: ["create-contact", "stop-transport@EX02", "repoint-rule@Journal All Mail", "delete-pop3"])
    func aNodeKilledAfterItsApplyIsRecheckedNotReapplied(key: String) throws {
        let dir = temporaryDirectory()
        let common = [Self.plan, "--simulate", "--yes", "--approve", "delete-pop3", "--traffic", "200"]
        let killed = try run(common, in: dir, environment: ["JOURNALPLAN_TEST_KILL_AFTER": key + ":applied"])
        #expect(killed.status == SIGKILL)
        let state = json(dir.appendingPathComponent("s.json"))
        let record = (state["nodes"] as? [[String: Any]])?.first { $0["key"] as? String == key }
        #expect(record?["status"] as? String == "started")
        let resumed = try run(common + ["--resume", "--report", "r.json"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("skip     \(key): already done"))
        let recheck = auditLines(dir).contains {
            $0["node"] as? String == key && $0["detail"] as? String == "re-check of an interrupted apply"
        }
        #expect(recheck)
        let simulation = json(dir.appendingPathComponent("s.json.simulation.json"))
        let applies = simulation["applies"] as? [String: Int] ?? [:]
        #expect(applies.count == Self.nodeKeys.count)
        #expect(applies.values.allSatisfy { $0 == 1 }, "\(applies)")
        #expect(json(dir.appendingPathComponent("r.json"))["lost"] as? Int == 0)
    }

    @Test func aGatePausesWithExit3AndResumesWithApprove() throws {
        let dir = temporaryDirectory()
        let first = try run([Self.plan, "--simulate"], in: dir)
        #expect(first.status == 3)
        #expect(first.stdout.contains("gate     delete-pop3"))
        #expect(first.stdout.contains("continue with: plan run \(Self.plan) --resume --state s.json --approve delete-pop3"))
        let again = try run([Self.plan, "--simulate", "--resume"], in: dir)
        #expect(again.status == 3)
        let approved = try run([Self.plan, "--simulate", "--resume", "--approve", "delete-pop3"], in: dir)
        #expect(approved.status == 0, "\(approved.stderr)")
        let approval = auditLines(dir).first { $0["action"] as? String == "approve" }
        #expect((approval?["approvedBy"] as? String)?.contains("--approve delete-pop3") == true)
        #expect(json(dir.appendingPathComponent("s.json"))["phase"] as? String == "done")
    }

    @Test func anExistingStateNeedsResume() throws {
        let dir = temporaryDirectory()
        #expect(try run([Self.plan, "--simulate"], in: dir).status == 3)
        let again = try run([Self.plan, "--simulate"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("--resume"))
    }

    @Test func aChangedPlanIsRefusedWithoutReplan() throws {
        let dir = temporaryDirectory()
        let copy = dir.appendingPathComponent("plan.yaml")
        try FileManager.default.copyItem(atPath: Self.plan, toPath: copy.path)
        #expect(try run([copy.path, "--simulate"], in: dir).status == 3)
        var text = try String(contentsOf: copy, encoding: .utf8)
        text = text.replacingOccurrences(of: "timeout: 24h", with: "timeout: 12h")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let refused = try run([copy.path, "--simulate", "--resume", "--yes"], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("changed") && refused.stderr.contains("--replan"))
        let replanned = try run([copy.path, "--simulate", "--resume", "--replan", "--yes", "--approve", "delete-pop3"], in: dir)
        #expect(replanned.status == 0, "\(replanned.stderr)")
    }

    func writeLock(_ dir: URL, pid: Int32) throws {
        let holder: [String: Any] = [
            "owner": "someone", "host": ProcessInfo.processInfo.hostName, "pid": Int(pid), "time": "2026-12-05T20:00:00Z",
        ]
        try JSONSerialization.data(withJSONObject: holder).write(to: dir.appendingPathComponent("s.json.lock"))
    }

    @Test func aHeldLockIsRefusedAndAStaleOneTakenOver() throws {
        let dir = temporaryDirectory()
        try writeLock(dir, pid: getpid())  // this test process: alive
        let refused = try run([Self.plan, "--simulate", "--yes"], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("locked by someone"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.json").path))
        try writeLock(dir, pid: Int32.max - 3)  // no such process
        let taken = try run([Self.plan, "--simulate", "--yes", "--approve", "delete-pop3"], in: dir)
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.stderr.contains("stale lock"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.json.lock").path))
        try writeLock(dir, pid: getpid())
        let forced = try run([Self.plan, "--simulate", "--yes", "--resume", "--force-unlock", "--approve", "delete-pop3"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test func aFaultInsideTheOutageIsCompensatedAndExits1() throws {
        let dir = temporaryDirectory()
        let result = try run(
            [Self.plan, "--simulate", "--yes", "--traffic", "500", "--fail-step", "enable-rule", "--report", "r.json"],
            in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("undone   stop-transport@EX01"))
        let report = json(dir.appendingPathComponent("r.json"))
        #expect(report["lost"] as? Int == 0)
        #expect(report["sent"] as? Int == 500)
        let estate = report["estate"] as? [String: Any] ?? [:]
        #expect(estate["transport"] as? [String: String] == ["EX01": "running", "EX02": "running"])
        let steps = report["steps"] as? [[String: Any]] ?? []
        #expect(steps.first { $0["id"] as? String == "enable-rule" }?["status"] as? String == "failed")
        // The error names the node once, and the run says how to continue or roll back.
        let output = result.stdout + result.stderr
        #expect(!output.contains("Journal All Mail: enable-rule@"), "\(output)")
        #expect(output.contains("failed   enable-rule@Journal All Mail: injected fault"), "\(output)")
        #expect(result.stderr.contains("to continue once the cause is fixed: plan run \(Self.plan) --resume --state s.json"), "\(result.stderr)")
        #expect(result.stderr.contains("to roll back instead: undo the done steps in reverse order"), "\(result.stderr)")
        #expect(result.stderr.contains("plan explain \(Self.plan)"), "\(result.stderr)")
    }

    /// Issue 18: --latency sets the simulated time of an operation; the report and the terminal give the
    /// outage; a bad --latency is a usage error that says what it expected.
    @Test func theRehearsalReportsTheOutage() throws {
        let dir = temporaryDirectory()
        let result = try run(
            [Self.plan, "--simulate", "--yes", "--approve", "delete-pop3", "--latency", "stop-transport=1m", "--latency", "start-transport@EX02=40s", "--report", "r.json"],
            in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let outage = json(dir.appendingPathComponent("r.json"))["outage"] as? [String: Any] ?? [:]
        #expect(outage["seconds"] as? Int == 60 + 3 * 2 + 1 + 40, "\(outage)")
        #expect(outage["deferred"] is Int)
        #expect((outage["criticalPath"] as? [String])?.last == "start-transport@EX02")
        #expect(result.stdout.contains("outage 1m 47s from the first stop to the last start"))
        let bad = try run([Self.plan, "--simulate", "--latency", "stop-transport=soon"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--latency stop-transport=soon: 'soon' is not a duration (45s, 2m, 0 or never)"), "\(bad.stderr)")
        #expect(try run([Self.plan, "--latency", "stop-transport=1m"], in: dir).status == 2)
    }

    @Test func aPlanWithErrorsIsRefusedBeforeAnythingRuns() throws {
        let dir = temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.yaml")
        try "plan: journal-migration/v1\nname: broken\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try run([bad.path, "--simulate"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.json").path))
    }

    @Test func usageErrorsExit2() throws {
        let dir = temporaryDirectory()
        #expect(try run([Self.plan, "--simulate", "--parallel", "0"], in: dir).status == 2)
        #expect(try run([Self.plan, "--traffic", "10"], in: dir).status == 2)
        #expect(try run([Self.plan, "--simulate", "--approve", "no-such-step"], in: dir).status == 2)
        #expect(try run([dir.appendingPathComponent("missing.yaml").path, "--simulate"], in: dir).status == 2)
        #expect(try run([Self.plan, "--exchange", "bogus"], in: dir).status == 2)
    }

    static var standInHost: String {
        "'" + PlanCLI.executable.deletingLastPathComponent().appendingPathComponent("journalplan-test-host").path
            + "' -NoProfile"
    }

    @Test func theMimecastSecretNeverReachesOutputStateOrLog() throws {
        let dir = temporaryDirectory()
        let secret = "s3cr3t-\(UUID().uuidString)"
        let result = try run(
            [Self.plan, "--exchange", "powershell", "--shell", Self.standInHost, "--mimecast", "api"], in: dir,
            environment: [
                "MIMECAST_CLIENT_ID": "client", "MIMECAST_CLIENT_SECRET": secret,
                "MIMECAST_BASE_URL": "http://127.0.0.1:9",
            ])
        #expect(result.status == 1)  // the preflight cannot reach Mimecast: nothing changes
        #expect(result.stderr.contains("oauth/token"))
        var everything = result.stdout + result.stderr
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            everything += (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        #expect(!everything.contains(secret))
        let missing = try run(
            [Self.plan, "--exchange", "powershell", "--shell", Self.standInHost, "--mimecast", "api"],
            in: temporaryDirectory(), environment: ["MIMECAST_CLIENT_ID": "", "MIMECAST_CLIENT_SECRET": ""])
        #expect(missing.status == 2, "\(missing.stderr)")
    }

    /// A simulated system beside a real one cannot agree with it: the simulated clock would drive the real
    /// API's waits (290 polls in 15 s) and the simulated estate never learns what the real system did, so
    /// such a run is refused before anything is touched.
    @Test(arguments: [["--exchange", "simulate", "--mimecast", "api"], ["--exchange", "powershell", "--mimecast", "simulate"]])
    func simulatedAndRealAdaptersAreNotMixed(adapters: [String]) throws {
        let dir = temporaryDirectory()
        let result = try run(
            [Self.plan] + adapters + ["--shell", Self.standInHost], in: dir,
            environment: ["MIMECAST_CLIENT_ID": "client", "MIMECAST_CLIENT_SECRET": "secret"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("cannot mix a simulated system with a real one"), "\(result.stderr)")
        #expect(result.stderr.contains("--simulate"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func theDryRunTouchesNothingAndNeverClaimsSuccess() throws {
        let dir = temporaryDirectory()
        let result = try run([Self.plan, "--dry-run"], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains("check: unknown"))
        #expect(result.stdout.contains("Disable-JournalRule -Identity $jpRule1"))
        #expect(result.stdout.contains("$jpRule1 = 'Journal All Mail'"))
        #expect(!result.stdout.lowercased().contains("would succeed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// Issue 14: the dry run shows the requests the runner sends, not the script's helpers (the runner asks
    /// people itself and polls checks itself), and ends with a summary line.
    @Test func theDryRunShowsWhatTheRunnerSendsAndSumsUp() throws {
        let dir = temporaryDirectory()
        let result = try run([Self.plan, "--dry-run"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let sent = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  would run: ") }
        #expect(!sent.isEmpty)
        for helper in ["Confirm-JpGate", "Wait-JpCondition", "Write-Host", "Set-JpServiceState", "Save-JpRemembered"] {
            #expect(!sent.contains { $0.contains(helper) }, "the runner never sends \(helper)")
        }
        #expect(result.stdout.contains("  would poll (every 300 s, up to 86400 s) until"), "\(result.stdout)")
        #expect(result.stdout.contains("  would remember previous-ndr-mailbox: "), "\(result.stdout)")
        #expect(result.stdout.contains("  would repeat until done (up to 600 s): "), "\(result.stdout)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("dry run: 14 nodes"), "\(last)")
        #expect(last.contains("nothing was changed"), "\(last)")
    }
}

/// `plan run` through the real PowerShell adapter, with the stand-in host instead of PowerShell.
@Suite struct RunPowerShellCLITests {
    @Test func aFailedPreflightStopsBeforeAnyChange() throws {
        let host = PlanCLI.executable.deletingLastPathComponent().appendingPathComponent("journalplan-test-host").path
        let dir = RunCLITests().temporaryDirectory()
        let result = try PlanCLI.run(
            ["run", RunCLITests.plan, "--state", "s.json", "--shell", "'\(host)' -NoProfile"], directory: dir)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("preflight: transport-servers"))
        #expect(result.stderr.contains("nothing was changed"))
        let audit = try String(contentsOf: dir.appendingPathComponent("s.json.audit.jsonl"), encoding: .utf8)
        #expect(!audit.contains("\"action\":\"apply\""))
        // Nothing started, so a plain re-run starts over rather than asking for --resume.
        let again = try PlanCLI.run(
            ["run", RunCLITests.plan, "--state", "s.json", "--shell", "'\(host)' -NoProfile"], directory: dir)
        #expect(again.stderr.contains("starting over"))
    }
}
