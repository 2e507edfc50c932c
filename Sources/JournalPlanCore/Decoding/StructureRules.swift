/// Findings the decoder raises about the plan's shape (JP1xx) and value formats (JP30x).
public enum StructureRules {
    public static let unknownKey = RuleDescriptor(
        id: "JP101", name: "unknown-key", category: .structure, severity: .error,
        summary: "Every key must be one the plan format defines.",
        rationale: "A misspelt key (for example `afer:`) would otherwise be ignored and change the step order silently.")

    public static let wrongType = RuleDescriptor(
        id: "JP102", name: "wrong-type", category: .structure, severity: .error,
        summary: "Each field has the type the schema gives it (string, list, mapping, boolean).",
        rationale: "A list where a string belongs usually means an indentation mistake.")

    public static let missingField = RuleDescriptor(
        id: "JP103", name: "missing-field", category: .structure, severity: .error,
        summary: "Required sections and fields must be present.",
        rationale: "The cut-over cannot be checked or compiled without the contact, domain, estate and steps.")

    public static let unknownValue = RuleDescriptor(
        id: "JP104", name: "unknown-value", category: .structure, severity: .error,
        summary: "Enumerated fields (version, journaling, action, transport, region, to) take one of their listed values.",
        rationale: "An unknown action or version cannot be given a meaning safely.")

    public static let duplicateID = RuleDescriptor(
        id: "JP105", name: "duplicate-id", category: .structure, severity: .error,
        summary: "Step ids, connector ids, servers, journal rules and databases are unique.",
        rationale: "References by id must resolve to exactly one thing.")

    public static let unknownReference = RuleDescriptor(
        id: "JP106", name: "unknown-reference", category: .structure, severity: .error,
        summary: "References to steps, connectors, servers, rules and databases must name something the plan defines.",
        rationale: "A dangling `after:` would drop an ordering constraint the author meant to have.")

    public static let cycle = RuleDescriptor(
        id: "JP107", name: "no-cycles", category: .structure, severity: .error,
        summary: "The `after` relation must not form a cycle.",
        rationale: "A cycle has no order in which the steps can run.")

    public static let versionIncompatible = RuleDescriptor(
        id: "JP108", name: "version-compatible-action", category: .structure, severity: .error,
        summary: "Actions and sections fit the Exchange version and journaling type.",
        rationale: "Exchange Online has no transport service; standard journaling has no rules; 2003 has no shell.")

    public static let naming = RuleDescriptor(
        id: "JP109", name: "kebab-case-ids", category: .structure, severity: .error,
        summary: "The plan name, step ids and connector ids are kebab-case (a-z, 0-9, single hyphens).",
        rationale: "They name files, state entries and script labels, and appear in logs.")

    public static let formatVersion = RuleDescriptor(
        id: "JP110", name: "format-version", category: .structure, severity: .error,
        summary: "The plan declares `plan: journal-migration/v1`.",
        rationale: "A future format must never be read with today's meaning.")

    public static let malformedAddress = RuleDescriptor(
        id: "JP301", name: "well-formed-address", category: .values, severity: .error,
        summary: "Email addresses are well-formed SMTP addresses with a fully qualified domain.",
        rationale: "A malformed contact or mailbox address fails at the worst moment, inside the outage.")

    public static let malformedHost = RuleDescriptor(
        id: "JP302", name: "well-formed-host", category: .values, severity: .error,
        summary: "Host and domain names are well-formed (letters, digits, hyphens; labels up to 63).",
        rationale: "Server names go to Exchange cmdlets and service control; a typo must fail in CI.")

    public static let malformedCIDR = RuleDescriptor(
        id: "JP303", name: "well-formed-cidr", category: .values, severity: .error,
        summary: "Source IP ranges are IPv4 CIDR blocks such as 203.0.113.10/32.",
        rationale: "Mimecast accepts journal mail only from the listed ranges; a wrong range rejects every report.")

    public static let malformedTime = RuleDescriptor(
        id: "JP304", name: "well-formed-time", category: .values, severity: .error,
        summary: "Durations are like 30s, 5m, 2h, 1d; timestamps are RFC 3339 with an offset.",
        rationale: "An ambiguous window or timeout decides when mail flow stops.")

    public static let unsafeValue = RuleDescriptor(
        id: "JP311", name: "safe-text", category: .values, severity: .error,
        summary: "Values contain no control characters or bidirectional overrides (notes may span lines).",
        rationale: "Every value reaches PowerShell or a runbook; hidden characters make what is reviewed differ from what runs.")

    public static let all: [RuleDescriptor] = [
        unknownKey, wrongType, missingField, unknownValue, duplicateID, unknownReference, cycle,
        versionIncompatible, naming, formatVersion, malformedAddress, malformedHost, malformedCIDR, malformedTime,
        unsafeValue,
    ]
}
