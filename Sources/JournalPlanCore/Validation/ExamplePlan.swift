/// Builds complete example plans for rule examples and tests, varying only what an example is about.
public enum ExamplePlan {
    /// The canonical on-premises cut-over steps (docs/design.md §3).
    public static let cutoverSteps = """
          - { id: create-contact, action: create-contact }
          - { id: set-ndr-mailbox, action: set-ndr-mailbox }
          - { id: request-domain, action: request-journal-domain }
          - { id: create-smtp-connector, action: create-connector, connector: smtp }
          - { id: stop-transport, action: stop-transport }
          - { id: disable-rule, action: disable-journal-rule }
          - { id: repoint-rule, action: set-journal-recipient, to: contact }
          - { id: enable-rule, action: enable-journal-rule }
          - { id: start-transport, action: start-transport }
          - { id: confirm, action: confirm-journaling, timeout: 30m }
          - { id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }
          - { id: delete-pop3, action: delete-connector, connector: pop3 }
        """

    /// A full plan text. `steps` is the body of `steps:` (each line indented by two spaces).
    public static func text(
        version: String = "2016", journaling: String = "premium", servers: [String] = ["EX01", "EX02"],
        rules: [String] = ["Journal All Mail"], databases: [String] = ["DB01", "DB02"],
        window: (String, String)? = ("2026-12-05T20:00:00+00:00", "2026-12-06T02:00:00+00:00"),
        contactAddress: String = "journaling@journal.contoso.com", domain: String = "journal.contoso.com",
        steps: String = cutoverSteps
    ) -> String {
        var lines = [
            "plan: journal-migration/v1",
            "name: example-plan",
            "exchange:",
            "  version: \"\(version)\"",
            "  journaling: \(journaling)",
        ]
        if version != "online" {
            lines.append("  transportServers: [\(servers.joined(separator: ", "))]")
        }
        if journaling == "premium" {
            lines.append("  journalRules:")
            lines += rules.map { "    - name: \($0)" }
        } else {
            lines.append("  databases: [\(databases.joined(separator: ", "))]")
        }
        lines += [
            "  journalMailbox: journal@contoso.com",
            "  ndrMailbox: journal-ndr@contoso.com",
            "contact:",
            "  name: Mimecast Journaling",
            "  alias: MimecastJournaling",
            "  address: \(contactAddress)",
            "domain:",
            "  name: \(domain)",
            "  region: eu",
            "connectors:",
            "  - id: pop3",
            "    transport: pop3",
            "    description: Exchange POP3 Journal",
            "    mailbox: journal@contoso.com",
            "  - id: smtp",
            "    transport: smtp",
            "    description: Exchange SMTP Journal",
            "    address: \(contactAddress)",
            "    sourceIPs: [203.0.113.10/32]",
        ]
        if let window {
            lines += ["window:", "  start: \"\(window.0)\"", "  end: \"\(window.1)\""]
        }
        lines.append("steps:")
        return lines.joined(separator: "\n") + "\n" + steps + "\n"
    }

    /// The canonical steps with some steps' lines replaced (matched by id) or removed (mapped to nil).
    public static func cutoverSteps(_ edits: [String: String?]) -> String {
        cutoverSteps.split(separator: "\n", omittingEmptySubsequences: false).compactMap { existing in
            for (id, line) in edits where existing.contains("id: \(id),") {
                return line.map { "  - " + $0 }
            }
            return String(existing)
        }.joined(separator: "\n")
    }
}
