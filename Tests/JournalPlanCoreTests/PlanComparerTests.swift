import Foundation
import JournalPlanCore
import Testing

/// The semantic plan diff on `ExamplePlan` variants: equality, field changes, order changes reported
/// compactly, the verdict, and Markdown escaping.
@Suite struct PlanComparerTests {
    func diff(_ old: String, _ new: String) throws -> PlanDiff {
        let validator = PlanValidator()
        return try #require(
            PlanComparer().compare(old: validator.validate(text: old, file: "old.yaml"), new: validator.validate(text: new, file: "new.yaml")))
    }

    func steps(_ edits: [String: String?]) -> String { ExamplePlan.text(steps: ExamplePlan.cutoverSteps(edits)) }

    @Test func identicalPlansAreEqual() throws {
        let d = try diff(ExamplePlan.text(), ExamplePlan.text())
        #expect(d.isEqual)
        #expect(d.countsLine == "no changes")
        #expect(d.order?.isEmpty == true)
    }

    @Test func equivalentSpellingsAreEqual() throws {
        let d = try diff(
            ExamplePlan.text(),
            steps([
                "confirm": "{ id: confirm, action: confirm-journaling, timeout: 1800s }",
                "drain-pop3": "{ id: drain-pop3, action: wait-connector-drained, connector: pop3, timeout: 1d, pollEvery: 300s }",
                "disable-rule": "{ id: disable-rule, action: disable-journal-rule, after: [stop-transport] }",
            ]))
        #expect(d.isEqual, "\(d.stepsChanged) \(String(describing: d.order))")
    }

    @Test func movingOneStepFarIsOneGroupNotEveryPair() throws {
        // create-contact moves from first to just before the rule is repointed: past four steps.
        var text = steps(["create-contact": nil])
        text = text.replacingOccurrences(
            of: "  - { id: repoint-rule,", with: "  - { id: create-contact, action: create-contact }\n  - { id: repoint-rule,")
        let d = try diff(ExamplePlan.text(), text)
        let order = try #require(d.order)
        #expect(order.relations.count == 1, "\(order.relations)")
        let group = try #require(order.relations.first)
        #expect(group.step == "create-contact")
        #expect(group.was == .before && group.now == .after && group.isFlip)
        #expect(group.others == ["set-ndr-mailbox", "request-domain", "create-smtp-connector", "stop-transport", "disable-rule"])
        #expect(d.countsLine == "order: 5 pairs flipped")
        #expect(d.stepsChanged.isEmpty && d.stepsAdded.isEmpty && d.stepsRemoved.isEmpty)
    }

    @Test func parallelBranchesAreReportedAsUnordered() throws {
        // The domain request runs beside the NDR mailbox change; the SMTP connector waits for both.
        let d = try diff(
            ExamplePlan.text(),
            steps([
                "request-domain": "{ id: request-domain, action: request-journal-domain, after: [create-contact] }",
                "create-smtp-connector":
                    "{ id: create-smtp-connector, action: create-connector, connector: smtp, after: [set-ndr-mailbox, request-domain] }",
            ]))
        let order = try #require(d.order)
        #expect(order.relations.count == 1)
        let group = try #require(order.relations.first)
        #expect(Set([group.step] + group.others) == ["set-ndr-mailbox", "request-domain"])
        #expect(group.was != .unordered && group.now == .unordered && !group.isFlip)
        #expect(
            order.edges == [
                EdgeChange(step: "request-domain", added: ["create-contact"], removed: ["set-ndr-mailbox"]),
                EdgeChange(step: "create-smtp-connector", added: ["set-ndr-mailbox"], removed: []),
            ])
        #expect(d.countsLine == "order: 1 pair ordered differently")
    }

    @Test func breakingTheChainGroupsAroundTheDetachedSteps() throws {
        // `after: []` on request-domain detaches the first two steps from everything after them.
        let d = try diff(
            ExamplePlan.text(), steps(["request-domain": "{ id: request-domain, action: request-journal-domain, after: [] }"]))
        let order = try #require(d.order)
        #expect(order.relations.map(\.step) == ["create-contact", "set-ndr-mailbox"])
        #expect(order.relations.allSatisfy { $0.was == .before && $0.now == .unordered })
        #expect(order.relations[0].others.count == 10 && order.relations[1].others.count == 10)
    }

    @Test func verdictChangeNamesTheRule() throws {
        let bad = StopBeforeDisable.examples.first { $0.triggers }!.yaml
        let d = try diff(ExamplePlan.text(), bad)
        #expect(d.verdictChanged)
        #expect(!d.newVerdict.isValid && d.oldVerdict.isValid)
        #expect(d.newVerdict.failingRules.contains("JP201"))
        #expect(d.verdictLine().contains("now fails JP201 stop-before-disable"))
        #expect(!d.isEqual)
    }

    @Test func verdictStatusSeparatesNoLossFailures() {
        #expect(PlanVerdict(failingRules: [], errors: 0, warnings: 2).status == "valid")
        #expect(PlanVerdict(failingRules: ["JP201"], errors: 1, warnings: 0).status == "invalid")
        #expect(PlanVerdict(failingRules: ["JP201", "JP401"], errors: 2, warnings: 0).status == "loses-mail")
        #expect(PlanVerdict(failingRules: [], errors: 0, warnings: 1) == PlanVerdict(failingRules: [], errors: 0, warnings: 0))
    }

    @Test func sectionAndStepFieldChanges() throws {
        let old = ExamplePlan.text()
        let new = ExamplePlan.text(servers: ["EX01", "EX02", "EX03"], window: nil, steps: ExamplePlan.cutoverSteps([
            "repoint-rule": "{ id: repoint-rule, action: set-journal-recipient, to: mailbox }",
        ]))
        let d = try diff(old, new)
        #expect(d.sections.contains(FieldChange(field: "exchange.transportServers", old: "EX01, EX02", new: "EX01, EX02, EX03")))
        #expect(d.sections.contains(FieldChange(field: "window.start", old: "2026-12-05T20:00:00+00:00", new: nil)))
        let repoint = try #require(d.stepsChanged.first)
        #expect(repoint.id == "repoint-rule")
        #expect(repoint.fields == [FieldChange(field: "to", old: "contact", new: "mailbox")])
    }

    @Test func aCycleLeavesOrderUncompared() throws {
        let cyclic = steps(["create-contact": "{ id: create-contact, action: create-contact, after: [delete-pop3] }"])
        let d = try diff(ExamplePlan.text(), cyclic)
        #expect(d.order == nil)
        #expect(d.verdictChanged)
        #expect(PlanDiffRenderer.text(d).contains("order: not compared"))
    }

    @Test func undecodablePlanHasNoDiff() {
        let validator = PlanValidator()
        let diff = PlanComparer().compare(
            old: validator.validate(text: ExamplePlan.text()), new: validator.validate(text: "steps: ["))
        #expect(diff == nil)
    }

    /// Plan values are code spans: rendered literally, so readable and inert (no markup, links, mentions
    /// or HTML); only `|` in a table cell and the fence itself need care.
    @Test(arguments: [
        ("plans/x.yaml", false, "`plans/x.yaml`"), ("stop-transport", false, "`stop-transport`"),
        ("a|b", true, #"`a\|b`"#), ("a|b", false, "`a|b`"), ("<script>x</script>", false, "`<script>x</script>`"),
        ("@team please", false, "`@team please`"), ("[link](http://x)", false, "`[link](http://x)`"),
        ("*bold* `code`", false, "`` *bold* `code` ``"),
        ("`x`", false, "`` `x` ``"), ("two\nlines", false, "`two lines`"), ("", false, "_empty_"),
        ("ümlaut ✓", false, "`ümlaut ✓`"),
    ])
    func markdownCodeSpans(_ raw: String, _ inTable: Bool, _ expected: String) {
        #expect(MarkdownEscaping.codeSpan(raw, inTable: inTable) == expected)
    }

    @Test func addedStepsShowTheirServersAndALosingVerdictSaysWhy() throws {
        let new = steps([
            "stop-transport": "{ id: stop-transport, action: stop-transport, servers: [EX01] }",
            "disable-rule":
                "{ id: disable-rule, action: disable-journal-rule }\n  - { id: stop-ex02, action: stop-transport, servers: [EX02] }",
        ])
        let d = try diff(ExamplePlan.text(), new)
        let added = try #require(d.stepsAdded.first { $0.id == "stop-ex02" })
        #expect(added.targets == ["EX02"])
        #expect(PlanDiffRenderer.text(d).contains("+ 'stop-ex02' (stop-transport) on 'EX02', line "))
        let markdown = PlanDiffRenderer.markdown(d)
        #expect(markdown.contains("| ➕ | `stop-ex02` | added: `stop-transport` on `EX02`, line "))
        #expect(!d.newVerdict.lossReasons.isEmpty, "\(PlanDiffRenderer.text(d))")
        let why = try #require(d.newVerdict.lossReasons.first)
        #expect(PlanDiffRenderer.text(d).contains("  why: \(why)\n"))
        #expect(markdown.contains("  - **Why:** "))
    }

    @Test func textRenderingKeepsAMultiLineNoteOnOneLine() throws {
        let new = steps(["confirm": "{ id: confirm, action: confirm-journaling, timeout: 30m, note: \"first\\nsecond\" }"])
        let text = PlanDiffRenderer.text(try diff(ExamplePlan.text(), new))
        #expect(text.contains(#"note: (absent) → 'first\nsecond'"#), "\(text)")
    }
}
