import ArgumentParser
import JournalPlanCore

/// `plan explain PLAN`: the Markdown runbook for the hand-off and the pull request.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Write the Markdown runbook for the hand-off.")

    @Argument(help: "The plan file, or - for standard input.")
    var plan: String

    @Option(name: [.short, .customLong("output")], help: "Write the runbook to FILE instead of standard output.")
    var output: String?

    func run() throws {
        let compiled = try CompiledPlan.load(plan)
        try CompiledPlan.write(RunbookRenderer(graph: compiled.graph, planSHA256: compiled.sha256).render(), to: output)
    }
}
