import ArgumentParser
import Foundation

// plan-bench: whole-process timings of `plan validate` and `plan compile` on a typical plan and on
// generated large plans, beside a raw libyaml parse of the same file (docs/design.md §8, docs/performance.md).
//
//   swift build -c release && .build/release/plan-bench [--runs N] [--keep DIR]
//   .build/release/plan-bench --keep DIR --generate-only    (writes the plans, prints "path<TAB>name")
//   .build/release/plan-bench --outage [--servers 1,2,20,200,2000] [--script-only]  (issue 18: the outage table)

struct Measurement {
    var wallMs: Double
    var cpuMs: Double
    var maxRSSMiB: Double
    var status: Int32
}

/// Runs a command with output discarded and returns its wall time, CPU time and peak memory.
func measure(_ argv: [String]) -> Measurement {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    let start = DispatchTime.now()
    let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
    posix_spawn_file_actions_destroy(&actions)
    guard rc == 0 else { return Measurement(wallMs: 0, cpuMs: 0, maxRSSMiB: 0, status: -1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    let cpu =
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Measurement(wallMs: wall, cpuMs: cpu, maxRSSMiB: Double(usage.ru_maxrss) / 1024, status: exitCode)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

struct Summary {
    var cpuMs: Double
    var wallMs: Double
    var rssMiB: Double
    var status: Int32
}

func repeatMeasure(_ argv: [String], runs: Int) -> Summary {
    _ = measure(argv)  // warm the page cache
    let samples = (0..<runs).map { _ in measure(argv) }
    return Summary(
        cpuMs: median(samples.map(\.cpuMs)), wallMs: median(samples.map(\.wallMs)),
        rssMiB: samples.map(\.maxRSSMiB).max() ?? 0, status: samples.last?.status ?? -1)
}

struct PlanBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-bench",
        abstract: "Times whole `plan validate` and `plan compile` processes beside a raw libyaml parse.",
        discussion: """
            Runs from the repository root (the typical plan is plans/exchange-2016-two-servers.yaml) and \
            prints a Markdown table. Example: .build/release/plan-bench --runs 3 --keep /tmp/bench
            """)

    @Option(help: ArgumentHelp("Measured runs per case; the median is printed.", valueName: "count"))
    var runs = 5

    @Option(help: ArgumentHelp("Keep the generated plans in this directory.", valueName: "directory"))
    var keep: String?

    @Option(help: ArgumentHelp("The plan executable to measure (default: beside plan-bench).", valueName: "path"))
    var plan: String?

    @Option(help: ArgumentHelp("The raw-parse executable (default: beside plan-bench).", valueName: "path"))
    var raw: String?

    @Flag(help: "Write the plans and print \"path<TAB>name\" per case, without measuring.")
    var generateOnly = false

    @Flag(help: "Print the outage table instead (issue 18): plan run --simulate and the script's structure against one server.")
    var outage = false

    @Option(help: ArgumentHelp("Server counts for --outage, comma-separated.", valueName: "counts"))
    var servers = "1,2,20,200,2000"

    @Flag(help: "With --outage, model the script only (plan run --simulate of 2,000 servers takes tens of minutes).")
    var scriptOnly = false

    var serverCounts: [Int] { servers.split(separator: ",").compactMap { Int($0) } }

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be at least 1.") }
        let counts = servers.split(separator: ",", omittingEmptySubsequences: false)
        guard !counts.isEmpty, counts.allSatisfy({ Int($0).map { $0 > 0 } ?? false }) else {
            throw ValidationError("--servers must be positive whole numbers separated by commas, for example 1,2,20.")
        }
    }

    func run() throws {
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let planBinary = plan ?? binDir.appendingPathComponent("plan").path
        let rawBinary = raw ?? binDir.appendingPathComponent("yaml-parse-raw").path
        let workDir =
            keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("plan-bench-\(getpid())")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        if outage {
            try runOutageBench(plan: planBinary, workDir: workDir, counts: serverCounts, simulate: !scriptOnly)
            if keep == nil { try? FileManager.default.removeItem(at: workDir) }
            return
        }
        let cases = try Self.writeCases(into: workDir)

        if generateOnly {
            for (name, path) in cases { print("\(path)\t\(name)") }
            return
        }

        print("plan-bench: median of \(runs) runs, whole process; CPU = user+sys; RSS = peak")
        print("")
        print(
            "| plan | size | raw libyaml CPU | validate CPU | ratio | validate RSS | compile CPU | ratio | compile RSS | exit |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for (name, path) in cases {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let raw = repeatMeasure([rawBinary, path], runs: runs)
            let validate = repeatMeasure([planBinary, "validate", path], runs: runs)
            let compile = repeatMeasure([planBinary, "compile", path, "-o", "/dev/null"], runs: runs)
            let compileCell =
                compile.status == 0 ? String(format: "%.1f ms", compile.cpuMs) : "n/a (exit \(compile.status))"
            let compileRatio =
                compile.status == 0 ? String(format: "%.1f×", compile.cpuMs / max(raw.cpuMs, 0.01)) : "–"
            print(
                String(
                    format: "| %@ | %.0f KiB | %.1f ms | %.1f ms | %.1f× | %.1f MiB | %@ | %@ | %.1f MiB | %d |", name,
                    Double(size) / 1024, raw.cpuMs, validate.cpuMs, validate.cpuMs / max(raw.cpuMs, 0.01),
                    validate.rssMiB, compileCell, compileRatio, compile.rssMiB, validate.status))
        }
        if keep == nil { try? FileManager.default.removeItem(at: workDir) }
    }

    /// The measured cases: the typical example plan (when run from the repository) and generated large plans.
    static func writeCases(into workDir: URL) throws -> [(name: String, path: String)] {
        var cases: [(name: String, path: String)] = []
        let typical = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("plans/exchange-2016-two-servers.yaml").path
        if FileManager.default.fileExists(atPath: typical) { cases.append(("typical (2016, 2 servers)", typical)) }
        for (label, factor) in [("large 1x", 1), ("large 2x", 2), ("large 4x", 4)] {
            let path = workDir.appendingPathComponent("large-\(factor)x.yaml").path
            let text = PlanGenerator.large(rules: 5000 * factor, servers: 500 * factor)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            cases.append(("\(label): \(5000 * factor) rules, \(500 * factor) servers, \(15000 * factor) steps", path))
        }
        let widePath = workDir.appendingPathComponent("wide-400x40.yaml").path
        try PlanGenerator.wide(servers: 400, rules: 40).write(toFile: widePath, atomically: true, encoding: .utf8)
        cases.append(("wide: 400 parallel server steps x 40 rules", widePath))
        let widestPath = workDir.appendingPathComponent("wide-500x5000.yaml").path
        try PlanGenerator.wide(servers: 500, rules: 5000).write(toFile: widestPath, atomically: true, encoding: .utf8)
        cases.append(("wide: 500 parallel server steps x 5000 rules", widestPath))
        return cases
    }
}

PlanBench.main()
