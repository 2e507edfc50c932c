import Foundation
import JournalPlanTestSupport
import Testing

extension GoldenFile {
    /// `Tests/JournalPlanCoreTests/Golden/`: compiled scripts, runbooks and graphs of the example plans.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Checks against `Golden/<name>`.
    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(actual, against: directory.appendingPathComponent(name), sourceLocation: sourceLocation)
    }

    /// Checks against `Fixtures/<name>` (diagnostic output formats).
    static func check(_ actual: String, fixture name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        check(actual, against: fixtures.appendingPathComponent(name), sourceLocation: sourceLocation)
    }
}
