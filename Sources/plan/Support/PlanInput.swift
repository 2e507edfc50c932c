import ArgumentParser
import Foundation
import JournalPlanCore

/// Reads plan files (or `-` for standard input) for the commands.
enum PlanInput {
    /// Why a plan file cannot be read: `no such file`, `is a directory`, `cannot be read (Permission denied)`.
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// The bytes of `path`, refusing anything past the loader's size limit without reading it all.
    static func read(_ path: String, limit: Int = LoadLimits.default.maxBytes) throws(ReadError) -> [UInt8] {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadError(path: path, reason: "no such file")
            }
            guard !isDirectory.boolValue else { throw ReadError(path: path, reason: "is a directory") }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw ReadError(path: path, reason: "cannot be read (\(String(cString: strerror(errno))))")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var bytes: [UInt8] = []
        do {
            while true {
                guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
                bytes += chunk
                if bytes.count > limit { break }  // the loader reports the size with a position
            }
        } catch {
            throw ReadError(path: displayName(path), reason: "cannot be read (\(error.localizedDescription))")
        }
        return bytes
    }

    /// Whether the file says it is a JournalPlan plan: a line that starts with `plan:` (unindented) and
    /// names the format, `journal-migration/` (quoted or not). How `--plans-only` (the pre-commit hook)
    /// tells plans from the other YAML files of a repository.
    static func declaresPlan(_ bytes: [UInt8]) -> Bool {
        let marker = Array("plan:".utf8)
        let format = Array("journal-migration/".utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = bytes[lineStart..<end]
            if line.starts(with: marker) {
                var rest = line.dropFirst(marker.count).drop { $0 == 0x20 || $0 == 0x09 }
                if let first = rest.first, first == 0x22 || first == 0x27 { rest = rest.dropFirst() }
                if rest.starts(with: format) { return true }
            }
            lineStart = end + 1
        }
        return false
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Reads and validates `path`: the result, with JP008 as its one error when the file cannot be read.
    static func check(_ path: String, validator: PlanValidator = PlanValidator()) -> CheckedPlan {
        let name = displayName(path)
        do {
            let bytes = try read(path)
            return CheckedPlan(name: name, bytes: bytes, result: validator.validate(bytes, file: name))
        } catch {
            return CheckedPlan(
                name: name, bytes: nil, result: ValidationResult.unreadable(file: name, reason: error.reason))
        }
    }
}

/// A plan as the commands see it: its bytes (nil when the file could not be read) and what validation found.
struct CheckedPlan {
    var name: String
    var bytes: [UInt8]?
    var result: ValidationResult

    var isUnreadable: Bool { bytes == nil }
    var source: SourceText? { bytes.map { SourceText(bytes: $0) } }

    /// The one "validate, print diagnostics, refuse" path of `compile`, `graph`, `explain`, `diff`: when
    /// `refuses`, prints the diagnostics and a last line saying why nothing was produced to standard error,
    /// and throws the exit status (2 for an unreadable file, else `status`).
    func refuseIf(_ refuses: Bool, _ reason: String = "nothing was generated", status: Int32 = 1) throws(ExitCode) {
        guard refuses else { return }
        let formatter = TextDiagnosticFormatter(colorize: Terminal.colorErrors)
        let source = self.source
        var out = ""
        for diagnostic in result.diagnostics { out += formatter.format(diagnostic, source: source) }
        out += "plan: error: \(name) \(isUnreadable ? "cannot be read" : "has errors"); \(reason)\n"
        Terminal.writeError(out)
        throw ExitCode(isUnreadable ? 2 : status)
    }
}
