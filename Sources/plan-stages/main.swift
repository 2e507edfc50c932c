import Foundation
import JournalPlanCore

// plan-stages: where the time of one `plan validate` / `plan compile` goes, stage by stage, in process.
// The whole-process numbers come from plan-bench; this breaks them down (docs/performance.md).
//
//   swift build -c release --product plan-stages && .build/release/plan-stages FILE [--runs N]

func cpuNow() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("usage: plan-stages FILE [--runs N]\n".utf8))
    exit(2)
}
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[$0 + 1]) } ?? 5
let bytes = [UInt8](data)
var samples: [String: [Double]] = [:]
var order: [String] = []
@MainActor func record(_ name: String, _ ms: Double) {
    if samples[name] == nil { order.append(name) }
    samples[name, default: []].append(ms)
}
@MainActor func timed<T>(_ name: String, _ body: () -> T) -> T {
    let start = cpuNow()
    let value = body()
    record(name, cpuNow() - start)
    return value
}

for _ in 0..<runs {
    let total = cpuNow()
    guard case .success(var root) = timed("load", { YAMLLoader().load(bytes, file: path) }) else {
        print("the file does not load"); exit(1)
    }
    let (decoded, _) = timed("decode", { PlanDecoder().decode(root, file: path) })
    timed("free the YAML tree", { root = YAMLNode(content: .sequence([]), range: root.range) })
    guard let plan = decoded, case .success(let graph) = timed("graph", { GraphCompiler().compile(plan) }) else {
        print("the plan does not compile"); exit(1)
    }
    let context = timed("shared analysis", { RuleContext(plan: plan, graph: graph) })
    for rule in RuleRegistry.rules {
        _ = timed("rule \(rule.descriptor.id)", { rule.check(context) })
    }
    record("validate total", cpuNow() - total)
    let script = timed("render script", {
        PowerShellRenderer.renderUTF8(graph: graph, planSHA256: String(repeating: "0", count: 64), toolVersion: "bench")
    })
    record("render bytes (KiB)", Double(script.count) / 1024)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
print("plan-stages: \(path), median of \(runs) runs, CPU ms")
for name in order {
    let value = median(samples[name]!)
    if name.hasPrefix("rule"), value < 1 { continue }
    print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "%9.1f", value))
}
