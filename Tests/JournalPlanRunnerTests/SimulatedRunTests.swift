import Foundation
import JournalPlanCore
import JournalPlanDigest
import Testing
@testable import JournalPlanRunner

@Suite(.serialized) struct SimulatedRunTests {
    /// The parameterised tests below pass over no plans at all if `plans/` cannot be read.
    @Test func thereAreExamplePlans() {
        #expect(Fixtures.planPaths.count >= 4)
    }

    @Test(arguments: Fixtures.planPaths)
    func everyExamplePlanCutsOverWithoutLoss(plan: String) async {
        let dir = Fixtures.temporaryDirectory()
        let (exit, console, report) = await Fixtures.simulate(plan, directory: dir) { $0.yes = true; $0.approvals = Fixtures.stepIDs(plan) }
        #expect(exit == .done, "\(console.text)")
        #expect(report["sent"] as? Int == 1000)
        #expect(report["lost"] as? Int == 0)
        #expect((report["journaledSMTP"] as? Int ?? 0) > 0)
        let steps = report["steps"] as? [[String: Any]] ?? []
        #expect(!steps.isEmpty && steps.allSatisfy { $0["status"] as? String == "done" })
    }

    /// Every node of the outage (from the first stop to the last start) fails in turn: the run exits 1,
    /// loses nothing, and leaves transport running and every rule enabled.
    @Test(arguments: Fixtures.planPaths.filter { !$0.contains("online") })
    func aFaultInsideTheOutageIsCompensated(plan: String) async throws {
        let graph = try #require(Fixtures.graph(plan))
        let keys = graph.nodes.map { $0.key(in: graph) }
        let first = try #require(keys.firstIndex { $0.hasPrefix("stop-transport") })
        let last = try #require(keys.lastIndex { $0.hasPrefix("start-transport") })
        for key in keys[first...last] {
            let dir = Fixtures.temporaryDirectory()
            let (exit, console, report) = await Fixtures.simulate(plan, directory: dir) {
                $0.yes = true; $0.approvals = Fixtures.stepIDs(plan)
                $0.failSteps = [key]
                $0.parallel = 1
            }
            #expect(exit == .failed, "\(key): \(console.text)")
            #expect(report["lost"] as? Int == 0, "\(key)")
            let estate = report["estate"] as? [String: Any] ?? [:]
            let transport = estate["transport"] as? [String: String] ?? [:]
            #expect(!transport.isEmpty && transport.values.allSatisfy { $0 == "running" }, "\(key): \(transport)")
            let journaling = estate["journaling"] as? [[String: Any]] ?? []
            #expect(journaling.allSatisfy { $0["enabled"] as? Bool == true }, "\(key)")
            #expect(journaling.allSatisfy { $0["target"] as? String == "mailbox" }, "\(key): \(journaling)")
        }
    }

    @Test func aFaultBeforeTheOutageChangesNothingBack() async {
        let plan = Fixtures.planPaths.first { $0.contains("2016") }!
        let dir = Fixtures.temporaryDirectory()
        let (exit, console, report) = await Fixtures.simulate(plan, directory: dir) { $0.failSteps = ["create-contact"] }
        #expect(exit == .failed)
        #expect(!console.text.contains("undone"))
        #expect(report["lost"] as? Int == 0)
    }

    @Test func theManualMimecastAdapterPausesAtEveryMimecastStep() async {
        let plan = Fixtures.planPaths.first { $0.contains("2016") }!
        let dir = Fixtures.temporaryDirectory()
        let (exit, console, _) = await Fixtures.simulate(plan, directory: dir) { $0.mimecast = .manual }
        #expect(exit == .paused)
        #expect(console.text.contains("gate     request-domain"))
        #expect(console.text.contains("Mimecast Support"))
        var transcript = console.text
        // Approving what each pause asks for, one resume at a time, reaches the end.
        var approvals: Set<String> = []
        var last = exit
        var asked = console.text
        for _ in 0..<8 where last == .paused {
            for line in asked.split(separator: "\n") where line.hasPrefix("continue with:") {
                let words = line.split(separator: " ").map(String.init)
                for (i, word) in words.enumerated() where word == "--approve" { approvals.insert(words[i + 1]) }
            }
            let (next, resumed, report) = await Fixtures.simulate(plan, directory: dir) {
                $0.mimecast = .manual
                $0.resume = true
                $0.approvals = approvals
            }
            asked = resumed.text
            transcript += resumed.text
            last = next
            if next == .done { #expect(report["lost"] as? Int == 0) }
        }
        #expect(approvals.isSuperset(of: ["request-domain", "create-smtp-connector", "confirm", "delete-pop3"]))
        #expect(last == .done)
        #expect(transcript.contains("Administration | Services | Journaling"))
    }

    @Test func aTypedConfirmationApprovesAGate() async {
        let plan = Fixtures.planPaths.first { $0.contains("2016") }!
        var options = RunOptions()
        options.exchange = .simulate
        options.mimecast = .simulate
        options.statePath = Fixtures.temporaryDirectory() + "/s.json"
        let wrong = RecordingConsole(typed: "yes")
        #expect(await PlanRunner(options: options, console: wrong).run(Fixtures.bytes(plan), file: plan) == .paused)
        options.resume = true
        let right = RecordingConsole(typed: "delete-pop3")
        #expect(await PlanRunner(options: options, console: right).run(Fixtures.bytes(plan), file: plan) == .done)
        let audit = try? String(contentsOfFile: options.statePath! + ".audit.jsonl", encoding: .utf8)
        #expect(audit?.contains("typed at the terminal") == true)
    }

    @Test func outsideTheWindowTransportIsNotStopped() async throws {
        let path = Fixtures.planPaths.first { $0.contains("2016") }!
        var text = String(decoding: Fixtures.bytes(path), as: UTF8.self)
        text = text.replacingOccurrences(of: "2026-12-05T20:00:00+00:00", with: "2026-12-05T21:00:00+00:00")
        let dir = Fixtures.temporaryDirectory()
        let plan = dir + "/late.yaml"
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        var options = RunOptions()
        options.exchange = .simulate
        options.mimecast = .simulate
        options.yes = true
        options.approvals = Fixtures.stepIDs(plan)
        options.statePath = dir + "/s.json"
        // The simulated clock starts at the window's start, so move it back an hour via the simulation file.
        let graph = try #require(Fixtures.graph(plan))
        let world = try SimulationWorld(
            graph: graph, path: dir + "/s.json.simulation.json", traffic: 0, failSteps: [],
            startTime: graph.plan.window!.start.value.epochSeconds - 3600)
        try await world.advance(seconds: 0)
        var state = RunState(
            plan: graph.plan.name.value, planFile: plan, planSHA256: SHA256.hex(Fixtures.bytes(plan)),
            exchangeAdapter: "simulate", mimecastAdapter: "simulate", nodeKeys: graph.nodes.map { $0.key(in: graph) })
        state.update("create-contact") { $0.status = .done }
        _ = try await world.apply(graph.nodes[0], in: graph)  // keep the world consistent with the state
        try StateStore(path: dir + "/s.json").save(state)
        options.resume = true
        let console = RecordingConsole()
        #expect(await PlanRunner(options: options, console: console).run(Fixtures.bytes(plan), file: plan) == .paused)
        #expect(console.text.contains("window opens at 2026-12-05 21:00 UTC ("), "\(console.text)")
        #expect(console.text.contains(" local, ") && console.text.contains(" from now)"), "\(console.text)")
        #expect(!console.text.contains("done     stop-transport"))
        // Held by the window, the hint says when; there is nothing to approve.
        let hint = try #require(console.lines.last { $0.contains("continue with: plan run ") })
        #expect(hint.hasPrefix("once the window opens at 2026-12-05 21:00 UTC ("), "\(hint)")
        #expect(!hint.contains("--approve"), "\(hint)")
        options.ignoreWindow = true
        #expect(await PlanRunner(options: options, console: RecordingConsole()).run(Fixtures.bytes(plan), file: plan) == .done)
    }
}
