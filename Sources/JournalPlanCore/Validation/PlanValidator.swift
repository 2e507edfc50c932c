/// Everything `plan validate` learns about one file.
public struct ValidationResult: Sendable {
    public var file: String
    public var diagnostics: [Diagnostic]
    /// The decoded plan, when it decoded without errors.
    public var plan: Plan?
    /// The step graph, when the plan compiled into one.
    public var graph: StepGraph?

    public var hasErrors: Bool { diagnostics.hasErrors }
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
            return ValidationResult(
                file: file, diagnostics: diagnostics.sortedForOutput(), plan: plan, graph: graph)
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
