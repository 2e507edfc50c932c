import Foundation
import Testing

/// The benchmark executables parse their arguments like `plan` does: a bad command line is a usage error
/// (exit 64) with a message, never a crash.
@Suite struct BenchToolsCLITests {
    static let plan = "plans/exchange-2016-two-servers.yaml"

    @Test(arguments: [
        ["--runs"], ["--runs", "many"], ["--runs", "0"], ["--unknown"],
    ])
    func planStagesRefusesABadCommandLine(_ extra: [String]) throws {
        let out = try PlanCLI.run([Self.plan] + extra, program: "plan-stages")
        #expect(out.status == 64, "plan-stages \(extra): \(out.stderr)")
        #expect(out.stderr.contains("Error:"))
    }

    @Test func planStagesRefusesAFileItCannotRead() throws {
        let missing = try PlanCLI.run(["no/such/plan.yaml"], program: "plan-stages")
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("cannot read 'no/such/plan.yaml'"))
        let notYAML = try PlanCLI.run(["Package.swift"], program: "plan-stages")
        #expect(notYAML.status == 64)
        #expect(notYAML.stderr.contains("plan validate"))
    }

    @Test func planStagesTimesEveryStage() throws {
        let out = try PlanCLI.run([Self.plan, "--runs", "1"], program: "plan-stages")
        #expect(out.status == 0, "\(out.stderr)")
        for stage in ["load", "decode", "graph", "shared analysis", "validate total", "render script"] {
            #expect(out.stdout.contains("\n\(stage) "), "missing stage \(stage)")
        }
    }

    /// Issue 18: the outage table, the script's structure the same for 1 and 20 servers (4 sequential
    /// service waits), and plan run's simulated outage the same.
    @Test func planBenchPrintsTheOutageTable() throws {
        let out = try PlanCLI.run(["--outage", "--servers", "1,20"], program: "plan-bench")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("| 1 | 82 s | 1.00× | 4 | 81.0 s | 1.00× |"), "\(out.stdout)")
        #expect(out.stdout.contains("| 20 | 82 s | 1.00× | 4 | 81.0 s | 1.00× |"), "\(out.stdout)")
        let bad = try PlanCLI.run(["--outage", "--servers", "1,x"], program: "plan-bench")
        #expect(bad.status == 64 && bad.stderr.contains("--servers must be positive whole numbers"))
    }

    @Test(arguments: [["--runs"], ["--runs", "0"], ["--keep"], ["--bogus"]])
    func planBenchRefusesABadCommandLine(_ args: [String]) throws {
        let out = try PlanCLI.run(args, program: "plan-bench")
        #expect(out.status == 64, "plan-bench \(args): \(out.stderr)")
        #expect(out.stderr.contains("Error:"))
    }
}
