/// The tool's version, written into script headers and reports.
public enum JournalPlanVersion {
    public static let current = "0.1.0"
}
