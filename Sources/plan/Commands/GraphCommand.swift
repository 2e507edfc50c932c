import ArgumentParser
import JournalPlanCore

/// `plan graph PLAN --format mermaid|dot|json`: the step graph.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Print the step graph (mermaid, dot or json).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot, json
    }

    @Argument(help: "The plan file, or - for standard input.")
    var plan: String

    @Option(help: "Output format: mermaid, dot or json.")
    var format: Format = .mermaid

    func run() throws {
        let graph = try CompiledPlan.load(plan).graph
        switch format {
        case .mermaid: Terminal.write(MermaidRenderer.render(graph))
        case .dot: Terminal.write(DOTRenderer.render(graph))
        case .json: Terminal.write(GraphJSONRenderer.document(graph).rendered(pretty: true) + "\n")
        }
    }
}
