import ArgumentParser
import Foundation
import JournalPlanCore

/// `plan diff OLD NEW`: what changed between two plans, in steps and order, for review.
/// Exit 0 when they mean the same, 1 when they differ, 2 when a plan cannot be read or decoded.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two plans: steps, fields, order and the no-loss verdict.",
        discussion: "Exit status: 0 the plans are equivalent, 1 they differ, 2 a plan cannot be read or decoded.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "The old plan (for example the base branch's), or - for standard input.")
    var old: String

    @Argument(help: "The new plan, or - for standard input.")
    var new: String

    @Option(help: "Output format: text, markdown or json.")
    var format: Format = .text

    func validate() throws {
        if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be standard input") }
    }

    func run() throws {
        let validator = PlanValidator()
        var results: [ValidationResult] = []
        var sources: [String: SourceText] = [:]
        for path in [old, new] {
            let name = PlanInput.displayName(path)
            do {
                let bytes = try PlanInput.read(path)
                sources[name] = SourceText(bytes: bytes)
                results.append(validator.validate(bytes, file: name))
            } catch {
                Terminal.writeError("plan: error: \(error)\n")
                throw ExitCode(2)
            }
        }
        guard let diff = PlanComparer().compare(old: results[0], new: results[1]) else {
            // A side that does not decode has no steps to compare: show why, on standard error.
            let formatter = TextDiagnosticFormatter(colorize: Terminal.useColor(fd: STDERR_FILENO))
            for result in results where result.plan == nil {
                for d in result.diagnostics { Terminal.writeError(formatter.format(d, source: sources[d.location.file])) }
            }
            Terminal.writeError("plan diff: cannot compare: a plan does not decode\n")
            throw ExitCode(2)
        }
        switch format {
        case .text: Terminal.write(PlanDiffRenderer.text(diff))
        case .markdown: Terminal.write(PlanDiffRenderer.markdown(diff))
        case .json: Terminal.write(PlanDiffRenderer.json(diff).rendered(pretty: true) + "\n")
        }
        if !diff.isEqual { throw ExitCode(1) }
    }
}
