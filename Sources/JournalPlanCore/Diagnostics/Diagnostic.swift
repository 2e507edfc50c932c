/// How serious a finding is.
public enum Severity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary, positioned remark attached to a diagnostic (for example, the step it conflicts with).
public struct DiagnosticNote: Hashable, Sendable, Codable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

/// One finding about a plan: which rule, where, how serious, and why.
public struct Diagnostic: Hashable, Sendable, Codable, Error {
    /// The rule that produced it, for example `JP201`.
    public var ruleID: String
    /// The rule's kebab-case name, for example `stop-before-disable`.
    public var ruleName: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var notes: [DiagnosticNote]
    /// For no-loss counter-examples: the step ids, in order, that reach the losing state.
    public var trace: [String]?

    public init(
        rule: RuleDescriptor,
        severity: Severity? = nil,
        message: String,
        location: SourceLocation,
        notes: [DiagnosticNote] = [],
        trace: [String]? = nil
    ) {
        self.ruleID = rule.id
        self.ruleName = rule.name
        self.severity = severity ?? rule.defaultSeverity
        self.message = message
        self.location = location
        self.notes = notes
        self.trace = trace
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, position, then rule id: the order every output format uses.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { a, b in
            if a.location.file != b.location.file { return a.location.file < b.location.file }
            if a.location.range.start != b.location.range.start {
                return a.location.range.start < b.location.range.start
            }
            if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
            return a.message < b.message
        }
    }
}
