import Foundation
import JournalPlanCore

/// The single writer of a run's state file and audit log. Every status change is saved atomically
/// before the run moves on, so a crash at any point leaves a state that `--resume` can continue.
actor RunRecorder {
    private(set) var state: RunState
    let store: StateStore
    let audit: AuditLog
    let killAfter: String?

    init(state: RunState, store: StateStore, killAfter: String?) {
        self.state = state
        self.store = store
        self.audit = AuditLog(path: store.auditPath)
        self.killAfter = killAfter
    }

    func status(_ key: String) -> NodeStatus { state.status(key) }
    func record(_ key: String) -> NodeRecord? { state.record(key) }

    func log(_ entry: AuditEntry) throws { try audit.append(entry) }

    func save() throws {
        state.updated = RecordTime.now()
        try store.save(state)
    }

    func setPhase(_ phase: RunPhase) throws {
        state.phase = phase
        try save()
        try log(AuditEntry(node: "run", action: "run", result: phase.rawValue))
    }

    func approve(_ key: String, by: String) throws {
        state.update(key) { $0.approvedBy = by }
        try save()
        try log(AuditEntry(node: key, action: "approve", result: "approved", approvedBy: by))
    }

    func markStarted(_ key: String) throws {
        set(key, .started)
        try save()
        try log(AuditEntry(node: key, action: "apply", result: "started", approvedBy: state.record(key)?.approvedBy))
    }

    /// Apply returned: log it and keep what undo needs (saved with the next status change).
    func markApplied(_ key: String, undo: [String: String]) throws {
        state.update(key) { $0.undo = undo.isEmpty ? nil : undo }
        try save()
        try log(AuditEntry(node: key, action: "apply", result: "done", approvedBy: state.record(key)?.approvedBy))
        testKill(key + ":applied")
    }

    func markDone(_ key: String) throws {
        set(key, .done)
        try save()
        testKill(key)
    }

    func markFailed(_ key: String, message: String) throws {
        set(key, .failed)
        state.update(key) { $0.error = message }
        try save()
        try log(AuditEntry(node: key, action: "apply", result: "failed", detail: message))
    }

    func markCompensated(_ key: String) throws {
        if state.status(key) != .failed { set(key, .compensated) }
        try save()
        try log(AuditEntry(node: key, action: "undo", result: "done"))
    }

    /// Back to pending after a compensation undid something before it.
    func reopen(_ key: String) throws {
        set(key, .pending)
        try save()
        try log(AuditEntry(node: key, action: "reopen", result: "pending", detail: "an earlier node was undone"))
    }

    private func set(_ key: String, _ status: NodeStatus) {
        state.update(key) {
            $0.status = status
            $0.updated = RecordTime.now()
            if status != .failed { $0.error = nil }
        }
    }

    /// Test-only crash injection (`JOURNALPLAN_TEST_KILL_AFTER`).
    private func testKill(_ point: String) {
        if killAfter == point { kill(getpid(), SIGKILL) }
    }
}
