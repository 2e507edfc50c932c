/// One entry of a counter-example: a whole step, or some nodes of a fan-out step.
struct TraceEntry {
    var step: Int
    var nodes: [NodeTarget]
    /// The trace text: the step id, or `step-id@TARGET` for each node of a partly finished step.
    var keys: [String]
}

/// Turns a ``Witness`` into the shortest order of steps that reaches it, and into a diagnostic.
struct CounterExample {
    let plan: Plan
    let graph: StepGraph

    /// The down-closure of the nodes the witness needs to have happened, in topological order; for a
    /// stranding, followed by what the deletion still needs.
    func trace(_ witness: Witness) -> [TraceEntry] {
        var happened: [Int: [NodeTarget]] = [:]
        for (segment, object) in zip(witness.segments, witness.objects) {
            guard let step = segment.after else { continue }
            happened[step, default: []].append(object?.nodeTarget ?? .none)
        }
        let full = Set(graph.ancestors(of: Array(happened.keys)))
        var entries: [TraceEntry] = []
        var done: [Int: Set<NodeTarget>] = [:]
        for step in graph.order {
            let all = graph.targets[step]
            if full.contains(step) {
                entries.append(entry(step, all, whole: true))
                done[step] = Set(all)
            } else if let nodes = happened[step] {
                let unique = all.filter { Set(nodes).contains($0) }
                entries.append(entry(step, unique, whole: unique.count == all.count))
                done[step] = Set(unique)
            }
        }
        var then: Int?
        if case .stranded(let delete, _) = witness.kind { then = delete }
        if let then {
            let needed = Set(graph.ancestors(of: [then])).union([then])
            for step in graph.order where needed.contains(step) {
                let rest = graph.targets[step].filter { !(done[step]?.contains($0) ?? false) }
                if !rest.isEmpty { entries.append(entry(step, rest, whole: rest.count == graph.targets[step].count)) }
            }
        }
        return entries
    }

    private func entry(_ step: Int, _ nodes: [NodeTarget], whole: Bool) -> TraceEntry {
        let keys = whole ? [graph.steps[step].id.value] : nodes.map { GraphNode(step: step, target: $0).key(in: graph) }
        return TraceEntry(step: step, nodes: nodes, keys: keys)
    }

    /// The model's state after the trace.
    func replay(_ entries: [TraceEntry]) -> MailFlowState {
        var state = MailFlowState.initial(for: plan)
        for entry in entries {
            for node in entry.nodes { state.apply(GraphNode(step: entry.step, target: node), in: graph) }
        }
        return state
    }

    /// A diagnostic on the trace's last step: one note per trace entry, positioned on its step, then
    /// `finalNote`. (The text formatter numbers the notes of diagnostics that carry a trace.)
    func diagnostic(
        _ rule: RuleDescriptor, _ entries: [TraceEntry], message: (String) -> String, finalNote: String
    ) -> Diagnostic {
        var notes: [DiagnosticNote] = []
        for entry in entries {
            let step = plan.steps[entry.step]
            notes.append(
                DiagnosticNote(
                    location: plan.location(step.id.range),
                    message: "'\(entry.keys.joined(separator: "', '"))' \(effect(of: step, on: entry.nodes))"))
        }
        let last = entries.last.map { plan.steps[$0.step] }
        let location = last.map { plan.location($0.id.range) } ?? plan.location(plan.name.range)
        notes.append(DiagnosticNote(location: location, message: finalNote))
        let trace = entries.flatMap(\.keys)
        return Diagnostic(
            rule: rule, message: message(trace.last ?? plan.name.value), location: location, notes: notes,
            trace: trace)
    }

    /// What finishing a step (on some of its targets) does, in words.
    func effect(of step: Step, on nodes: [NodeTarget]) -> String {
        let names = NodeTarget.names(nodes)
        let flows = nodes.count == 1 ? nodes[0].flowName : names
        switch step.action {
        case .createContact: return "creates the contact"
        case .setNDRMailbox: return "sets the NDR mailbox"
        case .createSendConnector: return "routes the journal domain through a send connector"
        case .requestJournalDomain: return "gets the journal domain accepted by Mimecast"
        case .stopTransport: return "stops transport on \(names)"
        case .startTransport: return "starts transport on \(names)"
        case .disableJournalRule: return "disables \(flows)"
        case .enableJournalRule: return "enables \(flows)"
        case .setJournalRecipient(let to, _, _):
            return "points \(flows) at \(to.value == .contact ? "the contact" : "the journal mailbox")"
        case .confirmJournaling: return "confirms journaling (no change to mail flow)"
        case .createConnector(let c): return "creates connector '\(c.value)'"
        case .disableConnector(let c): return "disables connector '\(c.value)'"
        case .waitConnectorDrained(let c, _, _): return "waits until connector '\(c.value)' is drained"
        case .deleteConnector(let c): return "deletes connector '\(c.value)'"
        case .manual: return "is done by hand (no modelled change to mail flow)"
        }
    }
}
