import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// The simulator models the live estate's faults the preflight must see (issue 16): each one is caught
/// by its own check, with its own message, before anything changes, and the rehearsal says what the
/// check prevents (the same run without it, on the same simulated estate).
@Suite(.serialized) struct EstateFaultTests {
    static var plan2016: String { Fixtures.planPaths.first { $0.contains("2016") }! }

    static func run(_ fault: EstateFault, plan: String = plan2016) async -> (RunExit, RecordingConsole, [String: Any]) {
        let dir = Fixtures.temporaryDirectory()
        return await Fixtures.simulate(plan, directory: dir) {
            $0.yes = true
            $0.approvals = ["delete-pop3"]  // --yes never approves the point of no return
            $0.estateFaults = [fault]
        }
    }

    @Test(arguments: [
        (EstateFault.unlistedRule, "unlisted-journal-rules"),
        (EstateFault.wildcardAcceptedDomain, "journal-domain-not-accepted"),
        (EstateFault.connectorError, "smtp-connector-status"),
    ])
    func aPreflightFaultStopsTheRunBeforeAnythingChanges(_ fault: EstateFault, _ check: String) async throws {
        let (exit, console, report) = await Self.run(fault)
        #expect(exit == .failed, "\(console.text)")
        let line = try #require(console.lines.first { $0.hasPrefix("plan run: preflight: \(check): ") }, "\(console.text)")
        // The rehearsal without the check loses journal reports; the preflight keeps the estate untouched.
        let lost = try #require(line.firstMatch(of: /without this check the rehearsal loses (\d+) of (\d+) journal reports/))
        #expect(Int(lost.1)! > 0, "\(line)")
        #expect(console.text.contains("the preflight failed; nothing was changed"))
        #expect(report.isEmpty || (report["nodes"] as? [[String: Any]] ?? []).allSatisfy { $0["status"] as? String == "pending" })
    }

    /// An Edge Transport server beside the plan's servers does not journal and is not stopped: it is not
    /// counted, and the run cuts over without loss.
    @Test func anEdgeServerIsNotCounted() async {
        let (exit, console, report) = await Self.run(.edgeServer)
        #expect(exit == .done, "\(console.text)")
        #expect(report["lost"] as? Int == 0)
        #expect(!console.text.contains("preflight:"))
    }

    /// Managed Availability starts a stopped transport service inside the outage: the rule change first
    /// finds it running, fails, and the compensation restores journaling and starts transport. Nothing is
    /// lost; the rehearsal without the re-check would have lost reports.
    @Test func transportRestartedInsideTheOutageFailsTheRuleChange() async throws {
        let (exit, console, report) = await Self.run(.transportRestarted)
        #expect(exit == .failed, "\(console.text)")
        #expect(console.text.contains("A transport service is running again inside the outage"), "\(console.text)")
        #expect(report["lost"] as? Int == 0, "\(report)")
        let estate = report["estate"] as? [String: Any] ?? [:]
        let journaling = estate["journaling"] as? [[String: Any]] ?? []
        #expect(!journaling.isEmpty && journaling.allSatisfy { $0["enabled"] as? Bool == true && $0["target"] as? String == "mailbox" })
        let transport = estate["transport"] as? [String: String] ?? [:]
        #expect(transport.values.allSatisfy { $0 == "running" })
        let graph = try #require(Fixtures.graph(Self.plan2016))
        #expect(SimulationWorld.rehearsalLoss(graph: graph, fault: .transportRestarted, traffic: 1000).lost > 0)
    }

    /// Without any fault the rehearsal loses nothing: the loss counted for a fault is the fault's own.
    @Test func theRehearsalWithoutAFaultLosesNothing() throws {
        for path in Fixtures.planPaths {
            let graph = try #require(Fixtures.graph(path))
            #expect(SimulationWorld.rehearsalLoss(graph: graph, fault: nil, traffic: 1000).lost == 0, "\(path)")
        }
    }

    /// Journal-report decryption off is a warning: the run says so and cuts over without loss.
    @Test func irmDecryptionOffWarnsAndGoesOn() async {
        let (exit, console, report) = await Self.run(.irmDecryptionOff)
        #expect(exit == .done, "\(console.text)")
        #expect(console.lines.contains { $0.hasPrefix("plan run: preflight: warning: irm-journal-decryption: IRM journal-report decryption is off") },
            "\(console.text)")
        #expect(report["lost"] as? Int == 0)
    }

    @Test func anUnknownFaultNameIsRefused() {
        #expect(EstateFault(rawValue: "no-such-fault") == nil)
        #expect(EstateFault.allCases.map(\.rawValue).contains("unlisted-rule"))
    }
}
