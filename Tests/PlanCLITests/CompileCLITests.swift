import Foundation
import JournalPlanCore
import JournalPlanDigest
import Testing

/// `plan compile`, `plan graph` and `plan explain`, end to end.
@Suite struct CompileCLITests {
    static let plan2016 = "plans/exchange-2016-two-servers.yaml"

    static func golden(_ name: String) throws -> String {
        let url = PlanCLI.repositoryRoot.appendingPathComponent("Tests/JournalPlanCoreTests/Golden").appendingPathComponent(name)
        // As bytes: String(contentsOf:encoding:) would drop the script's byte-order mark.
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    @Test func compileToStdoutMatchesTheGolden() throws {
        let out = try PlanCLI.run(["compile", Self.plan2016])
        #expect(out.status == 0)
        #expect(out.stderr.isEmpty)
        // The golden is rendered with tool version 0.1.0, the version of this build.
        #expect(JournalPlanVersion.current == "0.1.0")
        #expect(out.stdout == (try Self.golden("exchange-2016-two-servers.ps1")))
    }

    @Test func compileWritesTheOutputFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cutover.ps1")
        let out = try PlanCLI.run(["compile", Self.plan2016, "-o", file.path])
        #expect(out.status == 0)
        #expect(out.stdout.isEmpty)
        let bytes = try Data(contentsOf: file)
        // UTF-8 with a byte-order mark: Windows PowerShell reads the file as UTF-8, not in the ANSI code page.
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(written.hasPrefix("\u{FEFF}#Requires -Version 3.0"))
        #expect(written.contains("Plan SHA-256: "))
    }

    /// 300 servers and 300 rules: a script of several 256 KiB chunks, streamed to the file.
    static let largePlan = ExamplePlan.text(
        servers: (1...300).map { "EX\($0)" }, rules: (1...300).map { "Journal Rule \($0)" })

    @Test func aLargeScriptIsStreamedWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cutover.ps1")
        try "an older script".write(to: file, atomically: true, encoding: .utf8)
        let refused = try PlanCLI.run(["compile", "-", "-o", file.path], stdin: Self.largePlan)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("exists; use --force to overwrite it"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "an older script")
        let out = try PlanCLI.run(["compile", "-", "-o", file.path, "--force"], stdin: Self.largePlan)
        #expect(out.status == 0)
        #expect(out.stderr.isEmpty)

        let result = PlanValidator().validate(text: Self.largePlan, file: "<stdin>")
        let graph = try #require(result.graph)
        let expected = PowerShellRenderer.renderUTF8(
            graph: graph, planSHA256: SHA256.hex(Array(Self.largePlan.utf8)), toolVersion: JournalPlanVersion.current)
        #expect(expected.count > 3 * 256 * 1024)
        #expect(try [UInt8](Data(contentsOf: file)) == expected)
        // Written beside the destination and renamed into place: nothing else is left in the directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["cutover.ps1"])

        let stdout = try PlanCLI.run(["compile", "-"], stdin: Self.largePlan)
        #expect(Array(stdout.stdout.utf8) == expected)
    }

    @Test func anUnwritableDestinationExitsTwoAndLeavesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("missing-directory/cutover.ps1")
        let out = try PlanCLI.run(["compile", Self.plan2016, "-o", file.path])
        #expect(out.status == 2)
        #expect(out.stderr.contains("cannot be written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDeviceIsAWriteErrorNotSuccess() throws {
        // A device is written directly (never replaced); its write error exits 2.
        let out = try PlanCLI.run(["compile", Self.plan2016, "-o", "/dev/full"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("/dev/full: cannot be written"))
    }

    @Test func compileRefusesAnInvalidPlan() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-compile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("never.ps1")
        let invalid = ExamplePlan.text(steps: ExamplePlan.cutoverSteps.replacingOccurrences(
            of: "  - { id: stop-transport, action: stop-transport }\n", with: ""))
        let out = try PlanCLI.run(["compile", "-", "-o", file.path], stdin: invalid)
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("<stdin>:"))
        #expect(out.stderr.contains("error:"))
        #expect(out.stderr.contains("nothing was generated"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func compileRefusesExchange2003() throws {
        let plan = """
            plan: journal-migration/v1
            name: old-2003
            exchange:
              version: "2003"
              journaling: standard
              transportServers: [EXCH01]
              databases: [DB01]
              journalMailbox: journal@contoso.com
              ndrMailbox: journal-ndr@contoso.com
            contact:
              name: Mimecast Journaling
              alias: MimecastJournaling
              address: journaling@journal.contoso.com
            domain:
              name: journal.contoso.com
              region: eu
            connectors:
              - { id: pop3, transport: pop3, description: Exchange POP3 Journal, mailbox: journal@contoso.com }
              - { id: smtp, transport: smtp, description: Exchange SMTP Journal, address: journaling@journal.contoso.com }
            steps:
              - { id: create-contact, action: create-contact }
              - { id: request-domain, action: request-journal-domain }
              - { id: create-smtp-connector, action: create-connector, connector: smtp }
              - { id: repoint, action: set-journal-recipient, to: contact, note: "In ESM, set the store's journal recipient." }
              - { id: confirm, action: confirm-journaling, timeout: 30m }
              - { id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }
              - { id: delete-pop3, action: delete-connector, connector: pop3 }

            """
        let validate = try PlanCLI.run(["validate", "-"], stdin: plan)
        #expect(validate.status == 0, "\(validate.stdout)")
        let out = try PlanCLI.run(["compile", "-"], stdin: plan)
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("Exchange 2003 has no Exchange Management Shell"))
        #expect(out.stderr.contains("plan explain"))
        let explain = try PlanCLI.run(["explain", "-"], stdin: plan)
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("# Runbook: old-2003"))
        #expect(explain.stdout.contains("has no Exchange Management Shell"))
        #expect(!explain.stdout.contains("Get-"))
        #expect(!explain.stdout.contains("-Rollback"))
    }

    @Test func compileOfAMissingFileExitsTwo() throws {
        let out = try PlanCLI.run(["compile", "plans/no-such-plan.yaml"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("no such file"))
    }

    @Test(arguments: [("mermaid", "mmd"), ("dot", "dot")])
    func graphMatchesTheGolden(_ format: String, _ ext: String) throws {
        let out = try PlanCLI.run(["graph", Self.plan2016, "--format", format])
        #expect(out.status == 0)
        #expect(out.stdout == (try Self.golden("exchange-2016-two-servers.\(ext)")))
    }

    @Test func graphJSONListsStepsAndNodes() throws {
        let out = try PlanCLI.run(["graph", Self.plan2016, "--format", "json"])
        #expect(out.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["key"] as? String }.contains("stop-transport@EX02"))
        #expect((object["steps"] as? [Any])?.count == 12)
    }

    @Test func graphRejectsAnUnknownFormat() throws {
        let out = try PlanCLI.run(["graph", Self.plan2016, "--format", "svg"])
        #expect(out.status == 2)
    }

    @Test func explainMatchesTheGolden() throws {
        let out = try PlanCLI.run(["explain", Self.plan2016])
        #expect(out.status == 0)
        #expect(out.stdout == (try Self.golden("exchange-2016-two-servers.md")))
    }
}

/// `-o FILE` means the same for every command that writes a file (issue 20): written whole, an existing
/// file refused without `--force` (exit 2, untouched), overwritten with it.
@Suite struct OutputFileCLITests {
    static let plan = PlanCLI.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path

    static let commands: [[String]] = [
        ["compile", plan], ["explain", plan], ["graph", plan], ["graph", plan, "--format", "dot"], ["init"],
    ]

    @Test(arguments: commands)
    func anExistingFileIsRefusedWithoutForce(_ command: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-o-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out")
        let first = try PlanCLI.run(command + ["-o", file.path], directory: dir)
        #expect(first.status == 0, "\(command): \(first.stderr)")
        #expect(first.stdout.isEmpty)
        // As bytes: String(contentsOf:) would drop the script's byte-order mark.
        let written = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let toStdout = try PlanCLI.run(command, directory: dir)
        if command[0] != "init" {  // init's default window depends on the day
            #expect(written == toStdout.stdout, "\(command): -o writes what standard output gets")
        }
        try "keep me".write(to: file, atomically: true, encoding: .utf8)
        let refused = try PlanCLI.run(command + ["-o", file.path], directory: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(file.path) exists; use --force to overwrite it"), "\(refused.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")
        let forced = try PlanCLI.run(command + ["-o", file.path, "--force"], directory: dir)
        #expect(forced.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) != "keep me")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty)
    }

    @Test func graphWritesItsFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jp-graph-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let out = try PlanCLI.run(["graph", Self.plan, "--format", "json", "-o", file.path])
        #expect(out.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect(doc?["nodes"] != nil)
    }
}
