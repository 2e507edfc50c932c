import ArgumentParser
import JournalPlanCore

/// `plan explain PLAN [-o FILE]`: the Markdown runbook for the hand-off and the pull request.
struct ExplainCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Write the Markdown runbook for the hand-off.",
        discussion: """
            Examples:
              plan explain plans/cutover.yaml -o RUNBOOK.md
              plan explain plans/cutover.yaml >> "$GITHUB_STEP_SUMMARY"

            A plan with errors is refused. -o refuses an existing file unless \
            --force is given.

            Exit status: 0 written, 1 the plan has errors, 2 it cannot be read, the \
            -o file exists (without --force) or the output cannot be written.
            """)

    @OptionGroup var options: PlanOutputOptions

    func execute() throws -> Int32 {
        let compiled = try CompiledPlan.load(options.plan)
        let runbook = RunbookRenderer(graph: compiled.graph, planSHA256: compiled.sha256).render()
        try CompiledPlan.write(runbook, to: options.output, force: options.force)
        return 0
    }
}
