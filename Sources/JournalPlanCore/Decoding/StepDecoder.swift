/// Decodes one entry of `steps:` into a typed ``Step``.
struct StepDecoder {
    let session: DecodeSession

    static let commonKeys = ["id", "action", "after", "note"]
    static let allActionFields = Array(Set(ActionKind.allCases.flatMap(\.fields))).sorted()
    /// For a field used on the wrong action: "it belongs to 'stop-transport', 'start-transport'".
    static let ownersByField: [String: String] = Dictionary(
        uniqueKeysWithValues: allActionFields.map { field in
            let owners = ActionKind.allCases.filter { $0.fields.contains(field) }.map { "'\($0.rawValue)'" }
            return (field, "it belongs to \(owners.joined(separator: ", "))")
        })

    /// The keys a step of each action may carry, built once.
    static let allowedKeys: [ActionKind: [String]] = Dictionary(
        uniqueKeysWithValues: ActionKind.allCases.map { ($0, commonKeys + $0.fields) })
    /// "a 'stop-transport' step", for messages, built once per action.
    static let contexts: [ActionKind: String] = Dictionary(
        uniqueKeysWithValues: ActionKind.allCases.map { ($0, "a '\($0.rawValue)' step") })

    func decode(_ node: YAMLNode, index: Int) -> Step? {
        let s = session
        guard let pairs = s.mapping(node, "a step") else { return nil }
        func field(_ key: String) -> YAMLNode? { pairs.first { $0.name == key }?.value }
        let at = SourceRange(at: node.range.start)
        let id = s.required(pairs, "id", in: "a step", at: at).flatMap { s.identifier($0, "step id") }
        let actionNode = s.required(pairs, "action", in: "a step", at: at)
        let kind = actionNode.flatMap { s.enumeration($0, "action", ActionKind.self) }
        let after: [Located<String>]? = field("after").flatMap { list in
            stringList(list, "a step id", s) { s.string($0, "'after' entry") } ?? []
        }
        let note = field("note").flatMap { s.string($0, "'note'", multiline: true) }

        guard let kind else {
            s.checkKeys(pairs, allowed: Self.commonKeys + Self.allActionFields, context: "a step")
            return nil
        }
        let fields = kind.value.fields
        let allowed = Self.allowedKeys[kind.value] ?? Self.commonKeys + fields
        if pairs.contains(where: { !allowed.contains($0.name) }) {
            s.checkKeys(
                pairs, allowed: allowed, context: Self.contexts[kind.value] ?? "a step",
                elsewhere: Self.ownersByField.filter { !fields.contains($0.key) })
        }

        guard let action = decodeAction(kind.value, pairs, at: at, stepStart: node.range) else { return nil }
        guard let id else { return nil }
        return Step(
            id: id, action: action, actionRange: kind.range, after: after, note: note, range: node.range, index: index)
    }

    private func decodeAction(_ kind: ActionKind, _ pairs: [YAMLPair], at: SourceRange, stepStart: SourceRange)
        -> StepAction?
    {
        let s = session
        func field(_ key: String) -> YAMLNode? { pairs.first { $0.name == key }?.value }
        func selection(_ key: String, _ what: String) -> TargetSelection? {
            guard let node = field(key) else { return .some(nil) }
            guard let items = stringList(node, what, s, { s.string($0, "'\(key)' entry") }) else { return nil }
            if items.isEmpty {
                s.report(
                    StructureRules.wrongType, "'\(key)' must name at least one target; leave it out to mean all",
                    at: node.range)
                return nil
            }
            s.checkUnique(items, what: "'\(key)' entry") { $0.lowercased() }
            return .some(items)
        }
        let context = Self.contexts[kind] ?? "a step"
        switch kind {
        case .createContact: return .createContact
        case .setNDRMailbox: return .setNDRMailbox
        case .requestJournalDomain: return .requestJournalDomain
        case .createSendConnector:
            if let name = field("name") {
                guard let text = s.string(name, "send connector name") else { return nil }
                return .createSendConnector(name: text)
            }
            return .createSendConnector(name: nil)
        case .stopTransport, .startTransport:
            guard let servers = selection("servers", "a server") else { return nil }
            return kind == .stopTransport ? .stopTransport(servers: servers) : .startTransport(servers: servers)
        case .disableJournalRule, .enableJournalRule:
            guard let rules = selection("rules", "a rule") else { return nil }
            return kind == .disableJournalRule ? .disableJournalRule(rules: rules) : .enableJournalRule(rules: rules)
        case .setJournalRecipient:
            let to = s.required(pairs, "to", in: context, at: at).flatMap {
                s.enumeration($0, "journal target", JournalTarget.self)
            }
            guard let rules = selection("rules", "a rule"), let databases = selection("databases", "a database"),
                let to
            else { return nil }
            return .setJournalRecipient(to: to, rules: rules, databases: databases)
        case .confirmJournaling:
            let timeout =
                field("timeout").map { s.duration($0, "timeout") }
                ?? Located(PlanDuration(seconds: 1800), at: stepStart)
            var probe: JournalProbe?
            if let node = field("probe") {
                guard let pairs = s.mapping(node, "'probe'") else { return nil }
                s.checkKeys(pairs, allowed: ["from", "to"], context: "'probe'")
                let pat = SourceRange(at: node.range.start)
                let from = s.required(pairs, "from", in: "'probe'", at: pat).flatMap { s.email($0, "probe sender") }
                let to = s.required(pairs, "to", in: "'probe'", at: pat).flatMap { s.email($0, "probe recipient") }
                guard let from, let to else { return nil }
                probe = JournalProbe(from: from, to: to)
            }
            guard let timeout else { return nil }
            return .confirmJournaling(timeout: timeout, probe: probe)
        case .createConnector, .disableConnector, .deleteConnector:
            guard let connector = s.required(pairs, "connector", in: context, at: at).flatMap({
                s.string($0, "connector reference")
            }) else { return nil }
            switch kind {
            case .createConnector: return .createConnector(connector: connector)
            case .disableConnector: return .disableConnector(connector: connector)
            default: return .deleteConnector(connector: connector)
            }
        case .waitConnectorDrained:
            let connector = s.required(pairs, "connector", in: context, at: at).flatMap {
                s.string($0, "connector reference")
            }
            let timeout =
                field("timeout").map { s.duration($0, "timeout") } ?? Located(PlanDuration(seconds: 86400), at: stepStart)
            let poll =
                field("pollEvery").map { s.duration($0, "pollEvery") } ?? Located(PlanDuration(seconds: 300), at: stepStart)
            guard let connector, let timeout, let poll else { return nil }
            if poll.value > timeout.value {
                s.report(StructureRules.malformedTime, "pollEvery is longer than the timeout", at: poll.range)
                return nil
            }
            return .waitConnectorDrained(connector: connector, timeout: timeout, pollEvery: poll)
        case .manual:
            guard let text = s.required(pairs, "instructions", in: context, at: at).flatMap({
                s.string($0, "instructions", multiline: true)
            }) else { return nil }
            return .manual(instructions: text)
        }
    }
}
