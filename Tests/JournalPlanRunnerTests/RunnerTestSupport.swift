import Foundation
import JournalPlanCore
@testable import JournalPlanRunner
import JournalPlanTestSupport

/// Collects what a run says, for assertions.
final class RecordingConsole: RunConsole, @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    /// The answer to typed confirmations (nil: nobody at a terminal).
    let typed: String?

    init(typed: String? = nil) { self.typed = typed }

    var lines: [String] { lock.withLock { _lines } }
    var text: String { lines.joined(separator: "\n") }

    func say(_ line: String) { lock.withLock { _lines.append(line) } }
    func note(_ line: String) { lock.withLock { _lines.append(line) } }
    func progress(_ line: String) {}
    func confirm(_ reason: GateReason, expected: String) -> Bool? { typed.map { $0 == expected } }
}

enum Fixtures {
    static var repositoryRoot: URL { Repository.root }

    static var planPaths: [String] {
        Repository.files(in: "plans", endingIn: ".yaml").map { repositoryRoot.appendingPathComponent("plans/" + $0).path }
    }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    static func graph(_ path: String) -> StepGraph? {
        PlanValidator().validate(bytes(path), file: path).graph
    }

    /// Every step id of a plan: `--approve` for all, where a test means every person's step approved.
    static func stepIDs(_ path: String) -> Set<String> { Set(graph(path)?.steps.map(\.id.value) ?? []) }

    /// A fresh directory for one test's state files.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "jp-runner-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `plan` simulated with `configure` applied to the options; returns the exit, the console, and the
    /// simulation report (parsed) when one was written.
    static func simulate(
        _ plan: String, directory: String, configure: (inout RunOptions) -> Void = { _ in }
    ) async -> (RunExit, RecordingConsole, [String: Any]) {
        var options = RunOptions()
        options.exchange = .simulate
        options.mimecast = .simulate
        options.statePath = directory + "/run.state.json"
        options.reportPath = directory + "/report.json"
        options.traffic = 1000
        configure(&options)
        let console = RecordingConsole()
        let exit = await PlanRunner(options: options, console: console).run(bytes(plan), file: plan)
        let report = options.reportPath.flatMap { FileManager.default.contents(atPath: $0) }
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        return (exit, console, report)
    }
}
