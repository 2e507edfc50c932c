import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// `--format github`: every line is a well-formed workflow command, escaping round-trips, totals come last.
@Suite struct GitHubAnnotationFormatterTests {
    /// `::error file=…,line=…,col=…[,endLine=…,endColumn=…],title=…::message`, with escaped values.
    static var annotationPattern: Regex<(Substring, Substring, Substring?)> {
        #/^::(error|warning|notice) file=[^,:\r\n]*,line=[0-9]+,col=[0-9]+(,endLine=[0-9]+,endColumn=[0-9]+)?,title=[^,:\r\n]*::[^\r\n]*$/#
    }
    static var summaryPattern: Regex<(Substring, Substring, Substring, Substring)> {
        #/^::notice title=JournalPlan::([0-9]+) errors?, ([0-9]+) warnings? in ([0-9]+) files?$/#
    }

    /// What the Actions runner does to a value: the inverse of the escaping.
    static func unescape(_ text: String) -> String {
        var out = text
        for (code, plain) in [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")] {
            out = out.replacingOccurrences(of: code, with: plain)
        }
        return out
    }

    @Test func linesAreWorkflowCommandsEndingWithTotals() throws {
        let results = [
            PlanValidator().validate(text: SARIFFormatterTests.jp201, file: "plans/a, b: c.yaml"),
            PlanValidator().validate(text: "a: [", file: "plans/broken.yaml"),
            TraceFixture.result(),
        ]
        let all = results.flatMap(\.diagnostics)
        let lines = GitHubAnnotationFormatter.lines(results).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let body = lines.dropLast()
        #expect(body.count == all.count + 1)
        for line in body.dropLast() {
            #expect(line.wholeMatch(of: Self.annotationPattern) != nil, "\(line)")
        }
        let summary = try #require(body.last?.wholeMatch(of: Self.summaryPattern))
        #expect(Int(summary.1) == all.filter { $0.severity == .error }.count)
        #expect(Int(summary.2) == all.filter { $0.severity == .warning }.count)
        #expect(Int(summary.3) == 3)
        #expect(body.contains { $0.hasPrefix("::warning ") }, "the fixture's warning is a ::warning")
        #expect(body.contains { $0.contains("title=JP201 stop-before-disable::") })
    }

    @Test func annotationCarriesPositionsAndFoldsNotes() throws {
        let diagnostic = try #require(TraceFixture.result().diagnostics.first)
        let line = GitHubAnnotationFormatter.annotation(diagnostic)
        let start = diagnostic.location.range.start
        let end = diagnostic.location.range.end
        #expect(line.hasPrefix("::error file=plans/trace.yaml,line=\(start.line),col=\(start.column),endLine=\(end.line),endColumn=\(end.column),title=JP499 fixture-no-loss::"))
        let message = Self.unescape(String(line.split(separator: "::", maxSplits: 2)[1]))
        let expectedNotes = diagnostic.notes.enumerated().map { i, n in
            "note: plans/trace.yaml:\(n.location.range.start.line):\(n.location.range.start.column): \(i + 1). \(n.message)"
        }
        #expect(message == ([diagnostic.message] + expectedNotes).joined(separator: "\n"))
    }

    @Test(arguments: ["plain", "a:b,c", "100% done\r\nnext line", "%0A literal", "ümlaut: ✓, %25", "", ":::,,,%%%"])
    func escapingRoundTrips(_ text: String) {
        let property = GitHubAnnotationFormatter.escapeProperty(text)
        let data = GitHubAnnotationFormatter.escapeData(text)
        #expect(Self.unescape(property) == text)
        #expect(Self.unescape(data) == text)
        #expect(!property.contains(":") && !property.contains(",") && !property.contains("\n") && !property.contains("\r"))
        #expect(!data.contains("\n") && !data.contains("\r"))
    }

    @Test func noDiagnosticsStillReportsTotals() {
        let clean = PlanValidator().validate(text: ExamplePlan.text(), file: "plans/ok.yaml")
        let errorsAndWarnings = clean.diagnostics.filter { $0.severity >= .warning }
        #expect(errorsAndWarnings.isEmpty)
        let out = GitHubAnnotationFormatter.lines([clean])
        #expect(out.hasSuffix("::notice title=JournalPlan::0 errors, 0 warnings in 1 file\n"))
    }
}

/// The `--format json` document of a counter-example, kept as a golden; `Scripts/checks/sarif.sh` validates
/// it (and real outputs) against `schemas/diagnostics.schema.json`.
@Suite struct DiagnosticsJSONGoldenTests {
    @Test func traceDocument() throws {
        let text = JSONDiagnosticFormatter.document([TraceFixture.result()]).rendered(pretty: true) + "\n"
        GoldenFile.check(text, fixture: "json/trace.json")
    }
}
