import ArgumentParser
import Foundation
import JournalPlanCore
import JournalPlanDigest

/// A plan that validated without errors, with its step graph and the SHA-256 of its bytes: the input of
/// `compile`, `graph` and `explain`, which all refuse an invalid plan.
struct CompiledPlan {
    var graph: StepGraph
    var sha256: String

    /// Reads and validates `path`; refuses (``CheckedPlan/refuseIf(_:_:)``) a plan that cannot be read
    /// (exit 2) or has errors (exit 1).
    static func load(_ path: String) throws(ExitCode) -> CompiledPlan {
        let checked = PlanInput.check(path)
        try checked.refuseIf(checked.result.hasErrors || checked.result.graph == nil)
        guard let graph = checked.result.graph, let bytes = checked.bytes else { throw ExitCode(1) }
        return CompiledPlan(graph: graph, sha256: SHA256.hex(bytes))
    }

    /// Writes `text` to `path`, or to the command's output when there is none.
    static func write(_ text: String, to path: String?, force: Bool = true) throws {
        try stream(to: path, force: force) { emit in emit(Array(text.utf8)) }
    }

    /// Writes what `produce` emits, chunk by chunk, to `path` (or the command's output), so a large
    /// script never sits in memory whole. A regular file is written beside its destination and renamed
    /// into place at the end: a failed or interrupted compile never leaves half a script behind. Without
    /// `force`, an existing regular file is refused (exit 2). Any write error is an ``OutputWriteError``.
    static func stream(
        to path: String?, force: Bool = true, _ produce: (@escaping ([UInt8]) -> Void) -> Void
    ) throws {
        guard let path, path != "-" else {
            var failure: OutputWriteError?
            produce { chunk in
                guard failure == nil else { return }
                do throws(OutputWriteError) { try Terminal.output.write(chunk) } catch { failure = error }
            }
            if let failure { throw failure }
            return
        }
        var info = stat()
        let exists = stat(path, &info) == 0
        let replacesFile = !exists || (info.st_mode & S_IFMT) == S_IFREG
        if exists, replacesFile, !force {
            Terminal.writeError("plan: error: \(path) exists; use --force to overwrite it\n")
            throw ExitCode(2)
        }
        let target = replacesFile ? path + ".partial-\(getpid())" : path
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw OutputWriteError(target: path, code: errno) }
        let channel = OutputChannel(fd: fd, name: path)
        var failure: Int32 = 0
        produce { chunk in
            guard failure == 0 else { return }
            do throws(OutputWriteError) { try channel.write(chunk) } catch { failure = error.code }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, replacesFile, rename(target, path) != 0 { failure = errno }
        if failure != 0, replacesFile { unlink(target) }
        if failure != 0 { throw OutputWriteError(target: path, code: failure) }
    }
}

/// The plan argument, `-o FILE` and `--force` shared by `compile`, `explain` and `graph`.
struct PlanOutputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The plan file, or - for standard input.", valueName: "plan-file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var plan: String

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp(
            "Write to this file instead of standard output (written whole or not at all).", valueName: "file"),
        completion: .file())
    var output: String?

    @Flag(help: "Overwrite the -o file if it exists (without it, an existing file is refused).")
    var force = false
}
