import ArgumentParser

// Scaffolding: replaced by the real command.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "graph", abstract: "Print the step graph (mermaid, dot or json).")

    func run() throws {
        Terminal.writeError("plan graph: not available yet\n")
        throw ExitCode(2)
    }
}
