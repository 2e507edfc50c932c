import JournalPlanCore

/// libFuzzer entry: any bytes through the YAML loader. A finding is a crash, a hang or a leak; a
/// rejected input (a positioned diagnostic) is the expected outcome for most of them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch YAMLLoader().load(bytes, file: "fuzz.yaml") {
    case .success(let node):
        _ = node.range
    case .failure(let diagnostic):
        // A rejection must point inside the file (or at its start).
        let start = diagnostic.location.range.start
        precondition(start.line >= 1 && start.column >= 1, "unpositioned diagnostic \(diagnostic.ruleID)")
    }
    return 0
}
