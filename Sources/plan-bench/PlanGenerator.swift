import Foundation
import JournalPlanCore

/// Generates large, valid plans for the benchmark: many journal rules, each disabled, repointed and
/// re-enabled by its own step, while transport is stopped on every server.
enum PlanGenerator {
    /// Everything after the journal rules up to the first step: mailboxes, contact, domain, connectors and
    /// the window, the same in every generated plan.
    static let estateAfterRules = """
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
              - id: pop3
                transport: pop3
                description: Exchange POP3 Journal
                mailbox: journal@contoso.com
              - id: smtp
                transport: smtp
                description: Exchange SMTP Journal
                address: journaling@journal.contoso.com
                sourceIPs: [203.0.113.10/32]
            window:
              start: 2026-12-05T20:00:00+00:00
              end: 2026-12-06T06:00:00+00:00
            steps:

            """

    static func large(rules: Int, servers: Int, parallelPreparation: Bool = false) -> String {
        var out = """
            plan: journal-migration/v1
            name: benchmark-large
            description: Generated benchmark plan.
            exchange:
              version: "2019"
              journaling: premium
              transportServers:

            """
        for s in 0..<servers { out += "    - MBX\(s)\n" }
        out += "  journalRules:\n"
        for r in 0..<rules { out += "    - name: Journal Rule \(r)\n" }
        out += estateAfterRules
        if parallelPreparation {
            out += """
                  - { id: create-contact, action: create-contact, after: [] }
                  - { id: set-ndr-mailbox, action: set-ndr-mailbox, after: [] }
                  - { id: request-domain, action: request-journal-domain, after: [] }
                  - { id: create-smtp-connector, action: create-connector, connector: smtp, after: [request-domain] }
                  - { id: stop-transport, action: stop-transport, after: [create-contact, set-ndr-mailbox, create-smtp-connector] }

                """
        } else {
            out += """
                  - { id: create-contact, action: create-contact }
                  - { id: set-ndr-mailbox, action: set-ndr-mailbox }
                  - { id: request-domain, action: request-journal-domain }
                  - { id: create-smtp-connector, action: create-connector, connector: smtp }
                  - { id: stop-transport, action: stop-transport }

                """
        }
        for r in 0..<rules {
            out += "  - { id: disable-\(r), action: disable-journal-rule, rules: [Journal Rule \(r)] }\n"
            out += "  - { id: repoint-\(r), action: set-journal-recipient, to: contact, rules: [Journal Rule \(r)] }\n"
            out += "  - { id: enable-\(r), action: enable-journal-rule, rules: [Journal Rule \(r)] }\n"
        }
        out += """
              - { id: start-transport, action: start-transport }
              - { id: confirm, action: confirm-journaling, timeout: 30m }
              - { id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }
              - { id: delete-pop3, action: delete-connector, connector: pop3 }

            """
        return out
    }

    /// Many servers stopped and started by one step per server, in parallel branches.
    static func wide(servers: Int, rules: Int) -> String {
        var text = large(rules: rules, servers: servers, parallelPreparation: true)
        // Replace the single stop/start with one parallel step per server.
        var stops = ""
        var starts = ""
        var stopIDs: [String] = []
        var startIDs: [String] = []
        for s in 0..<servers {
            stops += "  - { id: stop-mbx\(s), action: stop-transport, servers: [MBX\(s)], after: [create-contact, set-ndr-mailbox, create-smtp-connector] }\n"
            stopIDs.append("stop-mbx\(s)")
            starts += "  - { id: start-mbx\(s), action: start-transport, servers: [MBX\(s)], after: [enable-\(rules - 1)] }\n"
            startIDs.append("start-mbx\(s)")
        }
        text = text.replacingOccurrences(
            of: "  - { id: stop-transport, action: stop-transport, after: [create-contact, set-ndr-mailbox, create-smtp-connector] }\n",
            with: stops)
        text = text.replacingOccurrences(
            of: "  - { id: disable-0, action: disable-journal-rule, rules: [Journal Rule 0] }\n",
            with: "  - { id: disable-0, action: disable-journal-rule, rules: [Journal Rule 0], after: [\(stopIDs.joined(separator: ", "))] }\n")
        text = text.replacingOccurrences(
            of: "  - { id: start-transport, action: start-transport }\n", with: starts)
        text = text.replacingOccurrences(
            of: "  - { id: confirm, action: confirm-journaling, timeout: 30m }\n",
            with: "  - { id: confirm, action: confirm-journaling, timeout: 30m, after: [\(startIDs.joined(separator: ", "))] }\n")
        return text
    }

    /// The outage benchmark's plan (issue 18): Exchange 2016, `servers` transport servers, one journal
    /// rule; transport stopped and started by one step each, the rule disabled, repointed and enabled: the
    /// example cut-over of the rule examples, over more servers.
    static func outage(servers: Int) -> String {
        ExamplePlan.text(servers: (0..<servers).map { "EX\($0)" })
    }
}
