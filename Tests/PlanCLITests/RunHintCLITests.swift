import Foundation
import JournalPlanCore
import Testing

/// What `plan run` tells the operator to type next must work when pasted as it is.
@Suite struct RunHintCLITests {
    /// The words after `continue with: ` on the last such line (the hint quotes nothing it does not need to).
    static func hint(_ output: PlanCLI.Output) throws -> [String] {
        let line = try #require(
            (output.stdout + output.stderr).split(separator: "\n").last { $0.contains("continue with: plan run ") })
        let command = line[line.range(of: "continue with: ")!.upperBound...]
        let words = command.split(separator: " ").map(String.init)
        #expect(words.allSatisfy { !$0.contains("'") }, "the hint needs a shell to read: \(command)")
        return Array(words.dropFirst())  // "plan"
    }

    @Test func thePausedHintResumesWithTheRememberedAdaptersAndShell() throws {
        var run = StandInRun()
        run.parallel = 1
        // Only the first gate is approved: the run pauses at the next Mimecast gate.
        let shell = "'\(StandInRun.host)' -NoProfile --plan '\(StandInRun.plan)' --estate '\(run.estatePath)'"
        let first = try PlanCLI.run(
            ["run", StandInRun.plan, "--exchange", "powershell", "--mimecast", "manual", "--shell", shell,
             "--ignore-window", "--state", "s.json", "--approve", "request-domain"], directory: run.dir)
        #expect(first.status == 3, "\(first.stderr)")
        let pasted = try Self.hint(first)
        #expect(pasted.starts(with: ["run", StandInRun.plan, "--resume"]), "\(pasted)")
        #expect(pasted.contains("--approve") && pasted.contains("create-smtp-connector"), "\(pasted)")
        #expect(!pasted.contains("--exchange") && !pasted.contains("--shell"), "adapters come from the state")
        // The state remembers the adapters and the shell, never a secret.
        let remembered = run.state["adapterOptions"] as? [String: String]
        #expect(remembered?["shell"] == shell)
        let second = try PlanCLI.run(pasted, directory: run.dir)
        #expect(second.status == 3, "\(second.stderr)")  // the next gate: confirm the SMTP connector's traffic
        #expect(!second.stderr.contains("resume it with the same adapters"), "\(second.stderr)")
        #expect(run.status("create-smtp-connector") == "done")
        // Pasting each hint in turn reaches the end.
        var last = second
        for _ in 0..<6 where last.status == 3 {
            last = try PlanCLI.run(try Self.hint(last), directory: run.dir)
        }
        #expect(last.status == 0, "\(last.stdout)\(last.stderr)")
    }
}

/// A rehearsal keeps its own state, so the real run after it starts clean.
@Suite struct RunRehearsalStateCLITests {
    @Test func aSimulationWritesItsOwnDefaultStateAndAFinishedRunSaysHowToStartFresh() throws {
        let dir = RunCLITests().temporaryDirectory()
        let args = ["run", RunCLITests.plan, "--simulate", "--yes", "--approve", "delete-pop3"]
        let rehearsal = try PlanCLI.run(args, directory: dir)
        #expect(rehearsal.status == 0, "\(rehearsal.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.contains("contoso-2016-pop3-to-smtp.simulation.state.json"), "\(files)")
        #expect(!files.contains("contoso-2016-pop3-to-smtp.state.json"), "a real run would find the rehearsal's state")
        let again = try PlanCLI.run(args, directory: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("holds a finished run"), "\(again.stderr)")
        #expect(again.stderr.contains("to start fresh"), "\(again.stderr)")
        #expect(again.stderr.contains("--state"), "\(again.stderr)")
    }

    @Test func anAbandonedRunSaysHowToContinueOrStartFresh() throws {
        let dir = RunCLITests().temporaryDirectory()
        let paused = try PlanCLI.run(["run", RunCLITests.plan, "--simulate", "--state", "s.json"], directory: dir)
        #expect(paused.status == 3)
        let again = try PlanCLI.run(["run", RunCLITests.plan, "--simulate", "--state", "s.json"], directory: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("pass --resume to continue it"), "\(again.stderr)")
        #expect(again.stderr.contains("to start fresh"), "\(again.stderr)")
    }
}
