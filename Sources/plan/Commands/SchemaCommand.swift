import ArgumentParser

// Scaffolding: replaced by the real command.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the plan JSON Schema.")

    func run() throws {
        Terminal.writeError("plan schema: not available yet\n")
        throw ExitCode(2)
    }
}
