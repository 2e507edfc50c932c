import Foundation
import JournalPlanCore
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
        #expect((related.first?["message"] as? [String: Any])?["text"] as? String == expected.notes.first?.message)
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
        #expect(texts == TraceFixture.noteTexts)
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
