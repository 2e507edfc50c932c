import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// Counts how many applies run at once, and in what order nodes were applied.
actor ConcurrencyProbe {
    private(set) var running = 0
    private(set) var peak = 0
    private(set) var applied: [String] = []

    func enter(_ key: String) {
        running += 1
        peak = max(peak, running)
        applied.append(key)
    }

    func leave() { running -= 1 }
}

/// An adapter that finds nothing done before its apply and takes a moment to apply.
struct SlowAdapter: StepAdapter {
    let probe: ConcurrencyProbe
    var name: String { "probe" }
    func preflight(_ graph: StepGraph) async throws -> [String] { [] }
    func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome {
        await probe.applied.contains(node.key(in: graph)) ? .done : .notDone
    }
    func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        await probe.enter(node.key(in: graph))
        try await Task.sleep(nanoseconds: 20_000_000)
        await probe.leave()
        return [:]
    }
    func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {}
}

@Suite struct ExecutorTests {
    func execute(_ planName: String, parallel: Int, outageParallel: Int? = nil) async throws
        -> (Executor.Outcome, ConcurrencyProbe, StepGraph)
    {
        let graph = try #require(Fixtures.graph(Fixtures.repositoryRoot.appendingPathComponent("plans/\(planName)").path))
        let probe = ConcurrencyProbe()
        let adapter = SlowAdapter(probe: probe)
        let keys = graph.nodes.map { $0.key(in: graph) }
        let state = RunState(
            plan: "p", planFile: "p.yaml", planSHA256: "", exchangeAdapter: "probe", mimecastAdapter: "probe",
            nodeKeys: keys)
        let recorder = RunRecorder(
            state: state, store: StateStore(path: Fixtures.temporaryDirectory() + "/s.json"), killAfter: nil)
        let executor = Executor(
            graph: graph, adapters: AdapterPair(exchange: adapter, mimecast: adapter), recorder: recorder,
            gates: GateKeeper(approvals: Set(graph.steps.map(\.id.value)), approveAll: true, console: RecordingConsole()),
            clock: SystemClock(),
            console: RecordingConsole(), world: nil, parallel: parallel, outageParallel: outageParallel ?? parallel,
            ignoreWindow: true)
        return (await executor.run(), probe, graph)
    }

    /// Issue 18: the nodes of a stop or start step run beyond --parallel by default (up to
    /// --max-parallel), so every server stops at once and the outage is as long as the slowest.
    @Test func outageNodesRunTogetherBeyondTheParallelLimit() async throws {
        let (outcome, probe, graph) = try await execute(
            "exchange-2019-standard-journaling.yaml", parallel: 1, outageParallel: RunOptions.defaultMaxParallel)
        #expect(outcome == .done)
        #expect(graph.plan.exchange.transportServers.count > 1)
        #expect(await probe.peak == graph.plan.exchange.transportServers.count)
    }

    @Test func fanOutNodesRunInParallelUpToTheLimit() async throws {
        let (outcome, probe, _) = try await execute("exchange-2019-standard-journaling.yaml", parallel: 2)
        #expect(outcome == .done)
        #expect(await probe.peak == 2)
        let (_, serial, _) = try await execute("exchange-2019-standard-journaling.yaml", parallel: 1)
        #expect(await serial.peak == 1)
    }

    @Test func nodesRunInDependencyOrder() async throws {
        let (outcome, probe, graph) = try await execute("exchange-2019-standard-journaling.yaml", parallel: 4)
        #expect(outcome == .done)
        let applied = await probe.applied
        #expect(Set(applied).count == graph.nodeCount)
        // Steps on both systems are applied once per adapter (here the same probe): keep the first.
        let position = Dictionary(applied.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for node in graph.nodes {
            for p in graph.predecessors[node.step] {
                for earlier in graph.nodes where earlier.step == p {
                    #expect(position[earlier.key(in: graph)]! < position[node.key(in: graph)]!)
                }
            }
        }
    }
}

@Suite struct ResumeAfterFailureTests {
    @Test func aCompensatedRunResumesToTheEndWithoutLoss() async {
        let plan = Fixtures.planPaths.first { $0.contains("2016") }!
        let dir = Fixtures.temporaryDirectory()
        let (failed, _, _) = await Fixtures.simulate(plan, directory: dir) {
            $0.yes = true; $0.approvals = Fixtures.stepIDs(plan)
            $0.failSteps = ["start-transport@EX02"]
        }
        #expect(failed == .failed)
        let (resumed, console, report) = await Fixtures.simulate(plan, directory: dir) {
            $0.yes = true; $0.approvals = Fixtures.stepIDs(plan)
            $0.resume = true
        }
        #expect(resumed == .done, "\(console.text)")
        #expect(report["lost"] as? Int == 0)
        #expect(report["sent"] as? Int == 1000)
        let estate = report["estate"] as? [String: Any] ?? [:]
        let journaling = estate["journaling"] as? [[String: Any]] ?? []
        #expect(journaling.allSatisfy { $0["target"] as? String == "contact" && $0["enabled"] as? Bool == true })
    }
}
