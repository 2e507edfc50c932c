import JournalPlanCore

/// `plan run --dry-run`: prints what each node would do, its gate and the window, and touches nothing
/// (no state, no lock, no audit). Checks are never evaluated: each says "unknown".
struct DryRun: Sendable {
    let graph: StepGraph
    let adapters: AdapterPair
    let console: any RunConsole

    func run() -> RunExit {
        let plan = graph.plan
        console.say("dry run of \(plan.name.value): nothing is changed; checks are not evaluated")
        console.say("preflight: unknown (the estate is not read in a dry run)")
        let gates = GateKeeper(approvals: [], approveAll: false, console: console)
        let preview = CommandPreview(graph: graph)
        var names: [String] = []
        for check in ExchangeCommands.preflight(for: plan) where !names.contains(check.name) { names.append(check.name) }
        console.say("  would check: " + names.joined(separator: ", "))
        var requests = 0
        var gated = 0
        for node in graph.nodes {
            let step = graph.steps[node.step]
            console.say(node.key(in: graph))
            if let check = preview.check(for: node) {
                console.say("  check: unknown (not evaluated): \(check)")
            } else {
                console.say("  check: unknown")
            }
            if let reason = gates.reason(for: node, in: graph, adapters: adapters) {
                gated += 1
                console.say("  gate: \(reason.title)")
                for line in reason.instructions { console.say("    \(line)") }
            }
            if step.kind == .stopTransport, let window = plan.window {
                console.say("  window: only between \(window.start.value) and \(window.end.value)")
            }
            let (lines, sent) = preview.lines(for: node)
            requests += sent
            for line in lines { console.say("  \(line)") }
        }
        console.say(
            "dry run: \(graph.nodes.count) nodes, \(names.count) preflight checks, \(requests) PowerShell requests, "
                + "\(gated) gates; nothing was changed")
        return .done
    }
}
