import Foundation
import Testing

@testable import plan

/// Every subcommand's output is checked: standard output on a full device is a write error, exit 2 with a
/// message, never a crash (issue 17: `plan validate > /dev/full` died with SIGILL).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
struct OutputErrorTests {
    static let plan = "plans/exchange-2016-two-servers.yaml"

    /// One invocation per subcommand (and the root's --help and --version), each writing to standard output.
    static let invocations: [[String]] = [
        ["validate", plan], ["validate", "--format", "sarif", plan], ["compile", plan], ["graph", plan],
        ["explain", plan], ["diff", plan, "plans/exchange-2019-standard-journaling.yaml"], ["rules"],
        ["rules", "JP201"], ["schema"], ["init"], ["run", "--dry-run", plan], ["--help"], ["--version"],
        ["validate", "--help"],
    ]

    @Test(arguments: invocations)
    func aFullStandardOutputExitsTwo(_ args: [String]) throws {
        let out = try PlanCLI.run(args, stdoutPath: "/dev/full")
        #expect(out.status == 2, "\(args): \(out.stderr)")
        #expect(out.stderr.contains("standard output: cannot be written (No space left on device)"), "\(args): \(out.stderr)")
        #expect(!out.stderr.contains("Fatal error"))
    }

    @Test func aSimulatedRunReportsTheWriteErrorAfterFinishing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = PlanCLI.repositoryRoot.appendingPathComponent(Self.plan).path
        let out = try PlanCLI.run(["run", plan, "--simulate", "--yes", "--approve", "delete-pop3"], directory: dir, stdoutPath: "/dev/full")
        #expect(out.status == 2, "\(out.stderr)")
        #expect(out.stderr.contains("standard output: cannot be written"))
        #expect(out.stderr.contains("the run ended with exit status 0"))
    }

    /// Standard error on a full device loses the notes but never crashes a command (a held state's note
    /// went through FileHandle.write: SIGILL, exit 132).
    @Test func aFullStandardErrorNeverCrashes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-full-err-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = PlanCLI.repositoryRoot.appendingPathComponent(Self.plan).path
        let first = try PlanCLI.run(["run", plan, "--simulate", "--yes", "--approve", "delete-pop3"], directory: dir)
        #expect(first.status == 0)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let process = Process()
        process.executableURL = PlanCLI.executable
        process.arguments = ["run", plan, "--simulate", "--yes", "--approve", "delete-pop3"]  // a state exists, no --resume: an error note
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = full
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 2)
        for args in [["validate", "plans/does-not-exist.yaml"], ["compile", "Tests/PlanCLITests/Fixtures/validate/jp001-yaml-syntax.yaml"], ["init", "--region", "xx"]] {
            let p = Process()
            p.executableURL = PlanCLI.executable
            p.arguments = args
            p.currentDirectoryURL = PlanCLI.repositoryRoot
            p.standardOutput = FileHandle.nullDevice
            p.standardError = full
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationReason == .exit && p.terminationStatus != 132, "\(args)")
        }
    }

    /// In process: the command returns its status to ``PlanCommand/execute(_:)``, which decides it once.
    @Test func inProcessTheStatusIsReturnedNotExited() async throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let errors = try TemporaryOutput()
        let status = await Terminal.$output.withValue(OutputChannel(fd: full, name: "standard output")) {
            await Terminal.$errors.withValue(errors.channel) {
                await PlanCommand.execute(["schema"])
            }
        }
        #expect(status == 2)
        #expect(try errors.text() == "plan: error: standard output: cannot be written (No space left on device)\n")

        let output = try TemporaryOutput()
        let ok = await Terminal.$output.withValue(output.channel) {
            await PlanCommand.execute(["validate", Self.plan])
        }
        #expect(ok == 0)
        #expect(try output.text().hasSuffix("0 errors, 0 warnings in 1 file\n"))
    }
}

/// A temporary file opened for writing, as an ``OutputChannel`` for in-process runs.
final class TemporaryOutput {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("jp-out-\(UUID().uuidString)")
    let channel: OutputChannel

    init() throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        channel = OutputChannel(fd: fd, name: "standard output")
    }

    func text() throws -> String { try String(contentsOf: url, encoding: .utf8) }

    deinit {
        close(channel.fd)
        try? FileManager.default.removeItem(at: url)
    }
}
