import JournalPlanCore

enum ToolInfo {
    static let version = JournalPlanVersion.current
}
