import ArgumentParser

// Scaffolding: replaced by the real command.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Execute a plan through adapters, durably.")

    func run() async throws {
        Terminal.writeError("plan run: not available yet\n")
        throw ExitCode(2)
    }
}
