import ArgumentParser
import JournalPlanCore

/// `plan rules [RULE]`: the rule catalogue, or one rule in full.
struct RulesCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the rule catalogue, or show one rule in full.",
        discussion: """
            Examples:
              plan rules
              plan rules JP201
              plan rules stop-before-disable
              plan rules --format markdown > docs/rules.md

            Exit status: 0 written, 2 no such rule or the output cannot be written.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(
        help: ArgumentHelp("A rule id (JP201) or name (stop-before-disable) to show in full.", valueName: "rule"),
        completion: .list(RuleRegistry.descriptors.map(\.id)))
    var rule: String?

    @Option(help: ArgumentHelp("Output format: text, markdown or json.", valueName: "format"))
    var format: Format = .text

    func execute() throws -> Int32 {
        var catalogue = RuleCatalogue.standard
        if let rule {
            guard let descriptor = catalogue.rule(rule) else {
                let names = catalogue.descriptors.flatMap { [$0.id, $0.name] }
                let hint = Suggestion.hint(for: rule, in: names)
                Terminal.writeError(
                    "plan rules: error: no rule '\(Excerpt.short(rule))'\(hint) ('plan rules' lists them all)\n")
                return 2
            }
            catalogue.descriptors = [descriptor]
            if format == .text {
                try Terminal.write(catalogue.text(for: descriptor))
                return 0
            }
        }
        switch format {
        case .text: try Terminal.write(catalogue.text())
        case .markdown: try Terminal.write(catalogue.markdown())
        case .json: try Terminal.write(catalogue.json().rendered(pretty: true) + "\n")
        }
        return 0
    }
}
