import JournalPlanCore
import Testing

/// The starter plan validates as written for every version and journaling type, and flag values
/// survive the trip through YAML unchanged.
@Suite struct StarterPlanTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var version: ExchangeVersion
        var journaling: JournalingType
        var testDescription: String { "\(version.rawValue) \(journaling.rawValue)" }
    }

    static let shapes: [Shape] = ExchangeVersion.allCases.flatMap { version in
        JournalingType.allCases.compactMap { journaling in
            if version == .online, journaling == .standard { return nil }
            if version == .v2003, journaling == .premium { return nil }
            return Shape(version: version, journaling: journaling)
        }
    }

    static let window = StarterPlan.defaultWindow(after: Timestamp("2026-11-29T10:00:00+00:00")!)

    func options(_ shape: Shape) -> StarterPlanOptions {
        var o = StarterPlanOptions()
        o.version = shape.version
        o.journaling = shape.journaling
        if !shape.version.isOnline {
            o.servers = ["MBX01", "MBX02"]
            o.window = Self.window
        }
        return o
    }

    @Test func everyVersionAndJournalingTypeIsCovered() {
        #expect(Self.shapes.count == 14)
    }

    @Test("starter plan validates cleanly", arguments: shapes)
    func validatesAsWritten(_ shape: Shape) throws {
        let text = try StarterPlan.text(options(shape))
        let result = PlanValidator().validate(text: text, file: "starter.yaml")
        let findings = result.diagnostics.filter { $0.severity >= .warning }
        #expect(findings.isEmpty, "\(findings.map { "\($0.location.range.start.line): \($0.message)" })")
        let plan = try #require(result.plan)
        #expect(plan.exchange.version.value == shape.version)
        #expect(plan.exchange.journaling.value == shape.journaling)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/plan.schema.json\n"))
        let kinds = Set(plan.steps.map(\.kind))
        #expect(kinds.contains(.stopTransport) == !shape.version.isOnline)
        #expect(kinds.contains(.disableJournalRule) == (shape.journaling == .premium && !shape.version.isOnline))
        #expect((plan.window != nil) == !shape.version.isOnline)
    }

    @Test func defaultWindowIsASaturdayEveningAWeekAhead() {
        let start = Self.window.start.local
        #expect(start.weekday == 6)
        #expect(start.hour == 20)
        #expect(Self.window.start.description == "2026-12-12T20:00:00+00:00")
        #expect(Self.window.end.epochSeconds - Self.window.start.epochSeconds == 6 * 3600)
    }

    @Test func awkwardValuesAreQuotedAndReadBackUnchanged() throws {
        var o = options(Shape(version: .v2019, journaling: .premium))
        o.rules = ["Bob's \"rule\": #1", "2016", "true", "yes", "null", "- all", "Journal ‘VIP’ & *co*"]
        o.servers = ["EX01", "1ex"]
        o.contact = "o'brien+journal@journal.contoso.com"
        o.pop3Mailbox = "&journal@contoso.com"
        let text = try StarterPlan.text(o)
        let result = PlanValidator().validate(text: text)
        #expect(result.diagnostics.filter { $0.severity >= .warning }.isEmpty, "\(result.diagnostics.map(\.message))")
        let plan = try #require(result.plan)
        #expect(plan.exchange.journalRules.map(\.name.value) == o.rules)
        #expect(plan.exchange.transportServers.map(\.value.text) == ["EX01", "1ex"])
        #expect(plan.contact.address.value.description == "o'brien+journal@journal.contoso.com")
        #expect(plan.exchange.journalMailbox.value.description == "&journal@contoso.com")
        #expect(text.contains("- name: 'Bob''s \"rule\": #1'"))
    }

    @Test(arguments: [
        ("servers", "EX 01"), ("rules", String(repeating: "r", count: 65)), ("domain", "contoso"),
        ("contact", "journaling@contoso.com"), ("contact", "not-an-address"), ("pop3", "journal@journal.contoso.com"),
        ("name", "Contoso Plan"), ("rules", "bad\u{202E}name"), ("servers", ""), ("servers", "EX01,ex01"),
    ])
    func badValuesAreRefused(_ edit: (String, String)) {
        var o = options(Shape(version: .v2016, journaling: .premium))
        switch edit.0 {
        case "servers": o.servers = edit.1.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        case "rules": o.rules = [edit.1]
        case "domain": o.domain = edit.1
        case "contact": o.contact = edit.1
        case "pop3": o.pop3Mailbox = edit.1
        default: o.name = edit.1
        }
        #expect(throws: StarterPlanError.self) { try StarterPlan.text(o) }
    }

    @Test func shapesThatCannotBeValidAreRefused() {
        var o = StarterPlanOptions()
        o.version = .online
        o.servers = ["EX01"]
        #expect(throws: StarterPlanError.self) { try StarterPlan.text(o) }
        o = StarterPlanOptions()
        o.version = .v2003
        o.journaling = .premium
        #expect(throws: StarterPlanError.self) { try StarterPlan.text(o) }
        o = StarterPlanOptions()
        o.region = .za
        #expect(throws: StarterPlanError.self) { try StarterPlan.text(o) }
        o.journalHosts = ["za-smtp-journal-1.mimecast.co.za"]
        #expect(throws: Never.self) { try StarterPlan.text(o) }
        o = StarterPlanOptions()
        o.journaling = .standard
        o.rules = ["Journal All Mail"]
        #expect(throws: StarterPlanError.self) { try StarterPlan.text(o) }
    }

    @Test func version2003DefaultsToStandard() throws {
        var o = StarterPlanOptions()
        o.version = .v2003
        let plan = try #require(PlanValidator().validate(text: try StarterPlan.text(o)).plan)
        #expect(plan.exchange.journaling.value == .standard)
    }
}
