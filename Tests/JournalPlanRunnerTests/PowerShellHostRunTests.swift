import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// The executor through the real powershell adapter, against the stand-in host playing the 2016 plan's
/// Exchange organisation, at --parallel 4, with a host that misbehaves at one node inside the outage.
/// Every run must end (never hang), record the right status, and compensate with a restarted host.
struct StandInExecution {
    static let plan = Fixtures.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path

    let directory = Fixtures.temporaryDirectory()
    let graph: StepGraph
    var faults: [String] = []
    var secret: String?
    var timeout: Duration = .seconds(60)
    var maxResponseLines = 100_000

    init(faults: [String] = []) throws {
        graph = try #require(Fixtures.graph(Self.plan))
        self.faults = faults
    }

    var estatePath: String { directory + "/estate.json" }

    func host() throws -> PowerShellHost {
        var shell = "'\(TestHost.path)' -NoProfile --plan '\(Self.plan)' --estate '\(estatePath)'"
        for fault in faults { shell += " --fault '\(fault)'" }
        if let secret {
            try secret.write(toFile: directory + "/secret", atomically: true, encoding: .utf8)
            shell += " --secret-file '\(directory)/secret'"
        }
        var configuration = try PowerShellHostConfiguration(shell: shell)
        configuration.maxResponseLines = maxResponseLines
        configuration.secrets = secret.map { [$0] } ?? []
        return PowerShellHost(configuration: configuration)
    }

    /// Runs the plan (every gate approved) and returns the outcome, the console, the state and the estate.
    func run() async throws -> (Executor.Outcome, RecordingConsole, RunState, SimulatedEstate, [String: Int]) {
        let host = try host()
        let adapters = AdapterPair(
            exchange: PowerShellExchangeAdapter(host: host, graph: graph, timeout: timeout),
            mimecast: ManualMimecastAdapter())
        let keys = graph.nodes.map { $0.key(in: graph) }
        let state = RunState(
            plan: "p", planFile: "p.yaml", planSHA256: "", exchangeAdapter: "powershell", mimecastAdapter: "manual",
            nodeKeys: keys)
        let recorder = RunRecorder(state: state, store: StateStore(path: directory + "/s.json"), killAfter: nil)
        let console = RecordingConsole()
        let executor = Executor(
            graph: graph, adapters: adapters, recorder: recorder,
            gates: GateKeeper(approvals: Set(graph.steps.map(\.id.value)), approveAll: true, console: console), clock: SystemClock(),
            console: console, world: nil, parallel: 4, ignoreWindow: true)
        let outcome = await executor.run()
        await host.shutdown(grace: .seconds(5))
        let world = try SimulationWorld(graph: graph, path: estatePath, traffic: 0, failSteps: [], startTime: 0)
        return (outcome, console, await recorder.state, await world.estate, await world.applies)
    }

    /// Journaling as it was or as planned, and transport running: what compensation must leave.
    static func journalingIsOn(_ estate: SimulatedEstate) -> Bool {
        estate.flow.transportRunning.values.allSatisfy { $0 }
            && estate.flow.journalers.values.allSatisfy { $0.enabled }
    }
}

@Suite struct PowerShellHostRunTests {
    static let outageNodes = [
        "stop-transport@EX01", "stop-transport@EX02", "disable-rule@Journal All Mail",
        "repoint-rule@Journal All Mail", "enable-rule@Journal All Mail", "start-transport@EX01", "start-transport@EX02",
    ]

    @Test func aCleanRunAppliesEveryExchangeNodeOnce() async throws {
        let (outcome, console, _, estate, applies) = try await StandInExecution().run()
        #expect(outcome == .done, "\(console.text)")
        #expect(applies.count == 9 && applies.values.allSatisfy { $0 == 1 }, "\(applies)")
        #expect(estate.flow.journalers.values.allSatisfy { $0.enabled && $0.target == .contact })
    }

    /// A host that fails, dies before or after acting, goes silent, talks garbage, stops mid-answer or
    /// floods, at the repoint inside the outage: the node fails, and compensation (on a restarted host)
    /// puts transport and journaling back.
    @Test(arguments: ["fail", "exit", "exit-after", "silence", "garbage", "partial", "flood"])
    func aFaultyHostInsideTheOutageIsCompensated(mode: String) async throws {
        var execution = try StandInExecution(faults: ["\(mode)@repoint-rule"])
        execution.timeout = mode == "silence" ? .seconds(5) : .seconds(60)
        execution.maxResponseLines = 5000
        let (outcome, console, state, estate, _) = try await execution.run()
        guard case .failed(let message) = outcome else {
            Issue.record("\(mode): \(outcome)\n\(console.text)")
            return
        }
        #expect(!message.contains("compensation incomplete"), "\(mode): \(message)")
        #expect(state.status("repoint-rule@Journal All Mail") == .failed, "\(mode)")
        #expect(state.status("stop-transport@EX01") == .compensated, "\(mode)")
        #expect(state.status("stop-transport@EX02") == .compensated, "\(mode)")
        #expect(console.text.contains("undone   stop-transport@EX01"), "\(mode)")
        #expect(StandInExecution.journalingIsOn(estate), "\(mode): \(estate.flow)")
    }

    @Test(arguments: outageNodes)
    func aHostThatDiesAtAnyOutageNodeIsCompensated(key: String) async throws {
        let (outcome, console, state, estate, _) = try await StandInExecution(faults: ["exit@\(key)"]).run()
        guard case .failed(let message) = outcome else {
            Issue.record("\(key): \(outcome)\n\(console.text)")
            return
        }
        #expect(!message.contains("compensation incomplete"), "\(key): \(message)")
        #expect(state.status(key) == .failed, "\(key)")
        #expect(StandInExecution.journalingIsOn(estate), "\(key): \(estate.flow)")
    }

    @Test func stderrNoiseDoesNotFailTheRun() async throws {
        let (outcome, console, _, _, applies) = try await StandInExecution(faults: ["noise@repoint-rule"]).run()
        #expect(outcome == .done, "\(console.text)")
        #expect(applies["repoint-rule@Journal All Mail"] == 1)
    }

    @Test func aSecretTheHostEchoesReachesNeitherConsoleNorStateNorLog() async throws {
        var execution = try StandInExecution(faults: ["secret@repoint-rule"])
        let secret = "Sec+ret/\(UUID().uuidString)"
        execution.secret = secret
        let (outcome, console, _, estate, _) = try await execution.run()
        guard case .failed(let message) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(message.contains("<redacted>"), "\(message)")
        #expect(StandInExecution.journalingIsOn(estate))
        var everything = console.text + message
        for name in try FileManager.default.contentsOfDirectory(atPath: execution.directory) where name != "secret" {
            everything += (try? String(contentsOfFile: execution.directory + "/" + name, encoding: .utf8)) ?? ""
        }
        #expect(!everything.contains(secret))
    }
}
