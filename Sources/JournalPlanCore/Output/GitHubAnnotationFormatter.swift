// Scaffolding: replaced by the GitHub workflow-command formatter.
public enum GitHubAnnotationFormatter {
    public static func lines(_ results: [ValidationResult]) -> String { "" }
}
