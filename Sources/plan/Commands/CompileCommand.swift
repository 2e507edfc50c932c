import ArgumentParser

// Scaffolding: replaced by the real command.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compile", abstract: "Compile a plan into the PowerShell script for the cut-over.")

    func run() throws {
        Terminal.writeError("plan compile: not available yet\n")
        throw ExitCode(2)
    }
}
