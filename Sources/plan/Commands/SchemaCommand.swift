import ArgumentParser
import JournalPlanCore

/// `plan schema`: prints the plan JSON Schema, byte for byte `schemas/plan.schema.json`.
struct SchemaCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the plan JSON Schema (draft 2020-12).",
        discussion: """
            Save it beside your plans and point editors at it with a first line \
            '# yaml-language-server: $schema=PATH' (plan init writes one).

            Example:
              plan schema > schemas/plan.schema.json

            Exit status: 0 written, 2 the output cannot be written.
            """)

    func execute() throws -> Int32 {
        try Terminal.write(PlanSchema.json)
        return 0
    }
}
