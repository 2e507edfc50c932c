import Foundation
import JournalPlanCore

/// The PowerShell text the powershell adapter sends for a node: the core's typed programs rendered by
/// ``PowerShellRenderer`` (plan values only as single-quoted literals in `$jp…` declarations). Gates are
/// left out (the runner asks people itself) and waits become checks that the executor polls.
struct ExchangeScripts: Sendable {
    let commands: ExchangeCommands

    init(graph: StepGraph) { commands = ExchangeCommands(graph: graph) }

    /// A script whose last output is `$true` when the node is done; nil when nothing can tell.
    func check(_ node: GraphNode, started: Date?) -> String? {
        let program = commands.program(for: node)
        let waits = program.apply.compactMap { action -> PowerShellCondition? in
            if case .wait(let wait) = action { return wait.condition }
            return nil
        }
        guard let condition = program.check ?? (waits.isEmpty ? nil : .all(waits)) else { return nil }
        return Self.script(
            declaring: condition.commands, body: [PowerShellRenderer.condition(condition)], started: started)
    }

    /// The commands that apply the node, or nil when it has none to send (gates, waits only).
    func apply(_ node: GraphNode, started: Date) -> String? {
        actions(commands.program(for: node).apply, started: started)
    }

    /// The commands that undo the node, or nil when it has no undo.
    func undo(_ node: GraphNode) -> String? {
        commands.program(for: node).undo.flatMap { actions($0, started: nil) }
    }

    /// One script per preflight check: name, what a failure means, and the condition's script.
    func preflight() -> [(name: String, summary: String, script: String)] {
        ExchangeCommands.preflight(for: commands.graph.plan).map { check in
            (check.name, check.summary,
             Self.script(declaring: check.condition.commands, body: [PowerShellRenderer.condition(check.condition)], started: nil))
        }
    }

    private func actions(_ actions: [ProgramAction], started: Date?) -> String? {
        let sendable = actions.filter {
            switch $0 {
            case .run, .pipe: true
            case .gate, .wait: false
            }
        }
        guard !sendable.isEmpty else { return nil }
        return Self.script(
            declaring: sendable.flatMap(\.commands), body: sendable.flatMap(PowerShellRenderer.action), started: started)
    }

    /// Declarations of the plan values used, the node's start time for tracking searches, then the body.
    static func script(declaring commands: [PowerShellCommand], body: [String], started: Date?) -> String {
        var lines = PowerShellRenderer.declarations(for: commands)
        if let started {
            let text = RecordTime.text(started)
            lines.append("$\(RuntimeVariable.nodeStarted.rawValue) = [datetime]::Parse(\(PowerShellQuoting.literal(text))).ToUniversalTime()")
        }
        return (lines + body).joined(separator: "\n")
    }
}
