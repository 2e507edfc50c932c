import ArgumentParser
import JournalPlanCore

/// `plan graph PLAN --format mermaid|dot|json [-o FILE]`: the step graph.
struct GraphCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "Print the step graph (mermaid, dot or json).",
        discussion: """
            Examples:
              plan graph plans/cutover.yaml
              plan graph --format dot plans/cutover.yaml | dot -Tsvg -o graph.svg
              plan graph --format json plans/cutover.yaml -o graph.json

            A plan with errors is refused. -o refuses an existing file unless \
            --force is given.

            Exit status: 0 written, 1 the plan has errors, 2 it cannot be read, the \
            -o file exists (without --force) or the output cannot be written.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot, json
    }

    @OptionGroup var options: PlanOutputOptions

    @Option(help: ArgumentHelp("Output format: mermaid, dot or json.", valueName: "format"))
    var format: Format = .mermaid

    func execute() throws -> Int32 {
        let graph = try CompiledPlan.load(options.plan).graph
        let text =
            switch format {
            case .mermaid: MermaidRenderer.render(graph)
            case .dot: DOTRenderer.render(graph)
            case .json: GraphJSONRenderer.document(graph).rendered(pretty: true) + "\n"
            }
        try CompiledPlan.write(text, to: options.output, force: options.force)
        return 0
    }
}
