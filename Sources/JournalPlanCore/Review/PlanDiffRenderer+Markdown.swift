/// Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict and the counts first, the
/// details folded in `<details>` blocks. Every plan value (paths, ids, names, field values, notes) is shown
/// as a code span, which Markdown renders literally — no markup, links, mentions, emoji or HTML — so values
/// stay readable (`plans/x.yaml`, `stop-transport`) and a step note cannot inject anything into the comment.
extension PlanDiffRenderer {
    /// The diff as Markdown (`plan diff --format markdown`).
    public static func markdown(_ diff: PlanDiff) -> String {
        let q: (String) -> String = { MarkdownEscaping.codeSpan($0) }
        let t: (String) -> String = { MarkdownEscaping.codeSpan($0, inTable: true) }
        let icon = diff.newVerdict.isValid ? "✅" : "❌"
        var out = "### JournalPlan diff: \(q(diff.oldFile)) → \(q(diff.newFile))\n\n"
        out += "- **Verdict:** \(icon) \(diff.verdictLine(code: q))\n"
        for reason in diff.lossReasonsToShow { out += "  - **Why:** \(q(reason))\n" }
        out += "- **Changes:** \(diff.countsLine)\n"
        // The flips lead: a reversed pair is how a reordering loses mail. The rest is in the details.
        let flips = diff.order?.relations.filter(\.isFlip) ?? []
        for r in flips.prefix(5) { out += "- **Order flipped:** \(PlanDiff.sentence(r, quote: q))\n" }
        if flips.count > 5 { out += "- **Order flipped:** \(flips.count - 5) more groups, listed under Order\n" }
        if !diff.sections.isEmpty {
            out += details("Plan fields (\(diff.sections.count))") {
                "| field | old | new |\n|---|---|---|\n"
                    + diff.sections.map { "| \(t($0.field)) | \(cell($0.old)) | \(cell($0.new)) |\n" }.joined()
            }
        }
        let stepCount = diff.stepsAdded.count + diff.stepsRemoved.count + diff.stepsChanged.count
        if stepCount > 0 {
            out += details("Steps (\(stepCount))") {
                var table = "| | step | change |\n|---|---|---|\n"
                for s in diff.stepsAdded {
                    let on = s.targets.isEmpty ? "" : " on " + s.targets.map(t).joined(separator: ", ")
                    table += "| ➕ | \(t(s.id)) | added: \(t(s.action))\(on), line \(s.line) |\n"
                }
                for s in diff.stepsRemoved { table += "| ➖ | \(t(s.id)) | removed: \(t(s.action)) |\n" }
                for s in diff.stepsChanged {
                    let fields = s.fields.map { "\(t($0.field)): \(cell($0.old)) → \(cell($0.new))" }
                    table += "| ✏️ | \(t(s.id)) | \(fields.joined(separator: "<br>")) |\n"
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

    private static func cell(_ value: String?) -> String { value.map { MarkdownEscaping.codeSpan($0, inTable: true) } ?? "_absent_" }
}
