import ArgumentParser
import Foundation
import JournalPlanCore

/// `plan diff OLD NEW`: what changed between two plans, in steps and order, for review.
struct DiffCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two plans: steps, fields, order and the no-loss verdict.",
        discussion: """
            Examples:
              plan diff old/cutover.yaml plans/cutover.yaml
              git show main:plans/cutover.yaml | plan diff - plans/cutover.yaml
              plan diff --format markdown old.yaml new.yaml >> "$GITHUB_STEP_SUMMARY"

            Exit status: 0 the plans are equivalent, 1 they differ, 2 a plan cannot \
            be read or decoded (or the output cannot be written), 4 the verdict got \
            worse: the old plan was valid and the new one is not, or the new one can \
            lose mail and the old one could not. A CI step can fail on 4 alone.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    /// The exit status when the new plan's verdict is worse than the old one's.
    static let worseStatus: Int32 = 4

    @Argument(
        help: ArgumentHelp("The old plan (for example the base branch's), or - for standard input.", valueName: "old-plan"),
        completion: .file(extensions: ["yaml", "yml"]))
    var old: String

    @Argument(
        help: ArgumentHelp("The new plan, or - for standard input.", valueName: "new-plan"),
        completion: .file(extensions: ["yaml", "yml"]))
    var new: String

    @Option(help: ArgumentHelp("Output format: text, markdown or json.", valueName: "format"))
    var format: Format = .text

    func validate() throws {
        if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be standard input") }
    }

    func execute() throws -> Int32 {
        let validator = PlanValidator()
        let plans = [PlanInput.check(old, validator: validator), PlanInput.check(new, validator: validator)]
        for plan in plans { try plan.refuseIf(plan.isUnreadable, "cannot compare") }
        guard let diff = PlanComparer().compare(old: plans[0].result, new: plans[1].result) else {
            // A side that does not decode has no steps to compare: show why, on standard error.
            for plan in plans { try plan.refuseIf(plan.result.plan == nil, "cannot compare: a plan does not decode", status: 2) }
            return 2
        }
        switch format {
        case .text: try Terminal.write(PlanDiffRenderer.text(diff))
        case .markdown: try Terminal.write(PlanDiffRenderer.markdown(diff))
        case .json: try Terminal.write(PlanDiffRenderer.json(diff).rendered(pretty: true) + "\n")
        }
        if Self.worse(diff.oldVerdict, diff.newVerdict) { return Self.worseStatus }
        return diff.isEqual ? 0 : 1
    }

    /// valid < invalid < loses-mail.
    static func worse(_ old: PlanVerdict, _ new: PlanVerdict) -> Bool {
        func rank(_ v: PlanVerdict) -> Int { v.isValid ? 0 : v.noLossFailures.isEmpty ? 1 : 2 }
        return rank(new) > rank(old)
    }
}
