import Foundation

/// Writes files so a crash leaves either the old or the new content: a temporary file in the same
/// directory, fsync, rename over the target, fsync the directory.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        let name = (path as NSString).lastPathComponent
        let temporary = "\(dir)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw WriteError(description: "\(path): cannot write (\(errnoText()))") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Foundation.write(fd, buffer.baseAddress! + written, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let message = errnoText()
                close(fd)
                unlink(temporary)
                throw WriteError(description: "\(path): write failed (\(message))")
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let message = errnoText()
            close(fd)
            unlink(temporary)
            throw WriteError(description: "\(path): fsync failed (\(message))")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let message = errnoText()
            unlink(temporary)
            throw WriteError(description: "\(path): rename failed (\(message))")
        }
        let dirfd = open(dir, O_RDONLY)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
