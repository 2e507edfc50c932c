import ArgumentParser
import Foundation
import JournalPlanCore

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
        guard let path else {
            Terminal.write(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            Terminal.writeError("plan: error: \(path): cannot be written (\(error.localizedDescription))\n")
            throw ExitCode(2)
        }
    }
}

/// The plan argument and `-o FILE` shared by `compile` and `explain`.
struct PlanOutputOptions: ParsableArguments {
    @Argument(help: "The plan file, or - for standard input.")
    var plan: String

    @Option(name: [.short, .customLong("output")], help: "Write to FILE instead of standard output.")
    var output: String?
}
