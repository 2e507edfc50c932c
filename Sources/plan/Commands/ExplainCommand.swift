import ArgumentParser

// Scaffolding: replaced by the real command.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Write the Markdown runbook for the hand-off.")

    func run() throws {
        Terminal.writeError("plan explain: not available yet\n")
        throw ExitCode(2)
    }
}
