import Foundation
@testable import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// SARIF output: structure, rule indices, locations, code flows, determinism, goldens. The goldens (and the
/// real outputs of the binary) are also checked against the OASIS schema by `Scripts/checks/sarif.sh`.
@Suite struct SARIFFormatterTests {
    static let jp201 = StopBeforeDisable.examples.first { $0.triggers }!.yaml

    func sarif(_ results: [ValidationResult], rules: [RuleDescriptor] = RuleRegistry.descriptors) throws
        -> [String: Any]
    {
        let text = SARIFFormatter.document(results, toolVersion: "9.9.9", rules: rules).rendered(pretty: true)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func resultsPointAtTheirRuleAndPosition() throws {
        let result = PlanValidator().validate(text: Self.jp201, file: "plans/bad.yaml")
        let doc = try sarif([result])
        #expect(doc["version"] as? String == "2.1.0")
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "JournalPlan")
        #expect(driver["version"] as? String == "9.9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == RuleRegistry.descriptors.map(\.id))
        let results = try #require(run["results"] as? [[String: Any]])
        let jp201 = try #require(results.first { $0["ruleId"] as? String == "JP201" })
        let index = try #require(jp201["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "JP201")
        #expect(rules[index]["name"] as? String == "stop-before-disable")
        #expect(jp201["level"] as? String == "error")
        let expected = try #require(result.diagnostics.first { $0.ruleID == "JP201" })
        let location = try #require((jp201["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "plans/bad.yaml")
        let region = try #require(physical["region"] as? [String: Int])
        #expect(region["startLine"] == expected.location.range.start.line)
        #expect(region["startColumn"] == expected.location.range.start.column)
        #expect(region["endColumn"] == expected.location.range.end.column)
        let related = try #require(jp201["relatedLocations"] as? [[String: Any]])
        #expect(related.count == expected.notes.count)
        // SARIF messages are sentences: the note gains its closing period.
        #expect((related.first?["message"] as? [String: Any])?["text"] as? String == expected.notes.first.map { $0.message + "." })
    }

    @Test func everyRuleHasTheRequiredDescriptorFields() throws {
        let doc = try sarif([])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for rule in rules {
            for key in ["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"] {
                #expect(rule[key] != nil, "\(rule["id"] ?? "?") lacks \(key)")
            }
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level ?? ""))
        }
        #expect((run["results"] as? [Any])?.isEmpty == true)
    }

    @Test func traceBecomesACodeFlowThroughTheStepsInOrder() throws {
        let result = TraceFixture.result()
        let doc = try sarif([result], rules: TraceFixture.rules)
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let first = try #require((run["results"] as? [[String: Any]])?.first)
        let flow = try #require((first["codeFlows"] as? [[String: Any]])?.first)
        let thread = try #require((flow["threadFlows"] as? [[String: Any]])?.first)
        let locations = try #require(thread["locations"] as? [[String: Any]])
        let plan = try #require(result.plan)
        let expectedLines = TraceFixture.trace.map { key in
            plan.steps.first { $0.id.value == key.split(separator: "@").first.map(String.init) }!.id.range.start.line
        }
        let lines = locations.map {
            (($0["location"] as? [String: Any])?["physicalLocation"] as? [String: Any]).flatMap {
                ($0["region"] as? [String: Int])?["startLine"]
            }
        }
        #expect(lines == expectedLines)
        #expect(locations.map { $0["executionOrder"] as? Int } == [1, 2, 3])
        let texts = locations.map { (($0["location"] as? [String: Any])?["message"] as? [String: Any])?["text"] as? String }
        #expect(texts == TraceFixture.noteTexts.map { Optional($0 + ".") })
        // A diagnostic without a trace has no code flow.
        let second = try #require((run["results"] as? [[String: Any]])?.dropFirst().first)
        #expect(second["codeFlows"] == nil)
        #expect(second["ruleIndex"] == nil, "a rule outside the catalogue has no index")
    }

    @Test func outputIsDeterministic() {
        let results = [
            PlanValidator().validate(text: Self.jp201, file: "a.yaml"), PlanValidator().validate(text: "a: [", file: "b.yaml"),
        ]
        let one = SARIFFormatter.document(results, toolVersion: "1").rendered(pretty: true)
        let two = SARIFFormatter.document(results, toolVersion: "1").rendered(pretty: true)
        #expect(one == two)
    }

    @Test(arguments: [
        ("plans/x.yaml", "plans/x.yaml"), ("<stdin>", "%3Cstdin%3E"), ("/abs/my plan.yaml", "file:///abs/my%20plan.yaml"),
        ("c:plan.yaml", "c%3Aplan.yaml"), ("plans/ümlaut.yaml", "plans/%C3%BCmlaut.yaml"), ("a#b?.yaml", "a%23b%3F.yaml"),
    ])
    func artifactURIs(_ path: String, _ uri: String) {
        #expect(SARIFFormatter.artifactURI(path) == uri)
    }

    @Test(arguments: ["trace.sarif.json", "jp201.sarif.json"])
    func golden(_ name: String) throws {
        var jp201 = PlanValidator().validate(text: Self.jp201, file: "plans/jp201.yaml")
        // Only JP201's findings, so rules added later do not change this golden.
        jp201.diagnostics = jp201.diagnostics.filter { $0.ruleID == "JP201" }
        let results = name == "trace.sarif.json" ? [TraceFixture.result()] : [jp201]
        let rules = name == "trace.sarif.json" ? TraceFixture.rules : [StopBeforeDisable.descriptor]
        let text = SARIFFormatter.document(results, toolVersion: "0.0.0-golden", rules: rules).rendered(pretty: true) + "\n"
        GoldenFile.check(text, fixture: "sarif/\(name)")
    }
}

/// What GitHub code scanning needs of a SARIF log (issue 20): stable fingerprints, rule help links,
/// `%SRCROOT%`-relative URIs, linked related locations, sentences, and unread files as notifications.
@Suite struct SARIFCodeScanningTests {
    func run(_ results: [ValidationResult], root: SARIFFormatter.SourceRoot? = nil) throws -> [String: Any] {
        let text = SARIFFormatter.document(results, toolVersion: "1", sourceRoot: root).rendered(pretty: true)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((doc["runs"] as? [[String: Any]])?.first)
    }

    func results(_ run: [String: Any]) -> [[String: Any]] { run["results"] as? [[String: Any]] ?? [] }

    func fingerprints(_ yaml: String) throws -> [String: String] {
        let r = try run([PlanValidator().validate(text: yaml, file: "plans/a.yaml")])
        var out: [String: String] = [:]
        for result in results(r) {
            let print = (result["partialFingerprints"] as? [String: String])?[SARIFFormatter.fingerprintKey]
            out[(result["ruleId"] as? String ?? "") + (result["message"] as? [String: Any]).debugDescription] = print
        }
        return out
    }

    @Test func fingerprintsSurviveLinesAddedAboveButNotAnotherStep() throws {
        let plan = SARIFFormatterTests.jp201
        let base = PlanValidator().validate(text: plan, file: "plans/a.yaml")
        let shifted = PlanValidator().validate(text: "# a comment\n# and another\n" + plan, file: "plans/a.yaml")
        let d = try #require(base.diagnostics.first { $0.ruleID == "JP201" })
        let moved = try #require(shifted.diagnostics.first { $0.ruleID == "JP201" })
        #expect(d.location.range.start.line + 2 == moved.location.range.start.line)
        #expect(SARIFFormatter.fingerprint(d, plan: base.plan) == SARIFFormatter.fingerprint(moved, plan: shifted.plan))
        var other = d
        other.ruleID = "JP202"
        #expect(SARIFFormatter.fingerprint(other, plan: base.plan) != SARIFFormatter.fingerprint(d, plan: base.plan))
        #expect(SARIFFormatter.messageShape("step at line 12 and 3:14 on EX01") == "step at line # and #:# on EX01")
        for result in results(try run([base])) {
            let print = (result["partialFingerprints"] as? [String: String])?[SARIFFormatter.fingerprintKey]
            #expect(print?.count == 32)
        }
    }

    @Test func everyRuleLinksToItsSectionOfTheRulesDocument() throws {
        let r = try run([])
        let rules = try #require(((r["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let document = try String(
            contentsOf: Repository.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let anchors = Set(
            document.split(separator: "\n").filter { $0.hasPrefix("### ") }.map {
                RuleCatalogue.documentURI + "#" + RuleCatalogue.headingAnchor(String($0.dropFirst(4)))
            })
        #expect(rules.count == RuleRegistry.descriptors.count)
        for rule in rules {
            let uri = try #require(rule["helpUri"] as? String)
            #expect(anchors.contains(uri), "\(uri) is not a heading of docs/rules.md")
        }
        #expect(
            RuleCatalogue.documentationURI(for: StopBeforeDisable.descriptor)
                == "https://github.com/journalplan/journalplan/blob/main/docs/rules.md#jp201-stop-before-disable")
    }

    @Test(arguments: [
        ("./plans/../plans/x.yaml", "sub/plans/x.yaml"), ("/repo/plans/x.yaml", "plans/x.yaml"), ("x.yaml", "sub/x.yaml"),
        ("../plans//x.yaml", "plans/x.yaml"), ("/elsewhere/x.yaml", nil),
    ] as [(String, String?)])
    func pathsAreRelativeToTheRepositoryRoot(_ path: String, _ expected: String?) throws {
        let root = SARIFFormatter.SourceRoot(root: "/repo", workingDirectory: "/repo/sub")
        #expect(SARIFFormatter.repositoryPath(path, in: root) == expected)
        let r = try run([ValidationResult.unreadable(file: path, reason: "no such file")], root: root)
        let artifact = try #require(
            ((results(r).first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: String])
        if let expected {
            #expect(artifact == ["uri": expected, "uriBaseId": "%SRCROOT%"])
        } else {
            #expect(artifact == ["uri": "file:///elsewhere/x.yaml"], "outside the repository only")
        }
        let base = try #require((r["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])
        #expect(base["uri"] as? String == "file:///repo/")
    }

    @Test func relativePathsWithoutARootAreNormalised() throws {
        let r = try run([ValidationResult.unreadable(file: "./a/../b/c.yaml", reason: "no such file")])
        let artifact = ((results(r).first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
            "artifactLocation"] as? [String: String]
        #expect(artifact == ["uri": "b/c.yaml", "uriBaseId": "%SRCROOT%"])
    }

    @Test func messagesAreSentencesThatLinkTheirRelatedLocations() throws {
        let result = PlanValidator().validate(text: SARIFFormatterTests.jp201, file: "plans/a.yaml")
        let r = try run([result])
        #expect(!results(r).isEmpty)
        for sarif in results(r) {
            let text = try #require((sarif["message"] as? [String: Any])?["text"] as? String)
            #expect(text.hasSuffix("."), "\(text)")
            let related = sarif["relatedLocations"] as? [[String: Any]] ?? []
            for location in related {
                let id = try #require(location["id"] as? Int)
                #expect(text.contains("](\(id))"), "\(text) does not link related location \(id)")
                #expect(((location["message"] as? [String: Any])?["text"] as? String)?.hasSuffix(".") == true)
            }
        }
        #expect(SARIFFormatter.linkText("a [b] c\\.") == "a \\[b\\] c\\\\")
    }

    @Test func anUnreadableFileIsAResultAndANotification() throws {
        let unread = ValidationResult.unreadable(file: "plans/gone.yaml", reason: "no such file")
        let r = try run([unread, PlanValidator().validate(text: ExamplePlan.text(), file: "plans/ok.yaml")])
        #expect(results(r).map { $0["ruleId"] as? String } == ["JP008"])
        #expect(results(r).first?["level"] as? String == "error")
        let invocation = try #require((r["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.count == 1)
        #expect((notes.first?["descriptor"] as? [String: Any])?["id"] as? String == "JP008")
        #expect(((notes.first?["message"] as? [String: Any])?["text"] as? String)?.contains("no such file") == true)
        let clean = try run([PlanValidator().validate(text: ExamplePlan.text(), file: "plans/ok.yaml")])
        let ok = try #require((clean["invocations"] as? [[String: Any]])?.first)
        #expect(ok["executionSuccessful"] as? Bool == true)
        #expect(ok["toolExecutionNotifications"] == nil)
    }
}
