import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// `plan run --exchange powershell` against the stand-in host playing the 2016 plan's Exchange organisation
/// (`journalplan-test-host --plan … --estate …`), which answers strictly one request at a time, in order,
/// as a real PowerShell host does. Mimecast is manual: its steps are approved by id.
struct StandInRun {
    static let plan = RunCLITests.plan
    static let approvals = ["request-domain", "create-smtp-connector", "confirm", "drain-pop3", "delete-pop3"]
    static let host = PlanCLI.executable.deletingLastPathComponent().appendingPathComponent("journalplan-test-host").path

    let dir = RunCLITests().temporaryDirectory()
    var faults: [String] = []
    /// Faults of the stand-in's estate (`--estate-fault`): the live organisation differs from the plan.
    var estateFaults: [String] = []
    var parallel = 4

    var estatePath: String { dir.appendingPathComponent("estate.json").path }

    var arguments: [String] {
        var shell = "'\(Self.host)' -NoProfile --plan '\(Self.plan)' --estate '\(estatePath)'"
        for fault in faults { shell += " --fault '\(fault)'" }
        for fault in estateFaults { shell += " --estate-fault '\(fault)'" }
        return [Self.plan, "--exchange", "powershell", "--mimecast", "manual", "--shell", shell, "--ignore-window",
            "--parallel", "\(parallel)"] + Self.approvals.flatMap { ["--approve", $0] }
    }

    func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> PlanCLI.Output {
        try PlanCLI.run(["run"] + arguments + extra + ["--state", "s.json"], directory: dir, environment: environment)
    }

    /// How many times the stand-in's estate saw each node applied.
    var applies: [String: Int] {
        let object = FileManager.default.contents(atPath: estatePath)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        return object?["applies"] as? [String: Int] ?? [:]
    }

    /// Transport and journal rules in the stand-in's estate, replayed from its list of changes.
    var estate: (transport: [String: Bool], rulesEnabled: Bool) {
        let object = FileManager.default.contents(atPath: estatePath)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        var transport = ["EX01": true, "EX02": true]
        var enabled = true
        for change in object?["changes"] as? [[String: Any]] ?? [] {
            let node = change["node"] as? String ?? ""
            let undo = change["undo"] as? Bool ?? false
            let server = node.split(separator: "@").last.map(String.init) ?? ""
            if node.hasPrefix("stop-transport@") { transport[server] = undo }
            if node.hasPrefix("start-transport@") { transport[server] = !undo }
            if node.hasPrefix("disable-rule@") { enabled = undo }
            if node.hasPrefix("enable-rule@") { enabled = !undo }
        }
        return (transport, enabled)
    }

    var state: [String: Any] {
        FileManager.default.contents(atPath: dir.appendingPathComponent("s.json").path)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
    }

    func status(_ key: String) -> String? {
        (state["nodes"] as? [[String: Any]])?.first { $0["key"] as? String == key }?["status"] as? String
    }

    /// The Exchange nodes of the plan (the ones the stand-in applies).
    static var exchangeKeys: [String] {
        let bytes = [UInt8](FileManager.default.contents(atPath: plan) ?? Data())
        guard let graph = PlanValidator().validate(bytes, file: plan).graph else { return [] }
        return graph.nodes.filter { graph.steps[$0.step].kind.system == .exchange }.map { $0.key(in: graph) }
    }
}

@Suite(.serialized) struct RunPowerShellHostCLITests {
    @Test func theTwoServerPlanRunsAtParallel4OnAHostThatAnswersInOrder() throws {
        let run = StandInRun()
        let result = try run.run()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("CONTINUATION MISUSE"))
        #expect(run.state["phase"] as? String == "done")
        let keys = StandInRun.exchangeKeys
        #expect(keys.count == 9)
        for key in keys { #expect(run.applies[key] == 1, "\(key) applied \(run.applies[key] ?? 0)×") }
    }

    /// The kill-at-every-boundary test of RunCLITests, through the powershell adapter at --parallel 4: the
    /// runner is SIGKILLed right after recording each node; its host sees its input end and exits; the
    /// resumed run (a new host on the same estate) finishes and every Exchange node was applied once.
    @Test func aRunKilledAtEveryStepBoundaryResumesAndAppliesEachNodeOnce() throws {
        let keys = RunCLITests.nodeKeys
        #expect(keys.count == 14)
        for key in keys {
            let run = StandInRun()
            let killed = try run.run(environment: ["JOURNALPLAN_TEST_KILL_AFTER": key])
            #expect(killed.status == SIGKILL, "\(key): \(killed.stdout)\(killed.stderr)")
            let resumed = try run.run(["--resume"])
            #expect(resumed.status == 0, "\(key): \(resumed.stdout)\(resumed.stderr)")
            #expect(run.state["phase"] as? String == "done", "\(key)")
            for node in StandInRun.exchangeKeys {
                #expect(run.applies[node] == 1, "killed after \(key): \(node) applied \(run.applies[node] ?? 0)×")
            }
        }
    }

    /// The fault-at-every-outage-node test through the powershell adapter at --parallel 4: the host
    /// reports an error at the node; the run exits 1 with the node failed and transport and journaling
    /// restored, and a resume completes the plan.
    @Test(arguments: [
        "stop-transport@EX01", "stop-transport@EX02", "disable-rule@Journal All Mail",
        "repoint-rule@Journal All Mail", "enable-rule@Journal All Mail", "start-transport@EX01", "start-transport@EX02",
    ])
    func aFaultAtAnyOutageNodeIsCompensatedAndResumes(key: String) throws {
        var run = StandInRun()
        run.faults = ["fail@\(key)"]
        let failed = try run.run()
        #expect(failed.status == 1, "\(key): \(failed.stdout)\(failed.stderr)")
        #expect(failed.stdout.contains("failure inside the outage"), "\(key)")
        #expect(!failed.stderr.contains("compensation incomplete"), "\(key): \(failed.stderr)")
        #expect(run.status(key) == "failed", "\(key)")
        #expect(failed.stdout.contains("undone   stop-transport@"), "\(key): \(failed.stdout)")
        let estate = run.estate
        #expect(estate.transport == ["EX01": true, "EX02": true], "\(key): \(estate)")
        #expect(estate.rulesEnabled, "\(key): \(estate)")
        let resumed = try run.run(["--resume"])
        #expect(resumed.status == 0, "\(key): \(resumed.stdout)\(resumed.stderr)")
        #expect(run.state["phase"] as? String == "done", "\(key)")
    }

    /// The preflight's scripts reach the stand-in, which answers them from its estate: an unlisted journal
    /// rule journaling to the journal mailbox fails that check by name, and nothing is applied.
    @Test func anUnlistedRuleFailsThePreflightThroughThePowerShellAdapter() throws {
        var run = StandInRun()
        run.estateFaults = ["unlisted-rule"]
        let result = try run.run()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("plan run: preflight: unlisted-journal-rules: A journal rule the plan does not list"),
            "\(result.stderr)")
        #expect(result.stderr.contains("nothing was changed"))
        #expect(run.applies.isEmpty, "\(run.applies)")
    }

    /// Managed Availability restarts transport inside the outage: the script sent for the rule change
    /// re-checks transport first, the stand-in answers with an error, and the run is compensated.
    @Test func transportRestartedInsideTheOutageIsCompensatedThroughThePowerShellAdapter() throws {
        var run = StandInRun()
        run.estateFaults = ["transport-restarted"]
        let result = try run.run()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("A transport service is running again inside the outage"))
        #expect(run.status("disable-rule@Journal All Mail") == "failed")
        let estate = run.estate
        #expect(estate.transport == ["EX01": true, "EX02": true], "\(estate)")
        #expect(estate.rulesEnabled)
    }

    /// Kills at random moments (not only at node boundaries), through the powershell adapter at
    /// --parallel 4: each run is SIGKILLed after a random delay, resumed until it finishes, and every
    /// Exchange node was applied once in the stand-in's estate. Bounded: 12 runs, seeded.
    @Test func randomKillsResumeToTheEndApplyingEachNodeOnce() throws {
        var generator = SeededRandom(seed: 0x5EED_2026)
        for iteration in 1...12 {
            let run = StandInRun()
            var finished = false
            for attempt in 1...10 where !finished {
                let delay = Int(generator.next() % 400)
                let result = try PlanCLI.runKilled(
                    ["run"] + run.arguments + (attempt > 1 ? ["--resume"] : []) + ["--state", "s.json"],
                    directory: run.dir, afterMilliseconds: attempt < 4 ? delay : nil)
                finished = result.status == 0
                #expect(result.status == 0 || result.status == SIGKILL, "run \(iteration).\(attempt): \(result.stderr)")
            }
            #expect(finished, "run \(iteration) did not finish")
            for node in StandInRun.exchangeKeys {
                #expect(run.applies[node] == 1, "run \(iteration): \(node) applied \(run.applies[node] ?? 0)×")
            }
        }
    }
}

/// A small seeded generator, so a failing sequence of kill delays can be replayed.
extension PlanCLI {
    /// Runs `plan args…` and, when `afterMilliseconds` is given, SIGKILLs it then (if it still runs).
    static func runKilled(_ args: [String], directory: URL, afterMilliseconds: Int?) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = args
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("jp-kill-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let handle = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let afterMilliseconds {
            usleep(useconds_t(afterMilliseconds * 1000))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try handle.close()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errors)
        return Output(status: process.terminationStatus, stdout: "", stderr: stderr)
    }
}
