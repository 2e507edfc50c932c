/// What a rule is: its stable id, its name, how serious its findings are by default, and why it exists.
///
/// Every finding JournalPlan reports carries a descriptor, including the ones the loader and the decoder
/// raise (malformed YAML, unknown keys), so `plan rules` lists the whole catalogue.
public struct RuleDescriptor: Hashable, Sendable, Codable {
    /// Stable id, for example `JP201`. Never reused for another meaning.
    public var id: String
    /// Kebab-case name, for example `stop-before-disable`.
    public var name: String
    public var category: RuleCategory
    public var defaultSeverity: Severity
    /// One line: what the rule checks.
    public var summary: String
    /// Why it matters for a journaling cut-over.
    public var rationale: String

    public init(
        id: String, name: String, category: RuleCategory, severity: Severity, summary: String, rationale: String
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.defaultSeverity = severity
        self.summary = summary
        self.rationale = rationale
    }
}

/// The families of rules, by id range.
public enum RuleCategory: String, Hashable, Sendable, Codable, CaseIterable {
    /// JP0xx: the file itself (YAML syntax, encoding, limits).
    case input
    /// JP1xx: schema, references, graph shape, version compatibility.
    case structure
    /// JP2xx: ordering of steps on the step graph.
    case ordering
    /// JP3xx: values (addresses, domains, window, deadlines).
    case values
    /// JP4xx: the no-loss property over every order the graph allows.
    case noLoss = "no-loss"
}
