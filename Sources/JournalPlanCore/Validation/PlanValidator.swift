/// Everything `plan validate` learns about one file.
public struct ValidationResult: Sendable {
    public var file: String
    public var diagnostics: [Diagnostic]
    /// The decoded plan, when it decoded without errors.
    public var plan: Plan?
    /// The step graph, when the plan compiled into one.
    public var graph: StepGraph?
    /// What the no-loss check (JP401) established, when it ran over the whole graph and found no loss.
    public var noLoss: NoLossProof?

    public var hasErrors: Bool { diagnostics.hasErrors }

    /// What a clean validation proved, for `plan validate`'s success line; nil while the file has errors.
    public var proof: NoLossProof? { hasErrors ? nil : noLoss }
}

/// The no-loss check's claim about a plan: in every order the graph allows its nodes to run (one node
/// per step and target), no journal report is lost (JP401).
public struct NoLossProof: Sendable, Equatable {
    /// The nodes whose every order was checked (a step with three servers is three nodes).
    public var nodes: Int
    public var steps: Int

    public init(nodes: Int, steps: Int) {
        self.nodes = nodes
        self.steps = steps
    }

    /// `no-loss: every order of 14 nodes checked`.
    public var summary: String { "no-loss: every order of \(nodes) node\(nodes == 1 ? "" : "s") checked" }
}

/// The validate pipeline: load → decode → compile the step graph → rules (ordering, values, no-loss).
public struct PlanValidator: Sendable {
    public var loader: YAMLLoader
    public var decoder: PlanDecoder
    public var rules: [any PlanRule.Type]

    public init(
        loader: YAMLLoader = YAMLLoader(), decoder: PlanDecoder = PlanDecoder(),
        rules: [any PlanRule.Type] = RuleRegistry.rules
    ) {
        self.loader = loader
        self.decoder = decoder
        self.rules = rules
    }

    public func validate(_ bytes: [UInt8], file: String) -> ValidationResult {
        let decoding: Decoding
        switch loadAndDecode(bytes, file: file) {
        case .failure(let diagnostic):
            return ValidationResult(file: file, diagnostics: [diagnostic])
        case .success(let result):
            decoding = result
        }
        let (decoded, decodeDiagnostics) = decoding
        guard let (plan, index) = decoded else {
            return ValidationResult(file: file, diagnostics: decodeDiagnostics.sortedForOutput())
        }
        switch GraphCompiler().compile(plan, index: index) {
        case .failure(let diagnostic):
            return ValidationResult(file: file, diagnostics: decodeDiagnostics + [diagnostic], plan: plan)
        case .success(let graph):
            let context = RuleContext(plan: plan, graph: graph)
            var diagnostics = decodeDiagnostics
            for rule in rules { diagnostics += rule.check(context) }
            // The claim holds only when JP401 ran on the exact model (no JP213 conflicts) and found nothing.
            let checkedNoLoss =
                rules.contains { $0 == NoJournalLoss.self } && context.analysis.noLoss != nil
                && !diagnostics.contains { $0.ruleID == NoJournalLoss.descriptor.id }
            return ValidationResult(
                file: file, diagnostics: diagnostics.sortedForOutput(), plan: plan, graph: graph,
                noLoss: checkedNoLoss ? NoLossProof(nodes: graph.nodeCount, steps: graph.steps.count) : nil)
        }
    }

    private typealias Decoding = (plan: (Plan, PlanIndex)?, diagnostics: [Diagnostic])

    /// Loads and decodes the file. The YAML tree is a local here, so it is freed on return, before the
    /// graph and the analysis are built: they reuse its memory instead of touching fresh pages.
    private func loadAndDecode(_ bytes: [UInt8], file: String) -> Result<Decoding, Diagnostic> {
        loader.load(bytes, file: file).map { root in decoder.decodeIndexed(root, file: file) }
    }

    /// Validates a plan given as text (tests and examples).
    public func validate(text: String, file: String = "plan.yaml") -> ValidationResult {
        validate(Array(text.utf8), file: file)
    }
}
