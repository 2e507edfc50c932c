import Foundation
import Testing
@testable import JournalPlanRunner

@Suite struct StateTests {
    @Test func stateRoundTripsThroughTheAtomicWrite() throws {
        let dir = Fixtures.temporaryDirectory()
        let store = StateStore(path: dir + "/x.state.json")
        var state = RunState(
            plan: "p", planFile: "p.yaml", planSHA256: "abc", exchangeAdapter: "simulate", mimecastAdapter: "manual",
            nodeKeys: ["a", "b@EX01"])
        state.update("b@EX01") {
            $0.status = .done
            $0.undo = ["previousTarget": "mailbox"]
        }
        try store.save(state)
        #expect(try store.load() == state)
        // No temporary files left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func replanKeepsKnownNodesAndAddsNewOnes() {
        var state = RunState(
            plan: "p", planFile: "p.yaml", planSHA256: "old", exchangeAdapter: "simulate", mimecastAdapter: "simulate",
            nodeKeys: ["a", "b", "gone"])
        state.update("a") { $0.status = .done }
        state.adopt(nodeKeys: ["a", "new", "b"], planSHA256: "new")
        #expect(state.nodes.map(\.key) == ["a", "new", "b"])
        #expect(state.status("a") == .done)
        #expect(state.status("new") == .pending)
        #expect(state.planSHA256 == "new")
    }

    @Test func auditLogAppendsOneJSONObjectPerLine() throws {
        let dir = Fixtures.temporaryDirectory()
        let log = AuditLog(path: dir + "/a.jsonl")
        try log.append(AuditEntry(node: "n", action: "apply", result: "done", approvedBy: "ann (--yes)"))
        try log.append(AuditEntry(node: "m", action: "check", result: "not-done"))
        let lines = try String(contentsOfFile: log.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["node"] as? String == "n")
        #expect(first?["approvedBy"] as? String == "ann (--yes)")
        #expect(first?["time"] is String)
    }
}

@Suite struct RunLockTests {
    func writeHolder(_ path: String, host: String, pid: Int32) throws {
        let holder = RunLock.Holder(owner: "someone", host: host, pid: pid, time: "2026-01-01T00:00:00Z")
        try AtomicFile.write(StateStore.encode(holder), to: path)
    }

    @Test func aLiveHolderIsRefused() throws {
        let path = Fixtures.temporaryDirectory() + "/s.lock"
        try writeHolder(path, host: RunLock.hostName, pid: getpid())
        #expect(throws: RunLock.Failure.self) { try RunLock(path: path).acquire(force: false) }
    }

    @Test func aDeadHolderOnThisHostIsTakenOver() throws {
        let path = Fixtures.temporaryDirectory() + "/s.lock"
        try writeHolder(path, host: RunLock.hostName, pid: Int32.max - 7)
        let note = try RunLock(path: path).acquire(force: false)
        #expect(note?.contains("stale") == true)
        #expect(RunLock(path: path).readHolder()?.pid == getpid())
    }

    @Test func aHolderOnAnotherHostNeedsForce() throws {
        let path = Fixtures.temporaryDirectory() + "/s.lock"
        try writeHolder(path, host: "elsewhere.example", pid: 1)
        #expect(throws: RunLock.Failure.self) { try RunLock(path: path).acquire(force: false) }
        let note = try RunLock(path: path).acquire(force: true)
        #expect(note?.contains("forced") == true)
    }

    @Test func releaseRemovesOnlyOurLock() throws {
        let path = Fixtures.temporaryDirectory() + "/s.lock"
        let lock = RunLock(path: path)
        try lock.acquire(force: false)
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: path))
        try writeHolder(path, host: "elsewhere.example", pid: 1)
        lock.release()
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
