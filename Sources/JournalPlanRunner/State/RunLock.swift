import Foundation

/// A lock file beside the state (owner, host, pid, time) so two runs of one plan never overlap.
/// A lock left by a process that no longer runs on this host is stale and is taken over.
public struct RunLock: Sendable {
    public struct Holder: Codable, Sendable, Equatable {
        public var owner: String
        public var host: String
        public var pid: Int32
        public var time: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case held(Holder, path: String)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .held(let h, let path):
                "\(path): the run is locked by \(h.owner) on \(h.host) (pid \(h.pid), since \(h.time)); "
                    + "if that run is gone, pass --force-unlock"
            case .unreadable(let path, let reason): "\(path): \(reason)"
            }
        }
    }

    public let path: String

    public init(path: String) { self.path = path }

    /// Takes the lock. Returns a note when a stale lock was taken over or a held one forced.
    @discardableResult
    public func acquire(force: Bool) throws -> String? {
        var note: String?
        for _ in 0..<3 {
            if try create() { return note }
            guard let holder = readHolder() else {
                // Unreadable (half-written by a crashed run): stale.
                unlink(path)
                note = "took over an unreadable lock file \(path)"
                continue
            }
            if holder.host == Self.hostName, !Self.isAlive(holder.pid) {
                note = "took over a stale lock (pid \(holder.pid) on \(holder.host) is not running)"
            } else if force {
                note = "forced the lock held by \(holder.owner) on \(holder.host) (pid \(holder.pid))"
            } else {
                throw Failure.held(holder, path: path)
            }
            unlink(path)
        }
        throw Failure.unreadable(path: path, reason: "could not take the lock")
    }

    /// Removes the lock if this process holds it.
    public func release() {
        if readHolder()?.pid == getpid(), readHolder()?.host == Self.hostName { unlink(path) }
    }

    func readHolder() -> Holder? {
        guard let bytes = AtomicFile.read(path) else { return nil }
        return try? JSONDecoder().decode(Holder.self, from: Data(bytes))
    }

    private func create() throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw Failure.unreadable(path: path, reason: "cannot create the lock (\(AtomicFile.errnoText()))")
        }
        let holder = Holder(owner: Self.userName, host: Self.hostName, pid: getpid(), time: RecordTime.now())
        let bytes = (try? StateStore.encode(holder)) ?? []
        _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, bytes.count) }
        _ = fsync(fd)
        close(fd)
        return true
    }

    static var hostName: String { ProcessInfo.processInfo.hostName }

    static var userName: String {
        let env = ProcessInfo.processInfo.environment
        return env["USER"] ?? env["LOGNAME"] ?? env["USERNAME"] ?? "unknown"
    }

    /// Whether a process with `pid` exists on this host (EPERM still means it exists).
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
