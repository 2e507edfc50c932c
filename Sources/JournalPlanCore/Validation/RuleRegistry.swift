/// The catalogue: every rule JournalPlan checks, in id order.
public enum RuleRegistry {
    /// The rules that run on a decoded plan and its graph.
    public static let rules: [any PlanRule.Type] = [
        StopBeforeDisable.self,
        ConflictingStepsOrdered.self,
        NoJournalLoss.self,
        DuplicateJournaling.self,
        EndsInGoalState.self,
    ]

    /// Every descriptor, including the loader's and the decoder's, sorted by id.
    public static var descriptors: [RuleDescriptor] {
        (InputRules.all + StructureRules.all + rules.map { $0.descriptor }).sorted { $0.id < $1.id }
    }

    public static func descriptor(id: String) -> RuleDescriptor? { descriptors.first { $0.id == id } }
}
