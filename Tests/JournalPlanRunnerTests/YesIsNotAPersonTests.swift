import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// `--yes` approves only gates that wait for software; a console step, a manual step and the point of no
/// return each need `--approve ID` (or the id typed).
@Suite struct YesIsNotAPersonTests {
    static let plan = Fixtures.planPaths.first { $0.contains("2016") }!

    @Test func yesNeverApprovesThePointOfNoReturn() async {
        let dir = Fixtures.temporaryDirectory()
        let (exit, console, _) = await Fixtures.simulate(Self.plan, directory: dir) { $0.yes = true }
        #expect(exit == .paused)
        #expect(console.text.contains("gate     delete-pop3"))
        #expect(console.text.contains("--yes does not approve this"), "\(console.text)")
        let (resumed, _, _) = await Fixtures.simulate(Self.plan, directory: dir) {
            $0.yes = true
            $0.resume = true
            $0.approvals = ["delete-pop3"]
        }
        #expect(resumed == .done)
    }

    @Test func yesNeverMarksAConsoleStepDoneButPassesTheWaits() async throws {
        let dir = Fixtures.temporaryDirectory()
        let (exit, console, _) = await Fixtures.simulate(Self.plan, directory: dir) {
            $0.mimecast = .manual
            $0.yes = true
        }
        #expect(exit == .paused)
        // request-domain and create-smtp-connector are things a person does in the console or asks for.
        #expect(console.text.contains("gate     request-domain"), "\(console.text)")
        #expect(!console.text.contains("done     request-domain"))
        let state = try StateStore(path: dir + "/run.state.json").load()
        #expect(state.record("request-domain")?.approvedBy == nil)
        // With the console steps approved by id, --yes carries the run through confirm and drain (waits
        // on software) and stops only at the point of no return.
        let (second, resumed, _) = await Fixtures.simulate(Self.plan, directory: dir) {
            $0.mimecast = .manual
            $0.yes = true
            $0.resume = true
            $0.approvals = ["request-domain", "create-smtp-connector"]
        }
        #expect(second == .paused)
        let after = try StateStore(path: dir + "/run.state.json").load()
        #expect(after.record("confirm")?.approvedBy?.contains("--yes") == true, "\(resumed.text)")
        #expect(after.record("drain-pop3")?.approvedBy?.contains("--yes") == true)
        #expect(after.record("delete-pop3")?.approvedBy == nil)
    }
}
