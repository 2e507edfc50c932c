import Foundation
import JournalPlanCore
import Testing

/// Hostile plan values in every field that reaches the script, the runbook or the diagrams: each is
/// either rejected by `validate` or comes out as one inert single-quoted literal (script) or escaped
/// text (Markdown, Mermaid, DOT).
@Suite struct InjectionTests {
    static let fields = [
        "contactName", "contactAlias", "contactOU", "ruleName", "pop3Description", "smtpDescription", "supportTicket",
        "instructions", "note", "sendConnectorName",
    ]

    /// Each carries the marker `ZQX`, which must never appear outside its literal.
    static let hostileValues = [
        "O'Brien ZQX", "\u{2018}ZQX\u{2019} \u{201A}low\u{201B}", "$(Stop-Computer ZQX)", "`$env:ZQX`n",
        "a; Remove-Item ZQX -Recurse; '", "\"; Invoke-Expression ZQX #", "'+(ZQX)+'", "@' ZQX '@", "<# ZQX #>",
        "\u{2019}; ZQX; \u{2018}", "{ $_ } | % { ZQX }", "]\"}} s1 --> ZQX[\"x", "*ZQX* [link](http://x) | <b>",
        // A combining mark after each special character: one grapheme, but the renderers read scalars.
        "\"\u{301}, style=invis, ZQX=\"\u{301}", "*\u{301}ZQX*\u{301} `\u{301}c`\u{301} ~\u{301}~\u{301}s~\u{301}~\u{301} _\u{301}e_\u{301}",
        "'\u{301}; ZQX; '\u{301}", "\u{2019}\u{301}; ZQX; \u{2018}\u{20DD}", "[\u{301}l]\u{301}(\u{301}http://ZQX)\u{301} <\u{301}b>|\u{301}",
        "\\\u{301}\"; ZQX #\u{301}",
    ]

    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func plan(field: String, value: String) -> String { plan(values: [field: value]) }

    /// The plan with each field of `assigned` set to its value (the others keep their defaults).
    static func plan(values assigned: [String: String]) -> String {
        var values = [
            "contactName": "Mimecast Journaling", "contactAlias": "MimecastJournaling", "contactOU": "contoso.com/Service",
            "ruleName": "Journal All Mail", "pop3Description": "Exchange POP3 Journal", "smtpDescription": "Exchange SMTP Journal",
            "supportTicket": "01234567", "instructions": "Tell the service desk", "note": "Point of no return",
            "sendConnectorName": "Mimecast Journal",
        ]
        values.merge(assigned) { $1 }
        let q = values.mapValues(yamlQuoted)
        return """
            plan: journal-migration/v1
            name: hostile-plan
            exchange:
              version: "2016"
              journaling: premium
              transportServers: [EX01, EX02]
              journalRules:
                - name: \(q["ruleName"]!)
              journalMailbox: journal@contoso.com
              ndrMailbox: journal-ndr@contoso.com
              domainController: DC01.contoso.com
            contact:
              name: \(q["contactName"]!)
              alias: \(q["contactAlias"]!)
              address: journaling@journal.contoso.com
              organizationalUnit: \(q["contactOU"]!)
              hidden: true
            domain:
              name: journal.contoso.com
              region: eu
              supportTicket: \(q["supportTicket"]!)
            connectors:
              - id: pop3
                transport: pop3
                description: \(q["pop3Description"]!)
                mailbox: journal@contoso.com
              - id: smtp
                transport: smtp
                description: \(q["smtpDescription"]!)
                address: journaling@journal.contoso.com
                sourceIPs: [203.0.113.10/32]
            window:
              start: 2026-12-05T20:00:00+00:00
              end: 2026-12-06T02:00:00+00:00
            steps:
              - { id: create-contact, action: create-contact }
              - { id: set-ndr-mailbox, action: set-ndr-mailbox }
              - { id: request-domain, action: request-journal-domain }
              - { id: create-smtp-connector, action: create-connector, connector: smtp }
              - { id: route, action: create-send-connector, name: \(q["sendConnectorName"]!) }
              - { id: tell, action: manual, instructions: \(q["instructions"]!) }
              - { id: stop-transport, action: stop-transport }
              - { id: disable-rule, action: disable-journal-rule }
              - { id: repoint-rule, action: set-journal-recipient, to: contact }
              - { id: enable-rule, action: enable-journal-rule }
              - { id: start-transport, action: start-transport }
              - { id: confirm, action: confirm-journaling, timeout: 30m }
              - { id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 24h, pollEvery: 5m }
              - { id: delete-pop3, action: delete-connector, connector: pop3, note: \(q["note"]!) }

            """
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var field: String
        var value: String
        var testDescription: String { "\(field) = \(value.debugDescription)" }
    }

    static let cases = fields.flatMap { f in hostileValues.map { Case(field: f, value: $0) } }

    @Test func theUntouchedPlanIsValid() {
        let result = PlanValidator().validate(text: Self.plan(field: "note", value: "fine"))
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
    }

    @Test("hostile value", arguments: cases)
    func hostileValue(_ c: Case) throws {
        let result = PlanValidator().validate(text: Self.plan(field: c.field, value: c.value))
        guard let graph = result.graph, !result.hasErrors else {
            // Rejected by validate, with a positioned diagnostic (compile refuses such a plan).
            #expect(result.diagnostics.contains { $0.severity == .error && $0.location.range.start.line > 0 })
            return
        }
        let script = PowerShellRenderer.render(graph: graph, planSHA256: String(repeating: "0", count: 64), toolVersion: "0")
        let literal = PowerShellQuoting.literal(c.value)
        #expect(script.contains(literal), "the value is not declared as a literal")
        for line in script.split(separator: "\n") where line.contains("ZQX") {
            // Only declarations `$jpName = '<literal>'` (or an array of literals) may hold the value.
            #expect(line.range(of: #"^\$jp[A-Za-z0-9]+ = "#, options: .regularExpression) != nil, "value outside a declaration: \(line)")
            let rhs = String(line[line.range(of: " = ")!.upperBound...])
            let inner = rhs.hasPrefix("@(") ? nil : PowerShellQuotingTests.readSingleQuoted(rhs)
            #expect(rhs.hasPrefix("@(") || inner?.contains(c.value) == true, "declaration is not one literal: \(line)")
        }
        // Markdown: the marker never appears next to unescaped Markdown syntax from the value.
        let runbook = RunbookRenderer(graph: graph, planSHA256: "0").render()
        for line in runbook.split(separator: "\n") where line.contains("ZQX") && !line.hasPrefix("$jp") && !line.hasPrefix("   $") && !line.hasPrefix("   #") {
            for raw in ["<b>", "[link]", "*ZQX*", "<#", "`$env"] { #expect(!line.contains(raw), "unescaped \(raw) in: \(line)") }
            // Scalar by scalar: a Markdown special before a combining mark is escaped too.
            let s = Array(line.unicodeScalars)
            for i in s.indices.dropFirst() where s[i].properties.generalCategory == .nonspacingMark || s[i].properties.generalCategory == .enclosingMark {
                if ScalarEscapingTests.markdownSpecials.contains(s[i - 1]) { #expect(i >= 2 && s[i - 2] == "\\", "unescaped \(s[i - 1]) in: \(line)") }
            }
        }
        // Diagrams: labels stay one quoted string.
        for line in MermaidRenderer.render(graph).split(separator: "\n") where line.hasPrefix("    s") && !line.contains("-->") {
            #expect(line.range(of: #"^    s\d+(\["[^"]*"\]|\{\{"[^"]*"\}\}|\(\["[^"]*"\]\))$"#, options: .regularExpression) != nil, "\(line)")
        }
        for line in DOTRenderer.render(graph).split(separator: "\n") where line.contains("label=") {
            #expect(line.range(of: #"^    s\d+ \[label="([^"\\]|\\.)*"(, [a-z]+=("[^"]*"|[a-z0-9]+))*\];$"#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test("newlines are rejected in single-line fields", arguments: fields.filter { $0 != "instructions" && $0 != "note" })
    func newlineRejected(_ field: String) {
        let result = PlanValidator().validate(text: Self.plan(field: field, value: "line one\nline two"))
        #expect(result.hasErrors)
    }

    /// Multi-line instructions are allowed; they still come out as one literal.
    @Test func multilineInstructionsStayOneLiteral() throws {
        let value = "first line\n'; Stop-Computer; '\nthird"
        let result = PlanValidator().validate(text: Self.plan(field: "instructions", value: value))
        let graph = try #require(result.graph)
        let script = PowerShellRenderer.render(graph: graph, planSHA256: "0", toolVersion: "0")
        #expect(script.contains("$jpStep6Instructions = " + PowerShellQuoting.literal(value)))
        #expect(PowerShellQuotingTests.readSingleQuoted(PowerShellQuoting.literal(value)) == value)
    }

    /// Addresses may contain quotes and `$` in their local part; they are literals too.
    @Test func quotedAddressStaysALiteral() throws {
        let text = Self.plan(field: "note", value: "x").replacingOccurrences(
            of: "address: journaling@journal.contoso.com", with: "address: \"jo'ur`nal${ZQX}@journal.contoso.com\"")
        let result = PlanValidator().validate(text: text)
        let graph = try #require(result.graph, "\(result.diagnostics.map(\.message))")
        let script = PowerShellRenderer.render(graph: graph, planSHA256: "0", toolVersion: "0")
        #expect(script.contains("$jpContactAddress = 'jo''ur`nal${ZQX}@journal.contoso.com'"))
        for line in script.split(separator: "\n") where line.contains("ZQX") {
            #expect(line.hasPrefix("$jp"), "\(line)")
        }
    }
}
