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
        let script = PowerShellRenderer.prepare(
            graph: compiled.graph, planSHA256: compiled.sha256, toolVersion: ToolInfo.version)
        try CompiledPlan.stream(to: options.output) { emit in script.write(into: emit) }
        // Exit with the graph and the node programs still alive, without tearing them down object by object
        // (see ValidateCommand). Swift may end a value's life after its last use, so hold them explicitly.
        withExtendedLifetime((compiled, script)) { Foundation.exit(0) }
    }
}
