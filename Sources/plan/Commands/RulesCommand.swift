import ArgumentParser
import JournalPlanCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the rule catalogue.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Option(help: "Output format: text, markdown or json.")
    var format: Format = .text

    func run() throws {
        let catalogue = RuleCatalogue.standard
        switch format {
        case .text: Terminal.write(catalogue.text())
        case .markdown: Terminal.write(catalogue.markdown())
        case .json: Terminal.write(catalogue.json().rendered(pretty: true) + "\n")
        }
    }
}
