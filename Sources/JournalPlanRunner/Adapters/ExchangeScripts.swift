import Foundation
import JournalPlanCore

/// The PowerShell text the powershell adapter sends for a node: the core's typed programs rendered by
/// ``PowerShellRenderer`` (plan values only as single-quoted literals in `$jp…` declarations), after the
/// core's command helpers. Gates are left out (the runner asks people itself), waits become checks that
/// the executor polls, and remembered values live in the run's state, not in a script state file.
struct ExchangeScripts: Sendable {
    /// One script the adapter sends while applying a node.
    enum Part: Sendable, Equatable {
        /// Commands to run.
        case run(String)
        /// A read whose last output line is a value to remember under `name` (for the undo).
        case remember(name: String, script: String)
        /// A request sent again until it answers `$true`, failing after `timeoutSeconds` (issue 18:
        /// stopping or starting a server's services without holding the host, so the host carries every
        /// server's polls at once and the outage is as long as the slowest server).
        case poll(script: String, timeoutSeconds: Int)
    }

    let commands: ExchangeCommands

    init(graph: StepGraph) { commands = ExchangeCommands(graph: graph) }

    init(commands: ExchangeCommands) { self.commands = commands }

    /// A script whose last output is `$true` when the node is done; nil when nothing can tell.
    func check(_ node: GraphNode, started: Date?) -> String? {
        let program = commands.program(for: node)
        let waits = program.apply.compactMap { action -> PowerShellCondition? in
            if case .wait(let wait) = action { return wait.condition }
            return nil
        }
        guard let condition = program.check ?? (waits.isEmpty ? nil : .all(waits)) else { return nil }
        // A wait's condition may use values the apply looks up once before polling (the journal
        // mailbox's database): the check script looks them up first, as the script does.
        let lookups = program.check == nil ? program.apply.filter { if case .lookup = $0 { true } else { false } } : []
        let carriers = lookups.compactMap { action -> PowerShellCommand? in
            guard case .lookup(_, let value) = action else { return nil }
            return PowerShellCommand("", [PowerShellParameter("", value)])  // only to declare the value's variables
        }
        return Self.script(
            declaring: carriers + condition.commands,
            body: lookups.flatMap(PowerShellRenderer.action) + [PowerShellRenderer.condition(condition)], started: started)
    }

    /// One request of a node's apply before the command helpers are put around it: what the adapter
    /// sends, and what the dry run shows.
    struct Request: Sendable {
        enum Kind: Sendable, Equatable {
            case run
            case remember(name: String)
            case poll(timeoutSeconds: Int)
        }
        var kind: Kind
        var declaring: [PowerShellCommand]
        var body: [String]
    }

    /// The requests that apply the node, in order (none for gates and waits, which the runner handles
    /// itself).
    func requests(_ node: GraphNode) -> [Request] {
        var requests: [Request] = []
        var pending: [ProgramAction] = []
        func flush() {
            let sendable = pending.filter(Self.isSent)
            if !sendable.isEmpty {
                requests.append(
                    Request(kind: .run, declaring: sendable.flatMap(\.commands), body: sendable.flatMap(PowerShellRenderer.action)))
            }
            pending = []
        }
        for action in commands.program(for: node).apply {
            if case .remember(let value) = action {
                flush()
                let read = "[string](@(\(PowerShellRenderer.command(value.command))))[0].\(value.property)"
                requests.append(Request(kind: .remember(name: value.name), declaring: [value.command], body: [read]))
            } else if case .controlServices(let control) = action {
                flush()
                let request = control.command(noWait: true)
                requests.append(
                    Request(
                        kind: .poll(timeoutSeconds: control.timeoutSeconds), declaring: [request],
                        body: [PowerShellRenderer.command(request)]))
            } else {
                pending.append(action)
            }
        }
        flush()
        return requests
    }

    /// The scripts that apply the node, in order (empty for gates and waits).
    func apply(_ node: GraphNode, started: Date) -> [Part] {
        requests(node).map { request in
            switch request.kind {
            case .run: .run(Self.script(declaring: request.declaring, body: request.body, started: started))
            case .remember(let name):
                .remember(name: name, script: Self.script(declaring: request.declaring, body: request.body, started: nil))
            case .poll(let timeout):
                .poll(
                    script: Self.script(declaring: request.declaring, body: request.body, started: started),
                    timeoutSeconds: timeout)
            }
        }
    }

    /// Whether the adapter sends the action (gates, waits, remembered reads and lookups are the runner's).
    static func isSent(_ action: ProgramAction) -> Bool {
        switch action {
        case .run, .ifRemembered, .controlServices, .require: true
        case .gate, .wait, .remember, .lookup: false
        }
    }

    /// The script that undoes the node with the values remembered at apply, or nil when it has no undo.
    func undo(_ node: GraphNode, remembered: [String: String]) -> String? {
        commands.program(for: node).undo.flatMap { runScript($0, remembered: remembered, started: nil) }
    }

    /// The script whose last output is `$true` when journaling reads back as restored after a compensation.
    func journalingRestored() -> String {
        let verify = commands.compensation().verify
        return Self.script(declaring: verify.commands, body: [PowerShellRenderer.condition(verify)], started: nil)
    }

    /// One script per preflight check: name, what a failure means, and the condition's script.
    func preflight() -> [(name: String, summary: String, script: String, advisory: Bool)] {
        ExchangeCommands.preflight(for: commands.graph.plan).map { check in
            (check.name, check.summary,
             Self.script(declaring: check.condition.commands, body: [PowerShellRenderer.condition(check.condition)], started: nil),
             check.advisory)
        }
    }

    private func runScript(_ actions: [ProgramAction], remembered: [String: String], started: Date?) -> String? {
        let sendable = actions.filter(Self.isSent)
        guard !sendable.isEmpty else { return nil }
        return Self.script(
            declaring: sendable.flatMap(\.commands), body: sendable.flatMap(PowerShellRenderer.action), started: started,
            remembered: remembered)
    }

    /// The core renders the whole request (``PowerShellRenderer/standaloneScript(declaring:body:startedAt:remembered:)``);
    /// the runner only supplies the start time and the remembered values from its state.
    static func script(
        declaring commands: [PowerShellCommand], body: [String], started: Date?, remembered: [String: String] = [:]
    ) -> String {
        PowerShellRenderer.standaloneScript(
            declaring: commands, body: body, startedAt: started.map(RecordTime.text), remembered: remembered)
    }
}
