/// Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict and the counts first, the
/// details folded in `<details>` blocks. Every plan value is escaped, so a step note cannot inject markup,
/// links, mentions or HTML into the comment.
extension PlanDiffRenderer {
    /// The diff as Markdown (`plan diff --format markdown`).
    public static func markdown(_ diff: PlanDiff) -> String {
        let q: (String) -> String = { markdownEscape($0) }
        let code: (String) -> String = { "`\($0)`" }  // rule names are kebab-case identifiers
        let icon = diff.newVerdict.isValid ? "✅" : "❌"
        var out = "### JournalPlan diff: \(q(diff.oldFile)) → \(q(diff.newFile))\n\n"
        out += "- **Verdict:** \(icon) \(diff.verdictLine(code: code))\n"
        out += "- **Changes:** \(diff.countsLine)\n"
        // The flips lead: a reversed pair is how a reordering loses mail. The rest is in the details.
        let flips = diff.order?.relations.filter(\.isFlip) ?? []
        for r in flips.prefix(5) { out += "- **Order flipped:** \(PlanDiff.sentence(r, quote: q))\n" }
        if flips.count > 5 { out += "- **Order flipped:** \(flips.count - 5) more groups, listed under Order\n" }
        if !diff.sections.isEmpty {
            out += details("Plan fields (\(diff.sections.count))") {
                "| field | old | new |\n|---|---|---|\n"
                    + diff.sections.map { "| \(q($0.field)) | \(cell($0.old)) | \(cell($0.new)) |\n" }.joined()
            }
        }
        let stepCount = diff.stepsAdded.count + diff.stepsRemoved.count + diff.stepsChanged.count
        if stepCount > 0 {
            out += details("Steps (\(stepCount))") {
                var table = "| | step | change |\n|---|---|---|\n"
                for s in diff.stepsAdded { table += "| ➕ | \(q(s.id)) | added: \(q(s.action)), line \(s.line) |\n" }
                for s in diff.stepsRemoved { table += "| ➖ | \(q(s.id)) | removed: \(q(s.action)) |\n" }
                for s in diff.stepsChanged {
                    let fields = s.fields.map { "\(q($0.field)): \(cell($0.old)) → \(cell($0.new))" }
                    table += "| ✏️ | \(q(s.id)) | \(fields.joined(separator: "<br>")) |\n"
                }
                return table
            }
        }
        if let order = diff.order, !order.isEmpty {
            out += details("Order (\(order.relations.count + order.edges.count))") {
                order.relations.map { "- \($0.isFlip ? "**flipped:** " : "")\(PlanDiff.sentence($0, quote: q))\n" }
                    .joined() + order.edges.map { "- \(PlanDiff.sentence($0, quote: q))\n" }.joined()
            }
        } else if diff.order == nil {
            out += "\n_Order not compared: a plan's steps do not form a graph (see `plan validate`)._\n"
        }
        return out
    }

    private static func details(_ summary: String, _ body: () -> String) -> String {
        "\n<details><summary>\(summary)</summary>\n\n\(body())\n</details>\n"
    }

    private static func cell(_ value: String?) -> String { value.map { markdownEscape($0) } ?? "_absent_" }

    /// Escapes text for Markdown (CommonMark and GitHub's flavour), inline and inside table cells: every
    /// ASCII punctuation character is backslash-escaped (which also disarms `@mentions`, links, emphasis,
    /// HTML and `|` cell breaks) and line breaks become spaces.
    public static func markdownEscape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                out += " "
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                continue
            } else if scalar.isASCII, scalar.properties.isPatternSyntax || scalar == "_" {
                out += "\\"
                out.unicodeScalars.append(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
