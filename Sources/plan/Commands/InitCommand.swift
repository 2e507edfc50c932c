import ArgumentParser
import Foundation
import JournalPlanCore

/// `plan init`: writes a commented starter plan that validates as written.
struct InitCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter plan.",
        discussion: """
            The plan validates as written; check every value against your \
            organisation before the cut-over. Lists take comma-separated names \
            (--servers EX01,EX02); --rule and --journal-host repeat.

            Examples:
              plan init -o plans/cutover.yaml
              plan init --exchange-version 2019 --servers EX01,EX02 \\
                --ndr-mailbox journal-ndr@contoso.com \\
                --window 2026-12-05T20:00:00Z/2026-12-06T02:00:00Z \\
                -o plans/cutover.yaml
              plan schema > schemas/plan.schema.json

            The plan's first line points editors (yaml-language-server) at \
            ../schemas/plan.schema.json (--schema changes it); create that file with \
            'plan schema'. -o refuses an existing file unless --force is given (as \
            compile, explain and graph do).

            Exit status: 0 written, 2 a bad option value, the -o file exists \
            (without --force) or the output cannot be written.
            """)

    @Option(
        name: .customLong("exchange-version"),
        help: ArgumentHelp(
            "Exchange version: 2003, 2007, 2010, 2013, 2016, 2019, SE or online (default 2016).", valueName: "version"))
    var exchangeVersion: String?

    /// The spelling before `--exchange-version`, kept so existing scripts keep working; hidden from help
    /// because it reads as the tool's own `--version`.
    @Option(name: .customLong("version"), help: .hidden)
    var legacyVersion: String?

    @Option(help: ArgumentHelp("premium (journal rules) or standard (per-database JournalRecipient).", valueName: "type"))
    var journaling: String?

    @Option(help: ArgumentHelp("Every transport server, comma-separated (not for online).", valueName: "server,..."))
    var servers: String?

    @Option(help: ArgumentHelp("A journal rule to repoint (premium); repeat for each rule.", valueName: "rule-name"))
    var rule: [String] = []

    @Option(help: ArgumentHelp("Mailbox databases to repoint (standard), comma-separated.", valueName: "database,..."))
    var databases: String?

    @Option(help: ArgumentHelp("The journal domain Mimecast accepts, e.g. journal.contoso.com.", valueName: "domain"))
    var domain: String = "journal.contoso.com"

    @Option(help: ArgumentHelp("The contact's address in the journal domain (default journaling@DOMAIN).", valueName: "address"))
    var contact: String?

    @Option(
        help: ArgumentHelp(
            "The journal mailbox the POP3 connector drains (default journal@ the parent of DOMAIN).", valueName: "address"))
    var pop3Mailbox: String?

    @Option(
        help: ArgumentHelp(
            "The mailbox for undeliverable journal reports (default journal-ndr@ the POP3 mailbox's domain).",
            valueName: "address"))
    var ndrMailbox: String?

    @Option(
        help: ArgumentHelp("The domain controller to pin every read and write to (on-premises).", valueName: "host"))
    var domainController: String?

    @Option(
        help: ArgumentHelp(
            "The outage window as START/END, RFC 3339 with an offset (default: the first Saturday 20:00-02:00 UTC a week ahead).",
            valueName: "start/end"))
    var window: String?

    @Option(help: ArgumentHelp("The plan name, kebab-case.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Mimecast region: us, eu, de, au, je, za, ca or uk.", valueName: "region"))
    var region: String = "eu"

    @Option(
        help: ArgumentHelp(
            "A Mimecast journal host; required for regions za, ca and uk; repeat for each host.", valueName: "host"))
    var journalHost: [String] = []

    @Option(
        help: ArgumentHelp(
            "The schema path written in the yaml-language-server line, relative to the plan; create the file with "
                + "'plan schema > PATH'.", valueName: "path"),
        completion: .file(extensions: ["json"]))
    var schema: String = StarterPlanOptions().schemaPath

    @Option(
        name: .shortAndLong, help: ArgumentHelp("Write the plan to this file instead of standard output.", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var output: String?

    @Flag(help: "Overwrite the -o file if it exists.")
    var force = false

    func validate() throws {
        if exchangeVersion != nil, legacyVersion != nil {
            throw ValidationError("give --exchange-version once (--version is its old spelling)")
        }
    }

    func execute() throws -> Int32 {
        let text: String
        do {
            text = try StarterPlan.text(options())
        } catch let error as StarterPlanError {
            return fail(error.description)
        } catch let error as InitError {
            return fail(error.message)
        }
        try CompiledPlan.write(text, to: output, force: force)
        if let output, output != "-", let missing = Self.missingSchema(plan: output, schema: schema) {
            Terminal.writeError(
                "plan init: note: \(output) names the schema \(schema), which does not exist yet; "
                    + "create it with: plan schema > \(missing)\n")
        }
        return 0
    }

    /// Where the schema a plan written to `plan` names lies, relative to the working directory, when it is
    /// a relative path and no file is there yet.
    static func missingSchema(plan: String, schema: String) -> String? {
        guard !schema.hasPrefix("/"), !schema.contains("://") else { return nil }
        let directory = (plan as NSString).deletingLastPathComponent
        let path = SARIFFormatter.normalised(directory.isEmpty ? schema : directory + "/" + schema)
        return FileManager.default.fileExists(atPath: path) ? nil : path
    }

    private struct InitError: Error { var message: String }

    private func options() throws -> StarterPlanOptions {
        var o = StarterPlanOptions()
        let version = exchangeVersion ?? legacyVersion ?? "2016"
        guard let parsedVersion = ExchangeVersion(rawValue: version) else {
            throw InitError(
                message: "--exchange-version '\(version)' is not one of "
                    + ExchangeVersion.allCases.map(\.rawValue).joined(separator: ", "))
        }
        o.version = parsedVersion
        if let journaling {
            guard let type = JournalingType(rawValue: journaling) else {
                throw InitError(message: "--journaling must be premium or standard")
            }
            o.journaling = type
        }
        guard let mimecastRegion = MimecastRegion(rawValue: region) else {
            throw InitError(
                message: "--region '\(region)' is not one of "
                    + MimecastRegion.allCases.map(\.rawValue).joined(separator: ", "))
        }
        o.region = mimecastRegion
        o.servers = servers.map(Self.split)
        o.databases = databases.map(Self.split)
        o.rules = rule
        o.domain = domain
        o.contact = contact
        o.pop3Mailbox = pop3Mailbox
        o.ndrMailbox = ndrMailbox
        o.domainController = domainController
        o.name = name
        o.journalHosts = journalHost
        o.schemaPath = schema
        if let window {
            let parts = window.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let start = Timestamp(parts[0]), let end = Timestamp(parts[1]) else {
                throw InitError(
                    message: "--window must be START/END in RFC 3339 with an offset, e.g. "
                        + "2026-12-05T20:00:00Z/2026-12-06T02:00:00Z")
            }
            guard start < end else { throw InitError(message: "--window must end after it starts") }
            o.window = (start, end)
        } else if !parsedVersion.isOnline {
            let now = Int(Date().timeIntervalSince1970)
            o.window = StarterPlan.defaultWindow(after: Timestamp(epochSeconds: now, offsetMinutes: 0))
        }
        return o
    }

    static func split(_ list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private func fail(_ message: String) -> Int32 {
        Terminal.writeError("plan init: error: \(message)\n")
        return 2
    }
}
