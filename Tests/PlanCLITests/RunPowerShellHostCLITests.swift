import Foundation
import JournalPlanCore
import Testing

/// `plan run --exchange powershell` against the stand-in host playing the 2016 plan's Exchange organisation
/// (`journalplan-test-host --plan … --estate …`), which answers strictly one request at a time, in order,
/// as a real PowerShell host does. Mimecast is manual: its steps are approved by id.
struct StandInRun {
    static let plan = RunCLITests.plan
    static let approvals = ["request-domain", "create-smtp-connector", "confirm", "drain-pop3", "delete-pop3"]
    static let host = PlanCLI.executable.deletingLastPathComponent().appendingPathComponent("journalplan-test-host").path

    let dir = RunCLITests().temporaryDirectory()
    var faults: [String] = []
    var parallel = 4

    var estatePath: String { dir.appendingPathComponent("estate.json").path }

    var arguments: [String] {
        var shell = "'\(Self.host)' -NoProfile --plan '\(Self.plan)' --estate '\(estatePath)'"
        for fault in faults { shell += " --fault '\(fault)'" }
        return [Self.plan, "--exchange", "powershell", "--mimecast", "manual", "--shell", shell, "--ignore-window",
            "--parallel", "\(parallel)"] + Self.approvals.flatMap { ["--approve", $0] }
    }

    func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> PlanCLI.Output {
        try PlanCLI.run(["run"] + arguments + extra + ["--state", "s.json"], directory: dir, environment: environment)
    }

    /// How many times the stand-in's estate saw each node applied.
    var applies: [String: Int] {
        let object = FileManager.default.contents(atPath: estatePath)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        return object?["applies"] as? [String: Int] ?? [:]
    }

    var state: [String: Any] {
        FileManager.default.contents(atPath: dir.appendingPathComponent("s.json").path)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
    }

    func status(_ key: String) -> String? {
        (state["nodes"] as? [[String: Any]])?.first { $0["key"] as? String == key }?["status"] as? String
    }

    /// The Exchange nodes of the plan (the ones the stand-in applies).
    static var exchangeKeys: [String] {
        let bytes = [UInt8](FileManager.default.contents(atPath: plan) ?? Data())
        guard let graph = PlanValidator().validate(bytes, file: plan).graph else { return [] }
        return graph.nodes.filter { graph.steps[$0.step].kind.system == .exchange }.map { $0.key(in: graph) }
    }
}

@Suite(.serialized) struct RunPowerShellHostCLITests {
    @Test func theTwoServerPlanRunsAtParallel4OnAHostThatAnswersInOrder() throws {
        let run = StandInRun()
        let result = try run.run()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("CONTINUATION MISUSE"))
        #expect(run.state["phase"] as? String == "done")
        let keys = StandInRun.exchangeKeys
        #expect(keys.count == 9)
        for key in keys { #expect(run.applies[key] == 1, "\(key) applied \(run.applies[key] ?? 0)×") }
    }
}
