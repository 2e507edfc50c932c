import ArgumentParser

// Scaffolding: replaced by the real command.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show what changed between two plans.")

    func run() throws {
        Terminal.writeError("plan diff: not available yet\n")
        throw ExitCode(2)
    }
}
