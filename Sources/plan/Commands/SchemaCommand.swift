import ArgumentParser
import JournalPlanCore

/// `plan schema`: prints the plan JSON Schema, byte for byte `schemas/plan.schema.json`.
struct SchemaCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the plan JSON Schema (draft 2020-12).",
        discussion: """
            Save it beside your plans and point editors at it with `# yaml-language-server: $schema=PATH`.

            Example:
              plan schema > plans/plan.schema.json
            """)

    func execute() throws -> Int32 {
        try Terminal.write(PlanSchema.json)
        return 0
    }
}
