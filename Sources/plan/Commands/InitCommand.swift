import ArgumentParser
import Foundation
import JournalPlanCore

/// `plan init`: writes a commented starter plan that validates as written.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter plan.",
        discussion: """
            The plan validates as written; check every value against your organisation before the cut-over. \
            Lists take comma-separated names (--servers EX01,EX02); --rule and --journal-host repeat.
            """)

    @Option(help: "Exchange version: 2003, 2007, 2010, 2013, 2016, 2019, SE or online.")
    var version: String = "2016"

    @Option(help: "premium (journal rules) or standard (per-database JournalRecipient).")
    var journaling: String?

    @Option(help: "Every transport server, comma-separated (not for online).")
    var servers: String?

    @Option(help: "A journal rule to repoint (premium); repeat for each rule.")
    var rule: [String] = []

    @Option(help: "Mailbox databases to repoint (standard), comma-separated.")
    var databases: String?

    @Option(help: "The journal domain Mimecast accepts, e.g. journal.contoso.com.")
    var domain: String = "journal.contoso.com"

    @Option(help: "The contact's address in the journal domain (default journaling@DOMAIN).")
    var contact: String?

    @Option(help: "The journal mailbox the POP3 connector drains (default journal@ the parent of DOMAIN).")
    var pop3Mailbox: String?

    @Option(help: "The plan name, kebab-case.")
    var name: String?

    @Option(help: "Mimecast region: us, eu, de, au, je, za, ca or uk.")
    var region: String = "eu"

    @Option(help: "A Mimecast journal host; required for regions za, ca and uk; repeat for each host.")
    var journalHost: [String] = []

    @Option(help: "The schema path written in the yaml-language-server line, relative to the plan.")
    var schema: String = "../schemas/plan.schema.json"

    @Option(name: .shortAndLong, help: "Write the plan to FILE instead of standard output.")
    var output: String?

    @Flag(help: "Overwrite FILE if it exists.")
    var force = false

    func run() throws {
        let text: String
        do {
            text = try StarterPlan.text(options())
        } catch let error as StarterPlanError {
            throw fail(error.description)
        }
        guard let output, output != "-" else {
            Terminal.write(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: force ? .atomic : .withoutOverwriting)
        } catch {
            if !force, FileManager.default.fileExists(atPath: output) {
                throw fail("\(output) exists; use --force to overwrite it")
            }
            throw fail("cannot write \(output): \(error.localizedDescription)")
        }
    }

    private func options() throws -> StarterPlanOptions {
        var o = StarterPlanOptions()
        guard let exchangeVersion = ExchangeVersion(rawValue: version) else {
            throw fail("--version '\(version)' is not one of \(ExchangeVersion.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        o.version = exchangeVersion
        if let journaling {
            guard let type = JournalingType(rawValue: journaling) else {
                throw fail("--journaling must be premium or standard")
            }
            o.journaling = type
        }
        guard let mimecastRegion = MimecastRegion(rawValue: region) else {
            throw fail("--region '\(region)' is not one of \(MimecastRegion.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        o.region = mimecastRegion
        o.servers = servers.map(Self.split)
        o.databases = databases.map(Self.split)
        o.rules = rule
        o.domain = domain
        o.contact = contact
        o.pop3Mailbox = pop3Mailbox
        o.name = name
        o.journalHosts = journalHost
        o.schemaPath = schema
        if !exchangeVersion.isOnline {
            let now = Int(Date().timeIntervalSince1970)
            o.window = StarterPlan.defaultWindow(after: Timestamp(epochSeconds: now, offsetMinutes: 0))
        }
        return o
    }

    static func split(_ list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private func fail(_ message: String) -> ExitCode {
        Terminal.writeError("plan init: error: \(message)\n")
        return ExitCode(2)
    }
}
