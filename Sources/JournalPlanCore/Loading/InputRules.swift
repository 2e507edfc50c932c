/// The findings the loader raises about the file itself (JP0xx).
public enum InputRules {
    public static let yamlSyntax = RuleDescriptor(
        id: "JP001", name: "yaml-syntax", category: .input, severity: .error,
        summary: "The file must be well-formed YAML.",
        rationale: "A plan that does not parse cannot be checked, so nothing about its safety is known.")

    public static let duplicateKey = RuleDescriptor(
        id: "JP002", name: "duplicate-key", category: .input, severity: .error,
        summary: "A key may appear only once in a mapping.",
        rationale: "YAML parsers disagree on which duplicate wins; a reviewer may read the one the tool ignores.")

    public static let multipleDocuments = RuleDescriptor(
        id: "JP003", name: "single-document", category: .input, severity: .error,
        summary: "A plan file holds exactly one YAML document.",
        rationale: "A second document would be silently ignored by some tools and read by others.")

    public static let unsupportedTag = RuleDescriptor(
        id: "JP004", name: "core-tags-only", category: .input, severity: .error,
        summary: "Only YAML core tags (!!str, !!int, !!bool, !!null, !!float, !!map, !!seq) are allowed.",
        rationale: "Application tags ask a loader to build arbitrary objects; a plan is plain data.")

    public static let limitExceeded = RuleDescriptor(
        id: "JP005", name: "input-limits", category: .input, severity: .error,
        summary: "Size, nesting, alias expansion and element counts stay within the documented limits.",
        rationale: "Alias bombs, deep nesting and huge files would otherwise exhaust memory or time in CI.")

    public static let invalidEncoding = RuleDescriptor(
        id: "JP006", name: "utf8-encoding", category: .input, severity: .error,
        summary: "A plan is UTF-8 text without NUL bytes.",
        rationale: "Values from the plan reach PowerShell; an ambiguous encoding hides what they really are.")

    public static let emptyPlan = RuleDescriptor(
        id: "JP007", name: "empty-plan", category: .input, severity: .error,
        summary: "The file must contain a plan.",
        rationale: "An empty file is almost always a mistake in a pull request, not an intentional plan.")

    public static let unreadableFile = RuleDescriptor(
        id: "JP008", name: "readable-file", category: .input, severity: .error,
        summary: "The plan file must exist and be readable.",
        rationale: "A missing plan in CI must fail loudly rather than pass with nothing checked.")

    /// Every loader finding, in id order.
    public static let all: [RuleDescriptor] = [
        yamlSyntax, duplicateKey, multipleDocuments, unsupportedTag, limitExceeded, invalidEncoding, emptyPlan,
        unreadableFile,
    ]
}
