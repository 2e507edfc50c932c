import ArgumentParser
import Foundation
import JournalPlanCore

/// `plan compile PLAN [-o FILE]`: the PowerShell script for the cut-over (DESIGN §5).
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", abstract: "Compile a plan into the PowerShell script for the cut-over.")

    @OptionGroup var options: PlanOutputOptions

    func run() throws {
        let compiled = try CompiledPlan.load(options.plan)
        guard compiled.graph.plan.exchange.version.value.isScriptable else {
            Terminal.writeError(
                "plan: error: \(PlanInput.displayName(options.plan)): Exchange 2003 has no Exchange Management Shell, "
                    + "so there is no script to compile; use 'plan explain' for the runbook and run the steps by hand\n")
            throw ExitCode(1)
        }
        try CompiledPlan.stream(to: options.output) { emit in
            PowerShellRenderer.render(
                graph: compiled.graph, planSHA256: compiled.sha256, toolVersion: ToolInfo.version, into: emit)
        }
        Foundation.exit(0)  // without tearing down the graph object by object (see ValidateCommand)
    }
}
