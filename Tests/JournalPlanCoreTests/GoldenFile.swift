import Foundation
import Testing

/// Compares generated text with a golden file. With `RECORD_GOLDENS=1` the golden is rewritten and the test
/// still fails, so a re-recorded run is never mistaken for a passing one. Line endings are normalised.
enum GoldenFile {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// `Tests/JournalPlanCoreTests/Golden/`: compiled scripts, runbooks and graphs of the example plans.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Checks against `Golden/<name>`.
    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        check(actual, against: directory.appendingPathComponent(name), sourceLocation: sourceLocation)
    }

    static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        // Read as bytes: String(contentsOf:encoding:) drops a leading byte-order mark, which scripts have.
        let expected = (try? Data(contentsOf: url)).map { normalised(String(decoding: $0, as: UTF8.self)) }
        let got = normalised(actual)
        if isRecording {
            if expected != got { try? got.write(to: url, atomically: true, encoding: .utf8) }
            Issue.record("re-recorded \(url.lastPathComponent); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record("missing golden \(url.path); run with RECORD_GOLDENS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        guard expected != got else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let g = got.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, g).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, g.count)
        let want = line < e.count ? String(e[line]) : "<end>"
        let have = line < g.count ? String(g[line]) : "<end>"
        Issue.record(
            Comment(
                rawValue:
                    "\(url.lastPathComponent) differs from its golden at line \(line + 1):\n  expected: \(want)\n  actual:   \(have)\n(RECORD_GOLDENS=1 re-records)"
            ), sourceLocation: sourceLocation)
    }
}
