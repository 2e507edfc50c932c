import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// Issue 18: the outage as short as the slowest server, in simulated time.
@Suite(.serialized) struct OutageTests {
    static let plan = Fixtures.planPaths.first { $0.contains("2016") }!

    static func outage(_ report: [String: Any]) -> [String: Any] { report["outage"] as? [String: Any] ?? [:] }

    /// With the default latencies the two servers stop and start together: the outage is one stop, the
    /// rule writes and one start (each with its read), not two of each.
    @Test func theOutageIsAsLongAsTheSlowestServer() async throws {
        let (exit, console, report) = await Fixtures.simulate(Self.plan, directory: Fixtures.temporaryDirectory()) {
            $0.yes = true; $0.approvals = ["delete-pop3"]
        }
        #expect(exit == .done, "\(console.text)")
        let outage = Self.outage(report)
        // stop 45 + 3 rule nodes (1 s check + 1 s write each) + start 1 s check + 30 s.
        #expect(outage["seconds"] as? Int == 45 + 3 * 2 + 1 + 30, "\(outage)")
        #expect(outage["ended"] as? Bool == true)
        let path = outage["criticalPath"] as? [String] ?? []
        #expect(path.first?.hasPrefix("stop-transport@") == true && path.last?.hasPrefix("start-transport@") == true, "\(path)")
        #expect(path.contains("enable-rule@Journal All Mail"))
        #expect(console.text.contains("outage 1m 22s from the first stop to the last start"))
        // The runbook's expected outage is what the rehearsal measures.
        let graph = try #require(Fixtures.graph(Self.plan))
        #expect(OutageEstimate(graph: graph)?.seconds == outage["seconds"] as? Int)
    }

    /// A slower server sets the outage: EX02 taking 2 minutes to stop makes it 75 s longer, not more.
    @Test func oneSlowServerSetsTheOutage() async throws {
        let (exit, _, report) = await Fixtures.simulate(Self.plan, directory: Fixtures.temporaryDirectory()) {
            $0.yes = true; $0.approvals = ["delete-pop3"]
            try! $0.latency.set("stop-transport@EX02=2m")
        }
        #expect(exit == .done)
        let outage = Self.outage(report)
        #expect(outage["seconds"] as? Int == 120 + 3 * 2 + 1 + 30, "\(outage)")
        #expect((outage["criticalPath"] as? [String])?.first == "stop-transport@EX02")
    }

    /// With --parallel 1 and --max-parallel 1 the servers go one after the other: the outage grows.
    @Test func withoutParallelismTheOutageIsTheSum() async throws {
        let (exit, _, report) = await Fixtures.simulate(Self.plan, directory: Fixtures.temporaryDirectory()) {
            $0.yes = true; $0.approvals = ["delete-pop3"]
            $0.parallel = 1
            $0.maxParallel = 1
        }
        #expect(exit == .done)
        // The first stop's read comes before the outage; the second server's is inside it.
        #expect(Self.outage(report)["seconds"] as? Int == 45 + 46 + 3 * 2 + 2 * 31)
    }

    /// A server that stops late but inside the timeout is fine: its node is done, the outage is longer.
    @Test func aServerThatStopsLateInsideTheTimeoutIsFine() async throws {
        let (exit, console, report) = await Fixtures.simulate(Self.plan, directory: Fixtures.temporaryDirectory()) {
            $0.yes = true; $0.approvals = ["delete-pop3"]
            try! $0.latency.set("stop-transport@EX02=9m")
        }
        #expect(exit == .done, "\(console.text)")
        let nodes = report["nodes"] as? [[String: Any]] ?? []
        #expect(nodes.first { $0["id"] as? String == "stop-transport@EX02" }?["status"] as? String == "done")
        #expect(Self.outage(report)["seconds"] as? Int == 540 + 3 * 2 + 1 + 30)
    }

    /// A server that never stops fails its node after the timeout; the other server stopped, so the
    /// outage began: compensation restores journaling, reads it back and starts transport everywhere.
    @Test func aServerThatNeverStopsFailsItsNodeAndIsCompensated() async throws {
        let (exit, console, report) = await Fixtures.simulate(Self.plan, directory: Fixtures.temporaryDirectory()) {
            $0.yes = true; $0.approvals = ["delete-pop3"]
            $0.traffic = 100
            try! $0.latency.set("stop-transport@EX02=never")
        }
        #expect(exit == .failed)
        #expect(console.text.contains("stop-transport@EX02: the transport services were not Stopped within 600 s"), "\(console.text)")
        #expect(console.text.contains("failure inside the outage: restoring journaling, rules and transport"))
        #expect(console.text.contains("undone   stop-transport@EX01"))
        let nodes = report["nodes"] as? [[String: Any]] ?? []
        #expect(nodes.first { $0["id"] as? String == "stop-transport@EX02" }?["status"] as? String != "done")
        let estate = report["estate"] as? [String: Any] ?? [:]
        let transport = estate["transport"] as? [String: String] ?? [:]
        #expect(transport == ["EX01": "running", "EX02": "running"], "\(transport)")
        #expect(report["lost"] as? Int == 0)
        // The outage lasted the timeout plus the compensation's restart (both servers at once).
        let outage = Self.outage(report)
        #expect(outage["ended"] as? Bool == true)
        let seconds = try #require(outage["seconds"] as? Int)
        #expect(seconds >= 600 && seconds < 600 + 2 * 30 + 10, "\(outage)")
    }

    @Test func badLatenciesAreRefusedReadably() {
        var model = LatencyModel()
        #expect(throws: AdapterError.self) { try model.set("stop-transport") }
        #expect(throws: AdapterError.self) { try model.set("stop-transprt=45s") }
        #expect(throws: AdapterError.self) { try model.set("stop-transport=fast") }
        do {
            try model.set("stop-transprt=45s")
        } catch {
            #expect("\(error)".contains("unknown operation 'stop-transprt'"))
        }
        try? model.set("start-transport@EX01=0")
        #expect(model.latency("start-transport", target: "EX01") == 0)
        #expect(model.latency("start-transport", target: "EX02") == 30)
    }
}
