import Foundation
import JournalPlanCore

/// Reads plan files (or `-` for standard input) for the commands.
enum PlanInput {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The bytes of `path`, refusing anything past the loader's size limit without reading it all.
    static func read(_ path: String, limit: Int = LoadLimits.default.maxBytes) throws -> [UInt8] {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadError(description: "\(path): no such file")
            }
            guard !isDirectory.boolValue else { throw ReadError(description: "\(path): is a directory") }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw ReadError(description: "\(path): cannot be read")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var bytes: [UInt8] = []
        while true {
            guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            bytes += chunk
            if bytes.count > limit { break }  // the loader reports the size with a position
        }
        return bytes
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }
}

/// Where output goes and whether it may be coloured.
enum Terminal {
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colour only on a terminal and never with NO_COLOR (any value).
    static func useColor(fd: Int32) -> Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isTTY(fd)
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
