/// Writes the Markdown runbook (`plan explain`): the plan at a glance, a Mermaid diagram, the
/// preflight, numbered steps with their exact commands and manual gates, the rollback path and the
/// point of no return.
public struct RunbookRenderer {
    let graph: StepGraph
    let planSHA256: String
    let commands: ExchangeCommands

    public init(graph: StepGraph, planSHA256: String) {
        self.graph = graph
        self.planSHA256 = planSHA256
        self.commands = ExchangeCommands(graph: graph)
    }

    var plan: Plan { graph.plan }
    /// Exchange 2003 has no Management Shell: its runbook lists what to check and do, without commands.
    var scripted: Bool { plan.exchange.version.value.isScriptable }
    func md(_ text: String) -> String { MarkdownEscaping.inline(text) }

    public func render() -> String {
        var out = "# Runbook: \(md(plan.name.value))\n\n"
        if let description = plan.description { out += md(description) + "\n\n" }
        out += glance() + "\n"
        out += "## Step graph\n\n" + MarkdownEscaping.codeBlock(MermaidRenderer.render(graph), language: "mermaid") + "\n"
        if scripted {
            out += scriptSection() + "\n"
            out += preflightSection() + "\n"
        } else {
            out += "## Manual execution\n\n\(plan.exchange.version.value.displayName) has no Exchange Management Shell, "
            out += "so there is no script: check the estate and make each change by hand in Exchange System Manager, "
            out += "in the order below, confirming each step before the next.\n\n"
        }
        out += stepsSection()
        out += compensationSection()
        out += rollbackSection()
        out += pointOfNoReturnSection()
        return out
    }

    func glance() -> String {
        let e = plan.exchange
        var rows: [(String, String)] = [
            ("Exchange", "\(e.version.value.displayName), \(e.journaling.value.rawValue) journaling"),
        ]
        if !e.transportServers.isEmpty {
            rows.append(("Transport servers", e.transportServers.map { md($0.value.text) }.joined(separator: ", ")))
        }
        if !e.journalRules.isEmpty { rows.append(("Journal rules", e.journalRules.map { md($0.name.value) }.joined(separator: ", "))) }
        if !e.databases.isEmpty { rows.append(("Databases", e.databases.map { md($0.value) }.joined(separator: ", "))) }
        rows.append(("Journal mailbox (today)", md(e.journalMailbox.value.description)))
        if let ndr = e.ndrMailbox { rows.append(("NDR mailbox", md(ndr.value.description))) }
        if let dc = e.domainController { rows.append(("Domain controller", md(dc.value.text))) }
        let c = plan.contact
        rows.append(("Contact", "\(md(c.name.value)) (alias \(md(c.alias.value))), \(md(c.address.value.description))" + (c.hidden ? ", hidden from address lists" : "")))
        var domain = "\(md(plan.domain.name.value.text)), region \(plan.domain.region.value.rawValue)"
        let hosts = plan.domain.effectiveJournalHosts
        if !hosts.isEmpty { domain += "; journal hosts " + hosts.map(md).joined(separator: ", ") }
        if let ticket = plan.domain.supportTicket { domain += "; support ticket \(md(ticket.value))" }
        rows.append(("Journal domain", domain))
        for connector in plan.connectors {
            var text = "\(connector.transport.rawValue.uppercased()), \(md(connector.description.value))"
            if let mailbox = connector.mailbox { text += ", mailbox \(md(mailbox.value.description))" }
            if let address = connector.address { text += ", address \(md(address.value.description))" }
            if !connector.sourceIPs.isEmpty { text += ", source IPs " + connector.sourceIPs.map { $0.value.description }.joined(separator: ", ") }
            rows.append(("Connector \(md(connector.id.value))", text))
        }
        if let window = plan.window {
            rows.append(("Outage window", "\(window.start.value.utcDescription) to \(window.end.value.utcDescription) (in the plan: \(window.start.value) to \(window.end.value))"))
        }
        if let outage = OutageEstimate(graph: graph) {
            rows.append(("Expected outage", expectedOutage(outage)))
        }
        if let pnr = graph.steps.first(where: { $0.kind.isIrreversible }) {
            rows.append(("Point of no return", "step \(md(pnr.id.value))"))
        }
        rows.append(("Plan SHA-256", planSHA256))
        return "| | |\n|---|---|\n" + rows.map { "| \($0.0) | \($0.1) |" }.joined(separator: "\n") + "\n"
    }

    /// The outage the change window must hold (issue 18), with typical times: tool text and step ids.
    func expectedOutage(_ outage: OutageEstimate) -> String {
        var text = "about \(OutageEstimate.spell(outage.seconds)) without mail, from the first stop to the last start, with typical times "
        text += "(stopping transport \(OperationLatency.of(.stopTransport)) s and starting it \(OperationLatency.of(.startTransport)) s, "
        text += "on every server at once; \(OperationLatency.check) s per check and per journaling change)"
        if !outage.open.isEmpty {
            text += ", plus the time taken by " + outage.open.map { "step " + md($0) }.joined(separator: ", ")
        }
        text += ". Rehearse with `plan run PLAN --simulate --latency stop-transport=DURATION` to size the window with your own times"
        return text
    }

    func scriptSection() -> String {
        var out = "## Values\n\n"
        out += "Every command below uses these variables, exactly as the generated script declares them.\n\n"
        let declarations = commands.variables.all.map(PowerShellRenderer.declaration).joined(separator: "\n")
        out += MarkdownEscaping.codeBlock(declarations, language: "powershell")
        return out
    }

    func preflightSection() -> String {
        var out = "## Preflight\n\nBefore anything changes (and again on every resume) each of these must hold; otherwise stop.\n\n"
        for (i, check) in ExchangeCommands.preflight(for: plan).enumerated() {
            out += check.advisory
                ? "\(i + 1). `\(check.name)`: should be true; otherwise a warning (the run goes on): \(md(check.summary)).\n\n"
                : "\(i + 1). `\(check.name)`: must be true; otherwise the script stops with: \(md(check.summary)).\n\n"
            out += indent(MarkdownEscaping.codeBlock(PowerShellRenderer.condition(check.condition), language: "powershell")) + "\n"
        }
        out += "Protected mail: Exchange decrypts rights-protected (IRM) messages for journal reports only when "
            + "journal-report decryption is on (the warning above); S/MIME-encrypted messages are never decrypted "
            + "by Exchange and reach Mimecast still encrypted.\n\n"
        return out
    }

    func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "   " + $0 }.joined(separator: "\n")
    }

    func stepsSection() -> String {
        var out = "## Steps\n\n"
        for (number, index) in graph.order.enumerated() {
            let step = graph.steps[index]
            out += "### \(number + 1). \(md(step.id.value)) (\(step.kind.rawValue))\n\n"
            out += step.kind.summary + "\n\n"
            let after = graph.predecessors[index].map { md(graph.steps[$0].id.value) }
            out += after.isEmpty ? "Can start at once.\n\n" : "After: \(after.joined(separator: ", ")).\n\n"
            if let note = step.note { out += "> \(MarkdownEscaping.lines(note.value, continuation: "> "))\n\n" }
            if step.kind.isIrreversible { out += "**Point of no return:** this cannot be undone.\n\n" }
            if scripted, step.kind == .stopTransport || step.kind == .startTransport {
                let verb = step.kind == .stopTransport ? "Stop" : "Start"
                out += "Every server of this step is asked at once and then waited for, up to "
                out += "\(TransportServices.controlTimeoutSeconds) s each, so it takes as long as the slowest server: "
                out += "`\(ServiceControl.helper)` is the script's helper (each service's `\(verb)()`, which returns at once, "
                out += "then `WaitForStatus`). By hand, per server and service: "
                out += "`Get-Service -ComputerName SERVER -Name SERVICE | \(verb)-Service`.\n\n"
            }
            for target in graph.targets[index] {
                let node = GraphNode(step: index, target: target)
                out += nodeSection(node, fanOut: target.name != nil)
            }
        }
        return out
    }

    func nodeSection(_ node: GraphNode, fanOut: Bool) -> String {
        let program = commands.program(for: node)
        var out = fanOut ? "On \(md(node.target.name ?? "")):\n\n" : ""
        guard scripted else {
            return program.apply.compactMap { action -> String? in
                if case .gate(let gate) = action { return gateItem(gate) }
                return nil
            }.joined()
        }
        if let check = program.check {
            out += "- Already done when:\n\n" + indent(MarkdownEscaping.codeBlock(PowerShellRenderer.condition(check), language: "powershell")) + "\n"
        }
        var code: [String] = []
        var gates: [ManualGate] = []
        for action in program.apply {
            if case .gate(let gate) = action {
                gates.append(gate)
            } else {
                code += PowerShellRenderer.action(action)
            }
        }
        if !code.isEmpty {
            out += "- Commands:\n\n" + indent(MarkdownEscaping.codeBlock(code.joined(separator: "\n"), language: "powershell")) + "\n"
        }
        for gate in gates { out += gateItem(gate) }
        if let undo = program.undo {
            let lines = undo.flatMap { action -> [String] in
                if case .gate(let gate) = action { return gateLines(gate).map { "# manual: " + $0 } }
                return PowerShellRenderer.action(action)
            }
            out += "- Undo:\n\n" + indent(MarkdownEscaping.codeBlock(lines.joined(separator: "\n"), language: "powershell")) + "\n"
        }
        return out
    }

    /// A gate as a Markdown list item with one sub-item per instruction line (values escaped).
    func gateItem(_ gate: ManualGate) -> String {
        var out = "- Manual gate"
        if let path = gate.consolePath { out += ", in the Mimecast console under \(md(path))" }
        out += scripted ? " (confirm by typing the step id):\n" : " (confirm before going on):\n"
        for line in gateLines(gate) { out += "   - \(MarkdownEscaping.lines(line, continuation: "     "))\n" }
        return out + "\n"
    }

    /// A gate's instruction lines as plain text.
    func gateLines(_ gate: ManualGate) -> [String] {
        gate.lines.map { line in
            line.parts.map { part -> String in
                switch part {
                case .text(let t): return t.trimmingLeadingSpaces
                case .value(let v): return plainText(v)
                }
            }.joined()
        }
    }

    func plainText(_ value: PowerShellValue) -> String {
        switch value {
        case .string(let s): s
        case .stringArray(let items): items.joined(separator: ", ")
        case .variable(let v): plainText(v.value)
        case .int(let i): String(i)
        default: PowerShellRenderer.value(value)
        }
    }

    func compensationSection() -> String {
        guard scripted, graph.steps.contains(where: { $0.kind == .stopTransport }) else { return "" }
        var out = "## If a step fails while transport is stopped\n\n"
        out += "The script (after a failure, a declined prompt or Ctrl+C alike) first restores journaling to the journal "
        out += "mailbox and enables every rule, then reads journaling back. Only when every rule (or database) reads back "
        out += "as journaling to the journal mailbox does it start transport on every server; otherwise it leaves "
        out += "transport stopped and prints what to restore by hand, because mail must not flow unjournaled. Either way "
        out += "it forgets the outage steps in the state file and stops with the error. By hand, the same commands:\n\n"
        let compensation = ExchangeCommands(graph: graph).compensation()
        var lines = compensation.restore.flatMap(PowerShellRenderer.action)
        lines.append("# Read back; start transport only when this is True:")
        lines.append(PowerShellRenderer.condition(compensation.verify))
        lines += compensation.restart.flatMap(PowerShellRenderer.action)
        out += MarkdownEscaping.codeBlock(lines.joined(separator: "\n"), language: "powershell") + "\n"
        return out
    }

    func pointOfNoReturnSection() -> String {
        let irreversible = graph.order.filter { graph.kinds[$0].isIrreversible }.map { md(graph.steps[$0].id.value) }
        guard !irreversible.isEmpty else { return "\n## Point of no return\n\nNone: every step can be undone.\n" }
        return "\n## Point of no return\n\nStep \(irreversible.joined(separator: ", ")) deletes a Mimecast journal connector. "
            + "After it, journal reports still waiting in the journal mailbox are no longer collected and the steps "
            + "before it can no longer be rolled back. Run it only once the drain check has passed.\n"
    }

    func rollbackSection() -> String {
        var out = "## Rollback\n\n"
        out += scripted
            ? "`-Rollback` undoes the completed steps in reverse order. It stops at a completed point of no return.\n\n"
            : "Undo the completed steps by hand, in reverse order, up to a completed point of no return.\n\n"
        for node in graph.nodes.reversed() {
            let step = graph.steps[node.step]
            let key = md(node.key(in: graph))
            if step.kind.isIrreversible {
                out += "- \(key): cannot be undone (point of no return); rollback stops here.\n"
            } else if commands.program(for: node).undo != nil {
                out += "- \(key): undone (see its Undo commands).\n"
            } else {
                out += "- \(key): nothing to undo automatically" + (step.kind == .setNDRMailbox ? "; restore the previous JournalingReportNdrTo by hand if needed" : "") + ".\n"
            }
        }
        return out
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
