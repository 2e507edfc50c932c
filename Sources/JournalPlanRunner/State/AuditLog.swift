import Foundation
import JournalPlanCore

/// One line of the audit log.
public struct AuditEntry: Sendable, Equatable {
    public var time: String
    /// A node key, or `run` for run-level events (preflight, outcome).
    public var node: String
    /// check, apply, undo, approve, gate, preflight, window, run.
    public var action: String
    /// started, done, failed, already-done, not-done, unknown, paused, …
    public var result: String
    public var approvedBy: String?
    public var detail: String?

    public init(node: String, action: String, result: String, approvedBy: String? = nil, detail: String? = nil) {
        self.time = RecordTime.now()
        self.node = node
        self.action = action
        self.result = result
        self.approvedBy = approvedBy
        self.detail = detail
    }

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("time", .string(time)), ("node", .string(node)), ("action", .string(action)),
            ("result", .string(result)),
        ]
        fields.append(("approvedBy", approvedBy.map(JSONValue.string) ?? .null))
        if let detail { fields.append(("detail", .string(detail))) }
        return .object(fields)
    }
}

/// The append-only audit log beside the state (`<state>.audit.jsonl`): one JSON object per line.
public struct AuditLog: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Appends one line and syncs it to disk.
    public func append(_ entry: AuditEntry) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else {
            throw AtomicFile.WriteError(description: "\(path): cannot append (\(AtomicFile.errnoText()))")
        }
        defer { close(fd) }
        let bytes = Array((entry.json.rendered() + "\n").utf8)
        let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, bytes.count) }
        guard n == bytes.count else {
            throw AtomicFile.WriteError(description: "\(path): short write (\(AtomicFile.errnoText()))")
        }
        _ = fsync(fd)
    }
}
