import Foundation
import JournalPlanCore

/// Shell completion of step ids for `plan run --approve` and `--fail-step`: the ids of the plan file
/// named on the command line being completed.
enum StepCompletion {
    @Sendable static func stepIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        ids(inPlanAmong: words).filter { $0.hasPrefix(prefix) }
    }

    /// The step ids of the first word that names a readable plan file (the run's plan argument); none when
    /// there is no such word or the plan does not decode.
    static func ids(inPlanAmong words: [String]) -> [String] {
        for word in words where word.hasSuffix(".yaml") || word.hasSuffix(".yml") {
            guard let bytes = try? PlanInput.read(word) else { continue }
            let result = PlanValidator().validate(bytes, file: word)
            if let plan = result.plan { return plan.steps.map(\.id.value) }
        }
        return []
    }
}
