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
            "init", "--exchange-version", "2019", "--journaling", "standard", "--servers", "MBX01,MBX02", "--databases",
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

    /// `--exchange-version` names the Exchange version (`--version` is the tool's); the old spelling still
    /// works but is hidden from help.
    @Test func exchangeVersionAndItsHiddenOldSpelling() throws {
        let new = try PlanCLI.run(["init", "--exchange-version", "2019"])
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.contains("  version: \"2019\"\n"))
        let old = try PlanCLI.run(["init", "--version", "2019"])
        #expect(old.status == 0)
        #expect(old.stdout == new.stdout || old.stdout.contains("  version: \"2019\"\n"))
        let help = try PlanCLI.run(["init", "--help"]).stdout
        #expect(help.contains("--exchange-version <version>"))
        #expect(!help.contains("--version <"))
        let both = try PlanCLI.run(["init", "--exchange-version", "2019", "--version", "2016"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--exchange-version once"))
        #expect(try PlanCLI.run(["--version"]).stdout.hasPrefix("0."))
    }

    @Test func takesTheNDRMailboxTheDomainControllerAndTheWindow() throws {
        let out = try PlanCLI.run([
            "init", "--exchange-version", "2016", "--servers", "EX01,EX02", "--ndr-mailbox", "ndr@contoso.com",
            "--domain-controller", "DC01.contoso.com", "--window", "2026-12-05T20:00:00Z/2026-12-06T02:00:00Z",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("  ndrMailbox: ndr@contoso.com"))
        #expect(out.stdout.contains("  domainController: DC01.contoso.com"))
        // Timestamps are quoted so YAML 1.1 tools (PyYAML) read text, as plan does.
        #expect(out.stdout.contains("  start: \"2026-12-05T20:00:00+00:00\"\n  end: \"2026-12-06T02:00:00+00:00\"\n"))
        let validated = try PlanCLI.run(["validate", "-"], stdin: out.stdout)
        #expect(validated.status == 0, "\(validated.stdout)")
    }

    @Test(arguments: [
        ["--window", "2026-12-05T20:00:00Z"], ["--window", "2026-12-06T02:00:00Z/2026-12-05T20:00:00Z"],
        ["--window", "tonight/tomorrow"], ["--ndr-mailbox", "not an address"],
        ["--ndr-mailbox", "ndr@journal.contoso.com"], ["--domain-controller", "DC 01"],
        ["--exchange-version", "online", "--domain-controller", "DC01"],
    ])
    func badNewOptionsExitTwoNamingTheOption(_ args: [String]) throws {
        let out = try PlanCLI.run(["init"] + args)
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        let option = try #require(args.last { $0.hasPrefix("--") })
        #expect(out.stderr.contains(option) || out.stderr.contains("Exchange Online"), "\(out.stderr)")
    }

    /// The schema line points at a file the user can create: the plan says how, and `-o` says so when the
    /// file is missing.
    @Test func theSchemaLineSaysHowToCreateTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let out = try PlanCLI.run(["init", "-o", "plans/cutover.yaml"], directory: dir)
        #expect(out.status == 0)
        #expect(out.stderr.contains("create it with: plan schema > schemas/plan.schema.json"), "\(out.stderr)")
        let written = try String(contentsOf: dir.appendingPathComponent("plans/cutover.yaml"), encoding: .utf8)
        #expect(written.contains("`plan schema > ../schemas/plan.schema.json`"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("schemas"), withIntermediateDirectories: true)
        let schema = try PlanCLI.run(["schema"]).stdout
        try schema.write(to: dir.appendingPathComponent("schemas/plan.schema.json"), atomically: true, encoding: .utf8)
        let again = try PlanCLI.run(["init", "-o", "plans/second.yaml"], directory: dir)
        #expect(again.status == 0)
        #expect(again.stderr.isEmpty, "the schema exists now")
    }

    @Test func printsToStandardOutputByDefault() throws {
        let out = try PlanCLI.run(["init", "--exchange-version", "online"])
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
