import ArgumentParser

// Scaffolding: replaced by the real command.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a starter plan.")

    func run() throws {
        Terminal.writeError("plan init: not available yet\n")
        throw ExitCode(2)
    }
}
