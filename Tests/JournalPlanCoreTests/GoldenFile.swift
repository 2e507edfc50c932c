import Foundation
import Testing

/// Compares text with a golden file; with `RECORD_GOLDENS=1` rewrites the golden and still fails, so a
/// re-recorded run is never mistaken for a passing one. Line endings are normalised before comparing.
enum GoldenFile {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = (try? String(contentsOf: url, encoding: .utf8)).map(normalised)
        if isRecording {
            if expected != normalised(actual) {
                try? normalised(actual).write(to: url, atomically: true, encoding: .utf8)
            }
            Issue.record("re-recorded \(url.lastPathComponent); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record(
                "missing golden \(url.path); run with RECORD_GOLDENS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        #expect(normalised(actual) == expected, "\(url.lastPathComponent) differs from the output", sourceLocation: sourceLocation)
    }
}
