/// A line diff of two short texts (rule examples against the canonical plan), from a
/// longest-common-subsequence alignment: `-` lines only in the old text, `+` lines only in the new, and up
/// to `context` unchanged lines around each change; `@@` separates distant changes.
public enum LineDiff {
    public static func changes(from old: String, to new: String, context: Int = 1) -> [String] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // common[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var common = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: String)] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append((" ", a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || common[i + 1][j] >= common[i][j + 1] {
                lines.append(("-", a[i]))
                i += 1
            } else {
                lines.append(("+", b[j]))
                j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        var out: [String] = []
        var last = -1
        for index in lines.indices {
            guard changed.contains(where: { abs($0 - index) <= context }) else { continue }
            if last >= 0, index > last + 1 { out.append("@@") }
            out.append("\(lines[index].mark)\(lines[index].text)")
            last = index
        }
        return out
    }
}
