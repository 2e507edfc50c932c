import ArgumentParser
import Foundation
import JournalPlanCore
import JournalPlanRunner

extension RunOptions.ExchangeChoice: ExpressibleByArgument {}
extension RunOptions.MimecastChoice: ExpressibleByArgument {}

/// `plan run`: flags in, a ``PlanRunner`` run, its outcome out as the exit code. No logic of its own.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Execute a plan through adapters, durably (state, resume, gates, compensation).")

    @Argument(help: "The plan file, or - for standard input.")
    var plan: String

    @Option(help: "Exchange adapter: powershell or simulate.")
    var exchange: RunOptions.ExchangeChoice = .powershell

    @Option(help: "Mimecast adapter: api, manual or simulate.")
    var mimecast: RunOptions.MimecastChoice = .manual

    @Flag(help: "Simulate both Exchange and Mimecast.")
    var simulate = false

    @Flag(help: "Print what every step would do; change nothing.")
    var dryRun = false

    /// DESIGN §6 spells the whole-run adapters `--adapter dry-run` and `--adapter simulate`; they mean
    /// exactly `--dry-run` and `--simulate`.
    enum WholeRunAdapter: String, ExpressibleByArgument, CaseIterable {
        case dryRun = "dry-run"
        case simulate
    }

    @Option(help: "Same as --dry-run or --simulate: dry-run or simulate.")
    var adapter: WholeRunAdapter?

    @Option(help: "The state file (default: <plan name>.state.json in the working directory).")
    var state: String?

    @Flag(help: "Continue a run after a crash or a gate.")
    var resume = false

    @Flag(help: "Resume even though the plan changed since the state was written.")
    var replan = false

    @Option(name: .customLong("approve"), help: "Approve the gate of this step (repeatable).")
    var approvals: [String] = []

    @Flag(help: "Approve every gate.")
    var yes = false

    @Option(help: "Run up to this many fan-out nodes at once.")
    var parallel = 4

    @Option(help: "Run up to this many nodes of a stop-transport or start-transport step at once (at least --parallel).")
    var maxParallel = RunOptions.defaultMaxParallel

    @Flag(help: "Stop transport even outside the plan's window.")
    var ignoreWindow = false

    @Flag(help: "Take the lock even if another run seems to hold it.")
    var forceUnlock = false

    @Option(help: "Simulated messages spread over the run.")
    var traffic = 0

    @Option(name: .customLong("fail-step"), help: "Make this step fail when applied (simulation; repeatable).")
    var failSteps: [String] = []

    @Option(
        name: .customLong("latency"),
        help: "How long a simulated operation takes: KIND[@TARGET]=DURATION, e.g. stop-transport=45s, stop-transport@EX02=never (simulation; repeatable).")
    var latencies: [String] = []

    @Option(help: "Write the simulation report (JSON) here.")
    var report: String?

    @Option(help: "The PowerShell host command for the powershell adapter.")
    var shell: String?

    @Option(help: "The remoting connection URI for the powershell adapter.")
    var connectionUri: String?

    func run() async throws {
        var options = RunOptions()
        let simulateAll = simulate || adapter == .simulate
        options.exchange = simulateAll ? .simulate : exchange
        options.mimecast = simulateAll ? .simulate : mimecast
        options.dryRun = dryRun || adapter == .dryRun
        options.statePath = state
        options.resume = resume
        options.replan = replan
        options.approvals = Set(approvals)
        options.yes = yes
        options.parallel = parallel
        options.maxParallel = maxParallel
        for assignment in latencies {
            do {
                try options.latency.set(assignment)
            } catch {
                Terminal.writeError("plan run: error: \(error)\n")
                throw ExitCode(2)
            }
        }
        options.ignoreWindow = ignoreWindow
        options.forceUnlock = forceUnlock
        options.traffic = traffic
        options.failSteps = Set(failSteps)
        options.reportPath = report
        options.shell = shell
        options.connectionURI = connectionUri
        options.testKillAfter = ProcessInfo.processInfo.environment["JOURNALPLAN_TEST_KILL_AFTER"]
        let bytes: [UInt8]
        do {
            bytes = try PlanInput.read(plan)
        } catch {
            Terminal.writeError("plan run: error: \(error)\n")
            throw ExitCode(2)
        }
        let exit = await PlanRunner(options: options).run(bytes, file: PlanInput.displayName(plan))
        if exit != .done { throw ExitCode(exit.rawValue) }
    }
}
