/// The catalogue: every rule JournalPlan checks, in id order.
public enum RuleRegistry {
    /// The rules that run on a decoded plan and its graph.
    public static let rules: [any PlanRule.Type] = [
        StopBeforeDisable.self,
        ContactBeforeRepoint.self,
        DomainBeforeRepoint.self,
        ConnectorBeforeRepoint.self,
        DisableBeforeRepoint.self,
        RepointBeforeEnable.self,
        EnableBeforeStart.self,
        StopHasStart.self,
        ConfirmAfterStart.self,
        ConfirmBeforePOP3Removal.self,
        DrainBeforeDelete.self,
        NDRBeforeRepoint.self,
        ConflictingStepsOrdered.self,
        SendConnectorBeforeRepoint.self,
        ContactInJournalDomain.self,
        JournalDomainNotOwn.self,
        WindowWellFormed.self,
        WindowCoversOutage.self,
        WorkingHours.self,
        POP3DeletionDeadline.self,
        ConnectorsConsistent.self,
        NoJournalLoss.self,
        DuplicateJournaling.self,
        EndsInGoalState.self,
    ]

    /// Every descriptor, including the loader's and the decoder's, sorted by id.
    public static var descriptors: [RuleDescriptor] {
        (InputRules.all + StructureRules.all + rules.map { $0.descriptor } + [WindowClock.descriptor])
            .sorted { $0.id < $1.id }
    }

    public static func descriptor(id: String) -> RuleDescriptor? { descriptors.first { $0.id == id } }
}
