import Foundation
import Testing

/// Compares generated text with a golden file under `Tests/JournalPlanCoreTests/Golden/`. With
/// `RECORD_GOLDENS=1` the golden is rewritten and the test still fails, so a re-record is never silent.
enum GoldenFile {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? Data(normalized(actual).utf8).write(to: url)
            Issue.record("re-recorded \(name); run again", sourceLocation: sourceLocation)
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("missing golden \(name); run with RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        let expected = normalized(String(decoding: data, as: UTF8.self))
        let got = normalized(actual)
        if expected != got {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let g = got.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(e, g).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, g.count)
            let want = line < e.count ? String(e[line]) : "<end>"
            let have = line < g.count ? String(g[line]) : "<end>"
            Issue.record(
                Comment(rawValue: "\(name) differs from its golden at line \(line + 1):\n  expected: \(want)\n  actual:   \(have)\n(RECORD_GOLDENS=1 re-records)"),
                sourceLocation: sourceLocation)
        }
    }
}
