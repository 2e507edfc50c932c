import JournalPlanCore

/// libFuzzer entry: what `plan compile` does with a file. Validate; when the plan has no errors and its
/// Exchange version has a Management Shell, render the PowerShell script.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = PlanValidator().validate(bytes, file: "fuzz.yaml")
    guard !result.hasErrors, let graph = result.graph,
        graph.plan.exchange.version.value.isScriptable
    else { return 0 }
    let script = PowerShellRenderer.renderUTF8(graph: graph, planSHA256: "0", toolVersion: "fuzz")
    precondition(!script.isEmpty, "empty script for a valid plan")
    var streamed: [UInt8] = []
    PowerShellRenderer.render(graph: graph, planSHA256: "0", toolVersion: "fuzz") { streamed += $0 }
    precondition(streamed == script, "the streamed script differs from the rendered one")
    return 0
}
