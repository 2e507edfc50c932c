import ArgumentParser
import Foundation
import JournalPlanCore

/// `plan compile PLAN [-o FILE]`: the PowerShell script for the cut-over (docs/design.md §6).
struct CompileCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", abstract: "Compile a plan into the PowerShell script for the cut-over.",
        discussion: """
            Examples:
              plan compile plans/cutover.yaml -o cutover.ps1
              plan compile plans/cutover.yaml | less

            A plan with errors is refused: its diagnostics go to standard error and \
            nothing is written. -o writes the file whole or not at all, and refuses \
            an existing file unless --force is given (as explain, graph and init do).

            Exit status: 0 written, 1 the plan has errors, 2 it cannot be read, the \
            -o file exists (without --force) or the output cannot be written.
            """)

    @OptionGroup var options: PlanOutputOptions

    func execute() throws -> Int32 {
        let compiled = try CompiledPlan.load(options.plan)
        guard compiled.graph.plan.exchange.version.value.isScriptable else {
            Terminal.writeError(
                "plan: error: \(PlanInput.displayName(options.plan)): Exchange 2003 has no Exchange Management Shell, "
                    + "so there is no script to compile; use 'plan explain' for the runbook and run the steps by hand\n")
            return 1
        }
        let script = PowerShellRenderer.prepare(
            graph: compiled.graph, planSHA256: compiled.sha256, toolVersion: ToolInfo.version)
        try CompiledPlan.stream(to: options.output, force: options.force) { emit in script.write(into: emit) }
        ProcessLifetime.keep((compiled, script))
        return 0
    }
}
