import JournalPlanCore

/// What a node would do, for the dry run. The Exchange side is the core's typed command model rendered
/// exactly as the PowerShell adapter would send it; the Mimecast side is the API operation in words.
struct CommandPreview: Sendable {
    let commands: ExchangeCommands

    init(graph: StepGraph) { commands = ExchangeCommands(graph: graph) }

    /// The check the node would evaluate (never evaluated here), or nil when only a person can tell.
    func check(for node: GraphNode) -> String? {
        guard touchesExchange(node) else { return nil }
        return commands.program(for: node).check.map(PowerShellRenderer.condition)
    }

    /// What the run would send for the node, Exchange first: each PowerShell request as the adapter sends
    /// it (its `$jp…` declarations, then its commands, without the command helpers every request carries),
    /// the polls the runner repeats itself, then the Mimecast operation in words; and how many PowerShell
    /// requests that is (each repeated poll counted once).
    func lines(for node: GraphNode) -> (lines: [String], requests: Int) {
        var lines: [String] = []
        var requests = 0
        if touchesExchange(node) {
            let sent = ExchangeScripts(commands: commands).requests(node)
            requests = sent.count
            for request in sent {
                let text = PowerShellRenderer.declarations(for: request.declaring) + request.body
                switch request.kind {
                case .run: lines += text.map { "would run: \($0)" }
                case .remember(let name): lines += text.map { "would remember \(name): \($0)" }
                case .poll(let timeout): lines += text.map { "would repeat until done (up to \(timeout) s): \($0)" }
                }
            }
            for case .wait(let wait) in commands.program(for: node).apply {
                lines.append(
                    "would poll (every \(wait.pollSeconds) s, up to \(wait.timeoutSeconds) s) until \(wait.description)")
            }
        }
        if let mimecast = mimecastLine(for: node) { lines.append("would run: \(mimecast)") }
        return (lines, requests)
    }

    private func touchesExchange(_ node: GraphNode) -> Bool {
        let system = commands.graph.steps[node.step].kind.system
        return system == .exchange || system == .both
    }

    private func mimecastLine(for node: GraphNode) -> String? {
        let graph = commands.graph
        switch graph.steps[node.step].action {
        case .confirmJournaling: return "mimecast: poll the SMTP journal service until its last received time moves"
        case .requestJournalDomain:
            return "mimecast: Mimecast Support adds \(graph.plan.domain.name.value) (no API exists for this)"
        case .createConnector(let c): return "mimecast: create journal service '\(c.value)'"
        case .disableConnector(let c): return "mimecast: disable journal service '\(c.value)'"
        case .waitConnectorDrained(let c, _, _): return "mimecast: poll journal service '\(c.value)' until its queue is 0"
        case .deleteConnector(let c): return "mimecast: delete journal service '\(c.value)' (irreversible)"
        default: return nil
        }
    }
}
