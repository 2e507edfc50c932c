/// Writes the commented starter plan of `plan init`: a complete plan for the chosen version and journaling
/// type that validates as written, for the administrator to check against the organisation.
public enum StarterPlan {
    /// The plan text, or an error naming the option that cannot go into a valid plan.
    public static func text(_ options: StarterPlanOptions) throws(StarterPlanError) -> String {
        let v = try StarterPlanValues(options)
        let q = YAMLQuoting.scalar
        func list(_ items: [String]) -> String { "[" + items.map(q).joined(separator: ", ") + "]" }
        var out = [
            "# yaml-language-server: $schema=\(v.schemaPath)",
            "# The line above names the plan's JSON Schema, relative to this file; create it from this file's",
            "# folder with `plan schema > \(v.schemaPath)` and editors with the YAML language server check",
            "# the plan as you type. Starter plan written by `plan init`: check every value against your",
            "# organisation, then run `plan validate` on this file (`plan rules` lists what it checks).",
            "plan: journal-migration/v1",
            "name: \(q(v.name))",
            "description: Move journaling from the POP3 journal connector to SMTP journaling.",
            "",
            "exchange:",
            "  version: \"\(v.version.rawValue)\"",
            "  journaling: \(v.journaling.rawValue)  # premium: journal rules; standard: each database's JournalRecipient",
        ]
        if v.version == .v2003 {
            out.append("  # Exchange 2003 has no Management Shell: this plan serves the runbook (`plan explain`) only.")
        }
        if !v.version.isOnline {
            out += [
                "  # Every server that runs the transport service: one left out keeps sending unjournaled mail.",
                "  transportServers: \(list(v.servers))",
            ]
        }
        switch v.journaling {
        case .premium: out += ["  journalRules:"] + v.rules.map { "    - name: \(q($0))" }
        case .standard: out.append("  databases: \(list(v.databases))")
        }
        out += [
            "  journalMailbox: \(q(v.pop3Mailbox))  # where journal reports go today; the POP3 connector drains it",
            "  ndrMailbox: \(q(v.ndrMailbox))  # JournalingReportNdrTo: receives journal reports that cannot be delivered",
        ]
        if !v.version.isOnline {
            if let dc = v.domainController {
                out.append("  domainController: \(q(dc))  # every read and write is pinned to this domain controller")
            } else {
                out.append("  # domainController: DC01.example.com  # optional: pin every read and write to one domain controller")
            }
        }
        out += [
            "  # acceptedDomains: [example.com]  # the organisation's own mail domains, if not those of its mailboxes",
            "",
            "contact:  # the external contact Exchange journals to after the cut-over",
            "  name: Mimecast Journaling",
            "  alias: MimecastJournaling",
            "  address: \(q(v.contact))",
            "  hidden: true",
            "",
            "domain:",
            "  name: \(q(v.domain))  # the journal sub-domain; Mimecast Support adds it to the account",
            "  region: \(v.region.rawValue)",
        ]
        if !v.journalHosts.isEmpty { out.append("  journalHosts: \(list(v.journalHosts))") }
        out += [
            "  # supportTicket: \"01234567\"  # the reference of the request to Mimecast Support",
            "",
            "connectors:",
            "  - id: pop3",
            "    transport: pop3",
            "    description: Exchange POP3 Journal",
            "    mailbox: \(q(v.pop3Mailbox))",
            "  - id: smtp",
            "    transport: smtp",
            "    description: Exchange SMTP Journal",
            "    address: \(q(v.contact))",
        ]
        if !v.version.isOnline {
            out.append("    # sourceIPs: [203.0.113.10/32]  # the transport servers' public IPv4 ranges")
        }
        if let window = v.window {
            out += [
                "",
                "window:  # the outage, after working hours: transport is stopped only inside it",
                // Quoted, so YAML 1.1 tools (PyYAML) read the same text as `plan` rather than a datetime.
                "  start: \"\(window.start)\"",
                "  end: \"\(window.end)\"",
            ]
        }
        out += ["", "steps:"] + steps(v).map { "  - " + $0 }
        return out.joined(separator: "\n") + "\n"
    }

    static func steps(_ v: StarterPlanValues) -> [String] {
        var steps: [String] = []
        let preparation = [
            "{ id: create-contact, action: create-contact }",
            "{ id: set-ndr-mailbox, action: set-ndr-mailbox }",
            "{ id: request-domain, action: request-journal-domain }  # manual: Mimecast Support adds the domain",
            "{ id: create-smtp-connector, action: create-connector, connector: smtp }",
            "{ id: route-journal-domain, action: create-send-connector }  # to the region's journal hosts",
        ]
        if v.version.isOnline {
            steps = [preparation[1], preparation[0]] + preparation.dropFirst(2)
            steps.append("{ id: repoint-rules, action: set-journal-recipient, to: contact }  # one atomic Set-JournalRule")
        } else {
            steps = preparation
            steps.append("{ id: stop-transport, action: stop-transport }  # on every transport server")
            if v.journaling == .premium {
                steps += [
                    "{ id: disable-rules, action: disable-journal-rule }",
                    "{ id: repoint-rules, action: set-journal-recipient, to: contact }",
                    "{ id: enable-rules, action: enable-journal-rule }",
                ]
            } else {
                steps.append("{ id: repoint-databases, action: set-journal-recipient, to: contact }")
            }
            steps.append("{ id: start-transport, action: start-transport }")
        }
        steps += [
            "{ id: confirm, action: confirm-journaling, timeout: \(v.version.isOnline ? "1h" : "30m") }",
            "{ id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }",
            "{ id: disable-pop3, action: disable-connector, connector: pop3 }",
            "{ id: delete-pop3, action: delete-connector, connector: pop3 }  # the point of no return",
        ]
        return steps
    }

    /// Saturday 20:00–02:00 UTC, at least a week after `now`: an after-hours placeholder to adjust.
    public static func defaultWindow(after now: Timestamp) -> (start: Timestamp, end: Timestamp) {
        var day = now.epochSeconds / 86400 + 7
        while Timestamp(epochSeconds: day * 86400, offsetMinutes: 0).local.weekday != 6 { day += 1 }
        let start = day * 86400 + 20 * 3600
        return (Timestamp(epochSeconds: start, offsetMinutes: 0), Timestamp(epochSeconds: start + 6 * 3600, offsetMinutes: 0))
    }
}
