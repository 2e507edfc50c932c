import Foundation
import Testing

/// README's tour is true (issue 20): each line of its pasteable block runs, in order, in a copy of the
/// repository's plans and schemas, and succeeds (`plan diff` exits 1: the plans differ).
@Suite struct ReadmeTourTests {
    static func tourLines() throws -> [String] {
        let readme = try String(contentsOf: PlanCLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- tour:begin -->\n```sh\n"))
        let end = try #require(readme.range(of: "```\n<!-- tour:end -->", range: start.upperBound..<readme.endIndex))
        return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
    }

    @Test func everyCommandHasOneExampleThatRuns() throws {
        let lines = try Self.tourLines()
        let commands = lines.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
        #expect(Set(commands) == ["init", "validate", "compile", "explain", "graph", "diff", "run", "rules", "schema"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-tour-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        try fm.copyItem(at: PlanCLI.repositoryRoot.appendingPathComponent("plans"), to: dir.appendingPathComponent("plans"))
        try fm.createDirectory(at: dir.appendingPathComponent("schemas"), withIntermediateDirectories: true)
        for line in lines {
            // The command as a shell would run it, without the comment, with `plan` being the built binary.
            let command = line.components(separatedBy: "   #").first!.components(separatedBy: "  #").first!
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.currentDirectoryURL = dir
            process.arguments = ["-c", command]
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = PlanCLI.executable.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            env["NO_COLOR"] = "1"
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let expected: Int32 = command.hasPrefix("plan diff") ? 1 : 0
            #expect(process.terminationStatus == expected, "\(command): \(stderr)")
            // What a comment promises is what the command prints.
            if let quoted = line.components(separatedBy: "# \"").dropFirst().first?.split(separator: "\"").first {
                let check = Process()
                check.executableURL = URL(fileURLWithPath: "/bin/sh")
                check.currentDirectoryURL = dir
                check.arguments = ["-c", command]
                check.environment = env
                let out = Pipe()
                check.standardOutput = out
                try check.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                check.waitUntilExit()
                #expect(text.contains(String(quoted)), "\(command) does not print \(quoted)")
            }
        }
        for file in ["plans/cutover.yaml", "cutover.ps1", "RUNBOOK.md", "graph.dot", "schemas/plan.schema.json"] {
            #expect(fm.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) was not written")
        }
    }
}
