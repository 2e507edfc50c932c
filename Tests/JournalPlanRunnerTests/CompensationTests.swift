import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// Records what a run applied and undid; fails the apply of one step and, optionally, the undo of
/// another; answers the journaling read-back as told.
actor CompensationLog {
    private(set) var undone: [String] = []
    private(set) var readBacks = 0

    func undo(_ key: String) { undone.append(key) }
    func readBack() { readBacks += 1 }
}

struct CompensationProbeAdapter: StepAdapter {
    let log: CompensationLog
    let failApply: String
    let failUndo: String?
    let restored: Bool?
    var name: String { "probe" }

    func preflight(_ graph: StepGraph) async throws -> [String] { [] }
    func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome { .notDone }
    func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        if graph.steps[node.step].id.value == failApply { throw AdapterError("\(node.key(in: graph)): injected failure") }
        return [:]
    }
    func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {
        if graph.steps[node.step].id.value == failUndo {
            throw AdapterError("\(node.key(in: graph)): the domain controller does not answer")
        }
        await log.undo(node.key(in: graph))
    }
    func journalingRestored(in graph: StepGraph) async throws -> Bool? {
        await log.readBack()
        return restored
    }
}

/// `plan run`'s compensation restores journaling first, reads it back, and starts transport only when
/// the read-back shows journaling restored; otherwise transport stays stopped with a loud instruction.
@Suite struct CompensationOrderTests {
    func run(failUndo: String?, restored: Bool?) async throws -> (Executor.Outcome, CompensationLog, RecordingConsole) {
        let graph = try #require(Fixtures.graph(Fixtures.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path))
        let log = CompensationLog()
        // enable-rule fails: transport is stopped, the rule disabled and pointed at the contact.
        let adapter = CompensationProbeAdapter(log: log, failApply: "enable-rule", failUndo: failUndo, restored: restored)
        let state = RunState(
            plan: "p", planFile: "p.yaml", planSHA256: "", exchangeAdapter: "probe", mimecastAdapter: "probe",
            nodeKeys: graph.nodes.map { $0.key(in: graph) })
        let recorder = RunRecorder(
            state: state, store: StateStore(path: Fixtures.temporaryDirectory() + "/s.json"), killAfter: nil)
        let console = RecordingConsole()
        let executor = Executor(
            graph: graph, adapters: AdapterPair(exchange: adapter, mimecast: adapter), recorder: recorder,
            gates: GateKeeper(approvals: Set(graph.steps.map(\.id.value)), approveAll: true, console: console), clock: SystemClock(),
            console: console, world: nil, parallel: 1, ignoreWindow: true)
        return (await executor.run(), log, console)
    }

    @Test func transportStartsOnlyAfterJournalingReadsBackAsRestored() async throws {
        let (outcome, log, _) = try await run(failUndo: nil, restored: true)
        #expect(outcome == .failed("enable-rule@Journal All Mail: injected failure"))
        let undone = await log.undone
        #expect(undone == ["repoint-rule@Journal All Mail", "disable-rule@Journal All Mail", "stop-transport@EX02", "stop-transport@EX01"])
        #expect(await log.readBacks == 1)
    }

    @Test func aFailedRestoreLeavesTransportStoppedAndSaysWhatToDo() async throws {
        let (outcome, log, console) = try await run(failUndo: "repoint-rule", restored: true)
        let undone = await log.undone
        #expect(!undone.contains { $0.hasPrefix("stop-transport") }, "\(undone)")
        #expect(undone == ["disable-rule@Journal All Mail"])
        // Nothing is read back when a restore already failed: transport stays stopped.
        #expect(await log.readBacks == 0)
        guard case .failed(let message) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message.contains("transport left stopped: journaling could not be restored and read back"))
        #expect(message.contains("repoint-rule@Journal All Mail: repoint-rule@Journal All Mail: the domain controller does not answer"))
        #expect(console.text.contains("TRANSPORT IS LEFT STOPPED ON PURPOSE"))
        #expect(console.text.contains("journal rule Journal All Mail: point it at"))
        #expect(console.text.contains("only then start transport on: EX01, EX02"))
    }

    @Test(arguments: [false, nil] as [Bool?])
    func aReadBackThatDoesNotConfirmLeavesTransportStopped(_ restored: Bool?) async throws {
        let (outcome, log, console) = try await run(failUndo: nil, restored: restored)
        let undone = await log.undone
        #expect(undone == ["repoint-rule@Journal All Mail", "disable-rule@Journal All Mail"])
        #expect(await log.readBacks == 1)
        guard case .failed(let message) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message.contains("transport left stopped"))
        #expect(console.text.contains("TRANSPORT IS LEFT STOPPED ON PURPOSE"))
    }
}
