import ArgumentParser
import Foundation
import JournalPlanCore

// plan-stages: where the time of one `plan validate` / `plan compile` goes, stage by stage, in process.
// The whole-process numbers come from plan-bench; this breaks them down (docs/performance.md).
//
//   swift build -c release --product plan-stages && .build/release/plan-stages FILE [--runs N]

struct PlanStages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-stages",
        abstract: "Times each stage of validating and compiling one plan, in process (CPU ms, median).",
        discussion: "Example: plan-stages plans/exchange-2016-two-servers.yaml --runs 9")

    @Argument(help: ArgumentHelp("The plan to measure.", valueName: "plan-file"))
    var file: String

    @Option(help: ArgumentHelp("How many times to run every stage; the median is printed.", valueName: "count"))
    var runs = 5

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1.") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read '\(file)'.")
        }
        var stages = StageTimes()
        for _ in 0..<runs {
            try stages.measureOnce([UInt8](data), path: file)
        }
        print("plan-stages: \(file), median of \(runs) runs, CPU ms")
        for (name, value) in stages.medians() where !(name.hasPrefix("rule") && value < 1) {
            print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "%9.1f", value))
        }
    }
}

/// CPU time (user + system) of this process so far, in milliseconds.
func cpuNow() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
}

/// The samples of every stage, in the order the stages first ran.
struct StageTimes {
    private var samples: [String: [Double]] = [:]
    private var order: [String] = []

    mutating func record(_ name: String, _ ms: Double) {
        if samples[name] == nil { order.append(name) }
        samples[name, default: []].append(ms)
    }

    mutating func timed<T>(_ name: String, _ body: () -> T) -> T {
        let start = cpuNow()
        let value = body()
        record(name, cpuNow() - start)
        return value
    }

    func medians() -> [(String, Double)] {
        order.map { name in
            let sorted = samples[name, default: []].sorted()
            return (name, sorted[sorted.count / 2])
        }
    }

    mutating func measureOnce(_ bytes: [UInt8], path: String) throws {
        let total = cpuNow()
        guard case .success(var root) = timed("load", { YAMLLoader().load(bytes, file: path) }) else {
            throw ValidationError("'\(path)' does not load as YAML; run `plan validate` on it for the details.")
        }
        let (decoded, _) = timed("decode", { PlanDecoder().decode(root, file: path) })
        timed("free the YAML tree", { root = YAMLNode(content: .sequence([]), range: root.range) })
        guard let plan = decoded, case .success(let graph) = timed("graph", { GraphCompiler().compile(plan) }) else {
            throw ValidationError("'\(path)' does not compile; run `plan validate` on it for the details.")
        }
        let context = timed("shared analysis", { RuleContext(plan: plan, graph: graph) })
        for rule in RuleRegistry.rules {
            _ = timed("rule \(rule.descriptor.id)", { rule.check(context) })
        }
        record("validate total", cpuNow() - total)
        let script = timed("render script") {
            PowerShellRenderer.renderUTF8(
                graph: graph, planSHA256: String(repeating: "0", count: 64), toolVersion: "bench")
        }
        record("render bytes (KiB)", Double(script.count) / 1024)
    }
}

PlanStages.main()
