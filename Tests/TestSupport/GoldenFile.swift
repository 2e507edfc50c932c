import Foundation
import Testing

/// The one golden-file rule of every test target: generated text is compared with a file in the repository
/// (line endings normalised to LF); on a difference the failure names the first differing line, expected
/// and actual. With `RECORD_GOLDENS=1` the file is rewritten and the test still fails, so a re-recorded run
/// is never mistaken for a passing one.
public enum GoldenFile {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Checks `actual` against the golden at `url` (relative paths are taken from the repository root).
    public static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        // Read as bytes: String(contentsOf:encoding:) drops a leading byte-order mark, which scripts have.
        let expected = (try? Data(contentsOf: url)).map { normalised(String(decoding: $0, as: UTF8.self)) }
        let got = normalised(actual)
        if isRecording {
            do {
                if expected != got {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try got.write(to: url, atomically: true, encoding: .utf8)
                }
                Issue.record(
                    "re-recorded \(url.lastPathComponent); run again without RECORD_GOLDENS",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record(
                "missing golden \(url.path); run with RECORD_GOLDENS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        guard let difference = firstDifference(expected: expected, actual: got) else { return }
        Issue.record(
            Comment(
                rawValue: "\(url.lastPathComponent) differs from its golden at line \(difference.line):\n"
                    + "  expected: \(difference.expected)\n  actual:   \(difference.actual)\n(RECORD_GOLDENS=1 re-records)"
            ), sourceLocation: sourceLocation)
    }

    /// Checks against `path`, relative to the repository root.
    public static func check(_ actual: String, atRepositoryPath path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(actual, against: Repository.root.appendingPathComponent(path), sourceLocation: sourceLocation)
    }

    /// The first line (1-based) where the texts differ, with both lines (`<end>` past the end), or nil.
    public static func firstDifference(expected: String, actual: String)
        -> (line: Int, expected: String, actual: String)?
    {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        return (index + 1, index < e.count ? String(e[index]) : "<end>", index < a.count ? String(a[index]) : "<end>")
    }
}
