import Foundation
import Testing

@Suite struct InitCLITests {
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesAPlanThatValidatesAndRefusesToOverwrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = [
            "init", "--version", "2019", "--journaling", "standard", "--servers", "MBX01,MBX02", "--databases",
            "DB01,DB02", "--domain", "journal.northwind.example", "--region", "de", "--name", "northwind-cutover",
            "-o", "starter.yaml",
        ]
        let first = try PlanCLI.run(args, directory: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        let file = dir.appendingPathComponent("starter.yaml")
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.contains("name: northwind-cutover\n"))
        #expect(written.contains("databases: [DB01, DB02]"))
        #expect(written.contains("journalMailbox: journal@northwind.example"))

        let validated = try PlanCLI.run(["validate", file.path])
        #expect(validated.status == 0, "\(validated.stdout)")
        #expect(validated.stdout.contains("0 errors, 0 warnings"))

        let again = try PlanCLI.run(args, directory: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("--force"))
        #expect(try String(contentsOf: file, encoding: .utf8) == written)

        let forced = try PlanCLI.run(args.map { $0 == "northwind-cutover" ? "northwind-second" : $0 } + ["--force"], directory: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("name: northwind-second\n"))
    }

    @Test func printsToStandardOutputByDefault() throws {
        let out = try PlanCLI.run(["init", "--version", "online"])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("# yaml-language-server: $schema=../schemas/plan.schema.json\n"))
        #expect(out.stdout.contains("  version: \"online\"\n"))
        #expect(!out.stdout.contains("transportServers"))
        let validated = try PlanCLI.run(["validate", "-"], stdin: out.stdout)
        #expect(validated.status == 0, "\(validated.stdout)")
    }

    @Test(arguments: [
        ["init", "--version", "2020"], ["init", "--servers", "EX 01"], ["init", "--version", "online", "--servers", "EX01"],
        ["init", "--contact", "journaling@contoso.com"], ["init", "--region", "uk"], ["init", "--journaling", "gold"],
    ])
    func badFlagsExitTwoWithAMessage(_ args: [String]) throws {
        let out = try PlanCLI.run(args)
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("error"))
    }
}
