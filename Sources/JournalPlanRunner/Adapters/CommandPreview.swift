import JournalPlanCore

/// What a node would do, in words, for the dry run: the Exchange or Mimecast operation and its target.
enum CommandPreview {
    static func lines(for node: GraphNode, in graph: StepGraph) -> [String] {
        let plan = graph.plan
        let target = node.target.name ?? ""
        switch graph.steps[node.step].action {
        case .createContact: return ["exchange: create mail contact \(plan.contact.address.value) ('\(plan.contact.name.value)')"]
        case .setNDRMailbox:
            return ["exchange: set JournalingReportNdrTo to \(plan.exchange.ndrMailbox.map { "\($0.value)" } ?? "(not set)")"]
        case .createSendConnector:
            return ["exchange: route \(plan.domain.name.value) to " + plan.domain.effectiveJournalHosts.joined(separator: ", ")]
        case .stopTransport: return ["exchange: stop the transport service on \(target)"]
        case .startTransport: return ["exchange: start the transport service on \(target)"]
        case .disableJournalRule: return ["exchange: disable journal rule '\(target)'"]
        case .enableJournalRule: return ["exchange: enable journal rule '\(target)'"]
        case .setJournalRecipient(let to, _, _):
            let address = to.value == .contact ? "\(plan.contact.address.value)" : "\(plan.exchange.journalMailbox.value)"
            let what = plan.exchange.journaling.value == .premium ? "journal rule" : "database"
            return ["exchange: point \(what) '\(target)' at \(address)"]
        case .confirmJournaling(let timeout, let probe):
            var lines: [String] = []
            if let probe { lines.append("exchange: send a probe from \(probe.from.value) to \(probe.to.value)") }
            lines.append("exchange: poll message tracking for reports to \(plan.contact.address.value) (up to \(timeout.value))")
            lines.append("mimecast: poll the SMTP journal service's last received time")
            return lines
        case .requestJournalDomain: return ["mimecast: Support adds \(plan.domain.name.value) (manual)"]
        case .createConnector(let c): return ["mimecast: create journal service '\(c.value)'"]
        case .disableConnector(let c): return ["mimecast: disable journal service '\(c.value)'"]
        case .waitConnectorDrained(let c, let timeout, let every):
            return [
                "exchange: poll the journal mailbox and queues to \(plan.exchange.journalMailbox.value) every \(every.value)",
                "mimecast: poll journal service '\(c.value)' until its queue is 0 (up to \(timeout.value))",
            ]
        case .deleteConnector(let c): return ["mimecast: delete journal service '\(c.value)' (irreversible)"]
        case .manual(let instructions): return ["person: \(instructions.value)"]
        }
    }
}
