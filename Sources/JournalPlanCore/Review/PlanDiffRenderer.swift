/// Renders a ``PlanDiff`` as plain text for a terminal or a log.
///
/// ```
/// plan diff: old.yaml → new.yaml
/// verdict: valid → invalid; now fails JP201 stop-before-disable
/// changes: order: 1 pair flipped
///
/// order:
///   ! 'stop-transport' was before 'disable-rule' and is now after it
/// ```
public enum PlanDiffRenderer {
    /// The diff as plain text (`plan diff`); control characters in values are shown escaped.
    public static func text(_ diff: PlanDiff) -> String {
        let q: (String) -> String = { "'\(Self.printable($0))'" }
        var out = "plan diff: \(printable(diff.oldFile)) → \(printable(diff.newFile))\n"
        out += "verdict: \(diff.verdictLine())\n"
        for reason in diff.lossReasonsToShow { out += "  why: \(printable(reason))\n" }
        out += "changes: \(diff.countsLine)\n"
        if !diff.sections.isEmpty {
            out += "\nplan fields:\n"
            for change in diff.sections { out += "  \(change.field): \(value(change.old, q)) → \(value(change.new, q))\n" }
        }
        if !diff.stepsAdded.isEmpty || !diff.stepsRemoved.isEmpty || !diff.stepsChanged.isEmpty {
            out += "\nsteps:\n"
            for s in diff.stepsAdded {
                let on = s.targets.isEmpty ? "" : " on " + s.targets.map(q).joined(separator: ", ")
                out += "  + \(q(s.id)) (\(s.action))\(on), line \(s.line) of the new plan\n"
            }
            for s in diff.stepsRemoved { out += "  - \(q(s.id)) (\(s.action)), line \(s.line) of the old plan\n" }
            for s in diff.stepsChanged {
                out += "  ~ \(q(s.id)), line \(s.line):\n"
                for f in s.fields { out += "      \(f.field): \(value(f.old, q)) → \(value(f.new, q))\n" }
            }
        }
        if let order = diff.order, !order.isEmpty {
            out += "\norder:\n"
            for r in order.relations { out += "  \(r.isFlip ? "!" : "~") \(PlanDiff.sentence(r, quote: q))\n" }
            for e in order.edges { out += "  > \(PlanDiff.sentence(e, quote: q))\n" }
        } else if diff.order == nil {
            out += "\norder: not compared (a plan's steps do not form a graph; see plan validate)\n"
        }
        return out
    }

    static func value(_ v: String?, _ quote: (String) -> String) -> String { v.map(quote) ?? "(absent)" }

    /// Control characters (a multi-line note) shown escaped so one change stays on one line.
    static func printable(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
