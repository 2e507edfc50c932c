import JournalPlanCore

/// libFuzzer entry: any bytes through the whole `plan validate` pipeline (load → decode → graph → every
/// rule), then through each output format the command offers. Invariant checked beyond "no crash": every
/// diagnostic is positioned at line ≥ 1, column ≥ 1.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = PlanValidator().validate(bytes, file: "fuzz.yaml")
    let source = SourceText(bytes: bytes)
    let formatter = TextDiagnosticFormatter(colorize: false)
    for diagnostic in result.diagnostics {
        let start = diagnostic.location.range.start
        precondition(start.line >= 1 && start.column >= 1, "unpositioned diagnostic \(diagnostic.ruleID)")
        _ = formatter.format(diagnostic, source: source)
    }
    _ = JSONDiagnosticFormatter.document([result]).rendered(pretty: true)
    // The driver's rule catalogue does not depend on the input; only the rules that fired are listed, so
    // each run spends its time on the input-dependent part.
    let fired = Set(result.diagnostics.map(\.ruleID))
    let rules = RuleRegistry.descriptors.filter { fired.contains($0.id) }
    _ = SARIFFormatter.document([result], toolVersion: "fuzz", rules: rules).rendered(pretty: true)
    _ = GitHubAnnotationFormatter.lines([result])
    return 0
}
