import ArgumentParser
import Foundation
import JournalPlanCore
import JournalPlanDigest

/// A plan that validated without errors, with its step graph and the SHA-256 of its bytes: the input of
/// `compile`, `graph` and `explain`, which all refuse an invalid plan.
struct CompiledPlan {
    var graph: StepGraph
    var sha256: String

    /// Reads and validates `path`; on errors prints the diagnostics to standard error and exits 1
    /// (2 when the file cannot be read).
    static func load(_ path: String) throws -> CompiledPlan {
        let name = PlanInput.displayName(path)
        let bytes: [UInt8]
        do {
            bytes = try PlanInput.read(path)
        } catch {
            Terminal.writeError("plan: error: \(error)\n")
            throw ExitCode(2)
        }
        let result = PlanValidator().validate(bytes, file: name)
        guard !result.hasErrors, let graph = result.graph else {
            let formatter = TextDiagnosticFormatter(colorize: Terminal.useColor(fd: STDERR_FILENO))
            let source = SourceText(bytes: bytes)
            var out = ""
            for diagnostic in result.diagnostics { out += formatter.format(diagnostic, source: source) }
            out += "plan: error: \(name) has errors; nothing was generated\n"
            Terminal.writeError(out)
            throw ExitCode(1)
        }
        return CompiledPlan(graph: graph, sha256: SHA256.hex(bytes))
    }

    /// Writes `text` to `path`, or to standard output when there is none.
    static func write(_ text: String, to path: String?) throws {
        var text = text
        try stream(to: path) { emit in text.withUTF8(emit) }
    }

    /// Writes what `produce` emits, chunk by chunk, to `path` (or standard output), so a large script
    /// never sits in memory whole. A regular file is written beside its destination and renamed into
    /// place at the end: a failed or interrupted compile never leaves half a script behind. Any write
    /// error exits 2.
    static func stream(to path: String?, _ produce: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) throws {
        var info = stat()
        let replacesFile = path.map { stat($0, &info) != 0 || (info.st_mode & S_IFMT) == S_IFREG } ?? false
        let target = path.map { replacesFile ? $0 + ".partial-\(getpid())" : $0 }
        let fd = target.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) } ?? STDOUT_FILENO
        let name = path ?? "standard output"
        guard fd >= 0 else { try cannotWrite(name, errno) }
        var failure: Int32 = 0
        produce { chunk in
            if failure == 0, !writeAll(fd, chunk) { failure = errno }
        }
        if let target {
            if close(fd) != 0, failure == 0 { failure = errno }
            if failure == 0, let path, replacesFile, rename(target, path) != 0 { failure = errno }
            if failure != 0, replacesFile { unlink(target) }
        }
        if failure != 0 { try cannotWrite(name, failure) }
    }

    private static func writeAll(_ fd: Int32, _ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = chunk.baseAddress else { return true }
        var offset = 0
        while offset < chunk.count {
            let n = Foundation.write(fd, base + offset, chunk.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    private static func cannotWrite(_ path: String, _ code: Int32) throws -> Never {
        Terminal.writeError("plan: error: \(path): cannot be written (\(String(cString: strerror(code))))\n")
        throw ExitCode(2)
    }
}

/// The plan argument and `-o FILE` shared by `compile` and `explain`.
struct PlanOutputOptions: ParsableArguments {
    @Argument(help: "The plan file, or - for standard input.")
    var plan: String

    @Option(name: [.short, .customLong("output")], help: "Write to FILE instead of standard output.")
    var output: String?
}
