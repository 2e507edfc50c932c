import ArgumentParser
import JournalPlanCore

/// `plan explain PLAN [-o FILE]`: the Markdown runbook for the hand-off and the pull request.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Write the Markdown runbook for the hand-off.")

    @OptionGroup var options: PlanOutputOptions

    func run() throws {
        let compiled = try CompiledPlan.load(options.plan)
        let runbook = RunbookRenderer(graph: compiled.graph, planSHA256: compiled.sha256).render()
        try CompiledPlan.write(runbook, to: options.output)
    }
}
