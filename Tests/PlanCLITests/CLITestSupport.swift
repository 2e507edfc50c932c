import Foundation
import JournalPlanTestSupport

/// Runs the built `plan` executable end to end.
struct PlanCLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var repositoryRoot: URL { Repository.root }

    /// The `plan` binary next to the test bundle (same build directory).
    static var executable: URL { Repository.builtExecutable("plan") }

    /// Runs `plan args…` (or another built `program`, such as `plan-stages`) in `directory` (default: the
    /// repository root), feeding `stdin` if given; with `stdoutPath`, standard output goes to that file (for
    /// example `/dev/full`) and `stdout` is empty.
    static func run(
        _ args: [String], program: String = "plan", stdin: String? = nil, directory: URL? = nil,
        environment: [String: String] = [:], stdoutPath: String? = nil, unsetNoColor: Bool = false
    ) throws -> Output {
        let process = Process()
        process.executableURL = Repository.builtExecutable(program)
        process.arguments = args
        process.currentDirectoryURL = directory ?? repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // A fixed clock: the example plans' windows (December 2026) stay ahead (JP313) whenever tests run.
        env["JOURNALPLAN_NOW"] = "2026-12-01T00:00:00Z"
        for (k, v) in environment { env[k] = v }
        if unsetNoColor { env["NO_COLOR"] = nil }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        let file = stdoutPath.flatMap { FileHandle(forWritingAtPath: $0) }
        process.standardOutput = file ?? out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if file != nil { try out.fileHandleForWriting.close() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
