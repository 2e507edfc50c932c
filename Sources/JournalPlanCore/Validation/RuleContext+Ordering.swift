/// Shared vocabulary of the ordering rules: which steps repoint, how to explain a missing order, and the
/// "this must happen before every repoint to the contact" check several rules share.
extension RuleContext {
    /// The id of a step, quoted for messages: `'repoint-rule'`.
    public func quoted(_ step: Int) -> String { "'\(plan.steps[step].id.value)'" }

    /// Why `other` does not finish before `step`: it runs after it, or on a parallel branch.
    public func notBefore(_ other: Int, _ step: Int) -> String {
        graph.precedes(step, other)
            ? "\(quoted(other)) runs only after \(quoted(step))"
            : "\(quoted(other)) is on a parallel branch: it is not ordered before \(quoted(step))"
    }

    /// Why `other` does not start after `step`: it runs before it, or on a parallel branch.
    public func notAfter(_ other: Int, _ step: Int) -> String {
        graph.precedes(other, step)
            ? "\(quoted(other)) runs before \(quoted(step))"
            : "\(quoted(other)) is on a parallel branch: it is not ordered after \(quoted(step))"
    }

    /// The steps that point journal rules or databases at the contact, in topological order.
    public var repointsToContact: [Int] { analysis.repointsToContact }

    /// "'repoint-rule' points 'Journal All Mail' at the contact", for messages about a repoint step.
    public func describeRepoint(_ step: Int) -> String {
        var target = "the journal mailbox"
        if case .setJournalRecipient(let to, _, _) = plan.steps[step].action, to.value == .contact {
            target = "the contact"
        }
        return "\(quoted(step)) points \(names(graph.targets[step])) at \(target)"
    }

    /// A finding on every step of `dependents` that no step of `prerequisites` precedes.
    ///
    /// - Parameters:
    ///   - condition: what the prerequisite achieves, completing "… before <condition>".
    ///   - missing: what to say when the plan has no prerequisite step at all.
    ///   - describe: the first half of the message for a dependent step.
    public func requirePrerequisite(
        _ rule: RuleDescriptor, _ prerequisites: [Int], before dependents: [Int], condition: String,
        missing: String, severity: Severity? = nil, describe: (Int) -> String
    ) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for dependent in dependents where !prerequisites.contains(where: { graph.precedes($0, dependent) }) {
            let notes = prerequisites.prefix(3).map { ($0, notBefore($0, dependent)) }
            let message =
                prerequisites.isEmpty
                ? "\(describe(dependent)), but \(missing)"
                : "\(describe(dependent)) before \(condition)"
            findings.append(finding(rule, message, at: dependent, notes: notes, severity: severity))
        }
        return findings
    }

    /// A finding at a source range with a chosen severity and notes anywhere in the plan.
    public func finding(
        _ rule: RuleDescriptor, _ message: String, at range: SourceRange, severity: Severity?,
        notes: [DiagnosticNote]
    ) -> Diagnostic {
        Diagnostic(rule: rule, severity: severity, message: message, location: plan.location(range), notes: notes)
    }

    /// A note on a step's id.
    public func note(_ message: String, on step: Int) -> DiagnosticNote {
        note(message, at: plan.steps[step].id.range)
    }

    /// The steps of the POP3 connectors (the ones being replaced) of the given kinds, in topological order.
    public func pop3ConnectorSteps(_ kinds: Set<ActionKind>) -> [Int] {
        graph.steps(ofKinds: kinds).filter { index in
            guard let reference = plan.steps[index].action.connectorReference else { return false }
            return plan.connector(id: reference.value)?.transport == .pop3
        }
    }
}

extension EmailAddress {
    /// Whether two addresses name the same recipient; Exchange compares SMTP addresses case-insensitively.
    public func isSameAddress(as other: EmailAddress) -> Bool {
        description.lowercased() == other.description.lowercased()
    }
}
