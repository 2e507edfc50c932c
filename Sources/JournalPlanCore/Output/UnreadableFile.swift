extension ValidationResult {
    /// The result for a plan file that cannot be read (missing, a directory, no permission): one JP008
    /// error at its start, so every output format reports it as a finding rather than checking nothing.
    public static func unreadable(file: String, reason: String) -> ValidationResult {
        let diagnostic = Diagnostic(
            rule: InputRules.unreadableFile, message: "the plan file cannot be read: \(reason)",
            location: SourceLocation(file: file, range: SourceRange(at: .start)))
        return ValidationResult(file: file, diagnostics: [diagnostic], plan: nil, graph: nil)
    }

    /// Whether this is the result of a file that could not be read (JP008).
    public var isUnreadable: Bool { diagnostics.contains { $0.ruleID == InputRules.unreadableFile.id } }
}
