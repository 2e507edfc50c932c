/// Limits on what one plan may contain, beyond the loader's byte and node limits.
public struct PlanLimits: Sendable, Hashable {
    public var maxSteps = 100_000
    public var maxServers = 2_000
    public var maxRules = 50_000
    public var maxDatabases = 50_000
    public var maxConnectors = 100
    /// Steps × targets: the nodes of the step graph.
    public var maxGraphNodes = 1_000_000

    public init() {}
    public static let `default` = PlanLimits()
}

/// Turns a loaded YAML tree into a typed ``Plan``, reporting every shape and format problem it finds.
///
/// Decoding collects all findings in one pass; the plan is returned only when there are no errors, so the
/// rules that follow can rely on a complete model.
public struct PlanDecoder: Sendable {
    public var limits: PlanLimits

    public init(limits: PlanLimits = .default) { self.limits = limits }

    static let topLevelKeys = [
        "plan", "name", "description", "exchange", "contact", "domain", "connectors", "window", "steps",
    ]

    /// Also hands over the plan's lookup tables, as the checks built them (for
    /// ``GraphCompiler/compile(_:index:)``).
    func decodeIndexed(_ root: YAMLNode, file: String) -> (plan: (Plan, PlanIndex)?, diagnostics: [Diagnostic]) {
        let session = DecodeSession(file: file)
        let decoded = decodePlan(root, session)
        return (session.diagnostics.hasErrors ? nil : decoded, session.diagnostics)
    }

    public func decode(_ root: YAMLNode, file: String) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let decoded = decodeIndexed(root, file: file)
        return (decoded.plan?.0, decoded.diagnostics)
    }

    private func decodePlan(_ root: YAMLNode, _ s: DecodeSession) -> (Plan, PlanIndex)? {
        guard let pairs = s.mapping(root, "a plan") else { return nil }
        // Some other YAML file (a workflow, a compose file): one error saying so, not one per missing field.
        let sections = ["plan", "exchange", "contact", "domain", "steps"]
        if !pairs.contains(where: { sections.contains($0.name) }) {
            s.report(
                StructureRules.formatVersion,
                "this is not a JournalPlan plan: it has no 'plan: \(Plan.formatVersion)' line and none of the "
                    + "sections 'exchange', 'contact', 'domain' or 'steps'",
                at: SourceRange(at: root.range.start))
            return nil
        }
        s.checkKeys(pairs, allowed: Self.topLevelKeys, context: "the plan")
        func field(_ key: String) -> YAMLNode? { pairs.first { $0.name == key }?.value }
        let top = SourceRange(at: root.range.start)

        if let format = s.required(pairs, "plan", in: "the plan", at: top), let text = s.string(format, "'plan'") {
            if text.value != Plan.formatVersion {
                s.report(
                    StructureRules.formatVersion,
                    "unsupported plan format '\(Excerpt.short(text.value))'; this version reads '\(Plan.formatVersion)'",
                    at: format.range)
            }
        }
        let name = s.required(pairs, "name", in: "the plan", at: top).flatMap { s.identifier($0, "the plan name") }
        let description = field("description").flatMap { s.string($0, "'description'", multiline: true) }
        let exchange = s.required(pairs, "exchange", in: "the plan", at: top).flatMap { decodeExchange($0, s) }
        let contact = s.required(pairs, "contact", in: "the plan", at: top).flatMap { decodeContact($0, s) }
        let domain = s.required(pairs, "domain", in: "the plan", at: top).flatMap { decodeDomain($0, s) }
        let connectors = field("connectors").flatMap { decodeConnectors($0, s) } ?? []
        let window = field("window").flatMap { decodeWindow($0, s) }
        let steps = s.required(pairs, "steps", in: "the plan", at: top).flatMap { decodeSteps($0, s) }

        guard let name, let exchange, let contact, let domain, let steps else { return nil }
        let plan = Plan(
            file: s.file, name: name, description: description?.value, exchange: exchange, contact: contact,
            domain: domain, connectors: connectors, window: window, steps: steps)
        return (plan, ReferenceCheck.run(plan, s, limits: limits))
    }

    // MARK: Sections

    static let exchangeKeys = [
        "version", "journaling", "transportServers", "journalRules", "databases", "journalMailbox", "ndrMailbox",
        "domainController", "acceptedDomains",
    ]

    private func decodeExchange(_ node: YAMLNode, _ s: DecodeSession) -> ExchangeEstate? {
        guard let pairs = s.mapping(node, "'exchange'") else { return nil }
        s.checkKeys(pairs, allowed: Self.exchangeKeys, context: "'exchange'")
        func field(_ key: String) -> YAMLNode? { pairs.first { $0.name == key }?.value }
        let at = SourceRange(at: node.range.start)
        let version = s.required(pairs, "version", in: "'exchange'", at: at).flatMap {
            s.enumeration($0, "exchange version", ExchangeVersion.self)
        }
        let journaling = s.required(pairs, "journaling", in: "'exchange'", at: at).flatMap {
            s.enumeration($0, "journaling type", JournalingType.self)
        }
        let servers = field("transportServers").flatMap { list in
            stringList(list, "a transport server", s) { s.host($0, "transport server") }
        } ?? []
        let rules: [JournalRuleReference] =
            field("journalRules").flatMap { list in
                stringList(list, "a journal rule", s) { item in
                    guard let rule = s.mapping(item, "a journal rule") else { return nil }
                    s.checkKeys(rule, allowed: ["name"], context: "a journal rule")
                    return s.required(rule, "name", in: "a journal rule", at: item.range).flatMap {
                        exchangeName($0, "journal rule name", s)
                    }
                }
            }?.map { JournalRuleReference(name: $0) } ?? []
        let databases = field("databases").flatMap { list in
            stringList(list, "a database", s) { exchangeName($0, "database name", s) }
        } ?? []
        let journalMailbox = s.required(pairs, "journalMailbox", in: "'exchange'", at: at).flatMap {
            s.email($0, "journalMailbox")
        }
        let ndrMailbox = field("ndrMailbox").flatMap { s.email($0, "ndrMailbox") }
        let domainController = field("domainController").flatMap { s.host($0, "domainController") }
        let accepted = field("acceptedDomains").flatMap { list in
            stringList(list, "an accepted domain", s) { s.host($0, "accepted domain", fullyQualified: true) }
        } ?? []

        if let list = field("transportServers") {
            s.checkUnique(servers, what: "transport server") { $0.key }
            _ = s.checkCount(servers.count, limit: limits.maxServers, what: "transport servers", at: list.range)
        }
        if let list = field("journalRules") {
            s.checkUnique(rules.map(\.name), what: "journal rule") { $0.lowercased() }
            _ = s.checkCount(rules.count, limit: limits.maxRules, what: "journal rules", at: list.range)
        }
        if let list = field("databases") {
            s.checkUnique(databases, what: "database") { $0.lowercased() }
            _ = s.checkCount(databases.count, limit: limits.maxDatabases, what: "databases", at: list.range)
        }
        guard let version, let journaling, let journalMailbox else { return nil }
        let estate = ExchangeEstate(
            version: version, journaling: journaling, transportServers: servers, journalRules: rules,
            databases: databases, journalMailbox: journalMailbox, ndrMailbox: ndrMailbox,
            domainController: domainController, acceptedDomains: accepted, range: node.range)
        EstateShapeCheck.run(estate, fields: Set(pairs.map(\.name)), pairs: pairs, s)
        return estate
    }

    private func decodeContact(_ node: YAMLNode, _ s: DecodeSession) -> MailContact? {
        guard let pairs = s.mapping(node, "'contact'") else { return nil }
        s.checkKeys(pairs, allowed: ["name", "alias", "address", "organizationalUnit", "hidden"], context: "'contact'")
        func field(_ key: String) -> YAMLNode? { pairs.first { $0.name == key }?.value }
        let at = SourceRange(at: node.range.start)
        let name = s.required(pairs, "name", in: "'contact'", at: at).flatMap { exchangeName($0, "contact name", s) }
        let alias = s.required(pairs, "alias", in: "'contact'", at: at).flatMap { aliasValue($0, s) }
        let address = s.required(pairs, "address", in: "'contact'", at: at).flatMap { s.email($0, "contact address") }
        let ou = field("organizationalUnit").flatMap { s.string($0, "organizationalUnit") }
        let hidden = field("hidden").map { s.bool($0, "'hidden'") ?? true } ?? true
        guard let name, let alias, let address else { return nil }
        return MailContact(
            name: name, alias: alias, address: address, organizationalUnit: ou, hidden: hidden, range: node.range)
    }

    private func decodeDomain(_ node: YAMLNode, _ s: DecodeSession) -> JournalDomain? {
        guard let pairs = s.mapping(node, "'domain'") else { return nil }
        s.checkKeys(pairs, allowed: ["name", "region", "journalHosts", "supportTicket"], context: "'domain'")
        func field(_ key: String) -> YAMLNode? { pairs.first { $0.name == key }?.value }
        let at = SourceRange(at: node.range.start)
        let name = s.required(pairs, "name", in: "'domain'", at: at).flatMap {
            s.host($0, "journal domain", fullyQualified: true)
        }
        let region = s.required(pairs, "region", in: "'domain'", at: at).flatMap {
            s.enumeration($0, "Mimecast region", MimecastRegion.self)
        }
        let hosts = field("journalHosts").flatMap { list in
            stringList(list, "a journal host", s) { s.host($0, "journal host", fullyQualified: true) }
        } ?? []
        let ticket = field("supportTicket").flatMap { s.string($0, "supportTicket") }
        guard let name, let region else { return nil }
        if !region.value.hasConfirmedJournalHosts, hosts.isEmpty {
            s.report(
                StructureRules.missingField,
                "Mimecast's journal hosts for region '\(region.value.rawValue)' are not publicly confirmed; list them in 'journalHosts'",
                at: region.range)
        }
        return JournalDomain(name: name, region: region, journalHosts: hosts, supportTicket: ticket, range: node.range)
    }

    private func decodeConnectors(_ node: YAMLNode, _ s: DecodeSession) -> [JournalConnector]? {
        guard let items = s.list(node, "'connectors'") else { return nil }
        guard s.checkCount(items.count, limit: limits.maxConnectors, what: "connectors", at: node.range) else {
            return nil
        }
        let connectors = items.compactMap { item in
            let connector = decodeConnector(item, s)
            // A connector already reported as wrong: the steps that name it are not reported again.
            if connector == nil, case .mapping(let pairs) = item.content {
                for pair in pairs { if let text = pair.value.scalar?.text { s.rejectedConnectorNames.insert(text) } }
            }
            return connector
        }
        s.checkUnique(connectors.map(\.id), what: "connector id") { $0 }
        return connectors
    }

    private func decodeConnector(_ node: YAMLNode, _ s: DecodeSession) -> JournalConnector? {
        guard let pairs = s.mapping(node, "a connector") else { return nil }
        func field(_ key: String) -> YAMLNode? { pairs.first { $0.name == key }?.value }
        let at = SourceRange(at: node.range.start)
        let id = s.required(pairs, "id", in: "a connector", at: at).flatMap { s.identifier($0, "connector id") }
        let transport = s.required(pairs, "transport", in: "a connector", at: at).flatMap {
            s.enumeration($0, "connector transport", ConnectorTransport.self)
        }
        let description = s.required(pairs, "description", in: "a connector", at: at).flatMap {
            s.string($0, "connector description")
        }
        let common = ["id", "transport", "description"]
        let pop3Keys = ["mailbox", "host"]
        let smtpKeys = ["address", "sourceIPs"]
        var mailbox: Located<EmailAddress>?
        var host: Located<HostName>?
        var address: Located<EmailAddress>?
        var ranges: [Located<IPv4Network>] = []
        switch transport?.value {
        case .pop3:
            s.checkKeys(
                pairs, allowed: common + pop3Keys, context: "a POP3 connector",
                elsewhere: Dictionary(uniqueKeysWithValues: smtpKeys.map { ($0, "it applies to SMTP connectors") }))
            mailbox = s.required(pairs, "mailbox", in: "a POP3 connector", at: at).flatMap {
                s.email($0, "connector mailbox")
            }
            host = field("host").flatMap { s.host($0, "POP3 host") }
        case .smtp:
            s.checkKeys(
                pairs, allowed: common + smtpKeys, context: "an SMTP connector",
                elsewhere: Dictionary(uniqueKeysWithValues: pop3Keys.map { ($0, "it applies to POP3 connectors") }))
            address = s.required(pairs, "address", in: "an SMTP connector", at: at).flatMap {
                s.email($0, "connector address")
            }
            ranges =
                field("sourceIPs").flatMap { list in
                    stringList(list, "a source IP range", s) { item in
                        guard let text = s.string(item, "source IP range") else { return nil }
                        guard let network = IPv4Network(text.value) else {
                            s.report(
                                StructureRules.malformedCIDR,
                                "source IP range '\(Excerpt.short(text.value))' is not an IPv4 CIDR block such as 203.0.113.10/32",
                                at: item.range)
                            return nil
                        }
                        if network.hasHostBits {
                            s.report(
                                StructureRules.malformedCIDR,
                                "source IP range '\(text.value)' has host bits set beyond /\(network.prefixLength)",
                                at: item.range)
                            return nil
                        }
                        return Located(network, at: item.range)
                    }
                } ?? []
        case nil:
            s.checkKeys(pairs, allowed: common + pop3Keys + smtpKeys, context: "a connector")
        }
        guard let id, let transport, let description else { return nil }
        return JournalConnector(
            id: id, transport: transport.value, description: description, mailbox: mailbox, host: host,
            address: address, sourceIPs: ranges, range: node.range)
    }

    private func decodeWindow(_ node: YAMLNode, _ s: DecodeSession) -> OutageWindow? {
        guard let pairs = s.mapping(node, "'window'") else { return nil }
        s.checkKeys(pairs, allowed: ["start", "end"], context: "'window'")
        let at = SourceRange(at: node.range.start)
        let start = s.required(pairs, "start", in: "'window'", at: at).flatMap { s.timestamp($0, "window start") }
        let end = s.required(pairs, "end", in: "'window'", at: at).flatMap { s.timestamp($0, "window end") }
        guard let start, let end else { return nil }
        return OutageWindow(start: start, end: end, range: node.range)
    }

    private func decodeSteps(_ node: YAMLNode, _ s: DecodeSession) -> [Step]? {
        guard let items = s.list(node, "'steps'") else { return nil }
        guard s.checkCount(items.count, limit: limits.maxSteps, what: "steps", at: node.range) else { return nil }
        if items.isEmpty {
            s.report(StructureRules.missingField, "the plan has no steps", at: node.range)
            return nil
        }
        let decoder = StepDecoder(session: s)
        var steps: [Step] = []
        steps.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let step = decoder.decode(item, index: index) { steps.append(step) }
        }
        s.stepIndex = s.firstPositions(steps.map(\.id), what: "step id") { $0 }
        return steps
    }

    // MARK: Helpers

    /// Exchange object names: at most 64 characters (New-MailContact, New-JournalRule), counted as Unicode
    /// code points as the schema's maxLength counts them (a letter with combining marks is several).
    private func exchangeName(_ node: YAMLNode, _ what: String, _ s: DecodeSession) -> Located<String>? {
        guard let text = s.string(node, what) else { return nil }
        let length = text.value.unicodeScalars.count
        guard length <= 64 else {
            s.report(
                StructureRules.wrongType,
                "\(what) is \(length) characters (Unicode code points) long; Exchange's limit is 64", at: node.range)
            return nil
        }
        return text
    }

    private func aliasValue(_ node: YAMLNode, _ s: DecodeSession) -> Located<String>? {
        guard let text = s.string(node, "contact alias") else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
        guard text.value.unicodeScalars.count <= 64, text.value.allSatisfy({ allowed.contains($0) }), !text.value.hasPrefix("."),
            !text.value.hasSuffix("."), !text.value.contains("..")
        else {
            s.report(
                StructureRules.malformedAddress,
                "contact alias '\(Excerpt.short(text.value))' may use only letters, digits and !#$%&'*+-/=?^_`{|}~. (no spaces), at most 64 characters",
                at: node.range)
            return nil
        }
        return text
    }
}

/// Reads a list whose items each become an optional value; nil items were reported and are dropped.
func stringList<T>(_ node: YAMLNode, _ what: String, _ s: DecodeSession, _ item: (YAMLNode) -> T?) -> [T]? {
    // The "the list of …s" wording is only built when the node is not a list.
    if case .sequence(let items) = node.content {
        var values: [T] = []
        values.reserveCapacity(items.count)
        for node in items {
            if let value = item(node) { values.append(value) }
        }
        return values
    }
    _ = s.list(node, "the list of \(what.split(separator: " ").dropFirst().joined(separator: " "))s")
    return nil
}
