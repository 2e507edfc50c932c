import ArgumentParser
import Foundation
import JournalPlanCore
import JournalPlanRunner

extension RunOptions.ExchangeChoice: ExpressibleByArgument {}
extension RunOptions.MimecastChoice: ExpressibleByArgument {}

/// `plan run`: flags in, a ``PlanRunner`` run, its outcome out as the exit code. No logic of its own.
struct RunCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Execute a plan through adapters, durably (state, resume, gates, compensation).",
        discussion: """
            Examples:
              plan run plans/cutover.yaml --dry-run
              plan run plans/cutover.yaml --simulate --yes
              plan run plans/cutover.yaml
              plan run plans/cutover.yaml --resume --approve request-journal-domain

            Gates: a manual step, an irreversible one (delete-connector) and any step \
            the adapter cannot do (every Mimecast step under --mimecast manual) wait \
            for a person. On a terminal the run asks you to type the step id; \
            otherwise it finishes what else it can, saves the state, prints each \
            gate's instructions and exits 3. Approve with --approve <step-id> (or \
            --yes for every gate) and continue with --resume. Transport is stopped \
            only inside the plan's window unless --ignore-window.

            Exit status: 0 the run completed, 1 the plan has errors, the preflight \
            found a mismatch or a step failed (compensated inside the outage), 2 \
            usage or I/O (a held lock, a state without --resume, a changed plan \
            without --replan, output that cannot be written), 3 paused at a gate or \
            before the window (run again with --resume).
            """)

    @Argument(
        help: ArgumentHelp("The plan file, or - for standard input.", valueName: "plan-file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var plan: String

    @Option(help: ArgumentHelp(
        "Exchange adapter: powershell (default) or simulate. --resume takes it from the state.", valueName: "adapter"))
    var exchange: RunOptions.ExchangeChoice?

    @Option(help: ArgumentHelp(
        "Mimecast adapter: api, manual (default) or simulate. --resume takes it from the state.", valueName: "adapter"))
    var mimecast: RunOptions.MimecastChoice?

    @Flag(help: "Simulate both Exchange and Mimecast.")
    var simulate = false

    @Flag(help: "Print what every step would do; change nothing.")
    var dryRun = false

    /// The whole-run adapters `--adapter dry-run` and `--adapter simulate` (docs/design.md §7): exactly
    /// `--dry-run` and `--simulate`.
    enum WholeRunAdapter: String, ExpressibleByArgument, CaseIterable {
        case dryRun = "dry-run"
        case simulate
    }

    @Option(help: ArgumentHelp("Same as --dry-run or --simulate: dry-run or simulate.", valueName: "adapter"))
    var adapter: WholeRunAdapter?

    @Option(
        help: ArgumentHelp(
            "The state file (default: <plan name>.state.json, or <plan name>.simulation.state.json when a system is "
                + "simulated, in the working directory).", valueName: "file"),
        completion: .file(extensions: ["json"]))
    var state: String?

    @Flag(help: "Continue a run after a crash or a gate.")
    var resume = false

    @Flag(help: "Resume even though the plan changed since the state was written.")
    var replan = false

    @Option(
        name: .customLong("approve"),
        help: ArgumentHelp(
            "Approve the gate of this step or node (repeatable); with typing the id, the only way to approve a manual "
                + "or console step or the point of no return.", valueName: "step-id"),
        completion: .custom(StepCompletion.stepIDs))
    var approvals: [String] = []

    @Flag(help: ArgumentHelp(
        "Approve the gates that only wait for software (the console checks of confirm and drain).",
        discussion: "--yes is not a person: it never approves a manual step, a Mimecast console step or the point "
            + "of no return (delete-connector); each of those needs --approve ID, or the step id typed at the terminal."))
    var yes = false

    @Option(help: ArgumentHelp("Run up to this many fan-out nodes at once.", valueName: "n"))
    var parallel = 4

    @Option(
        help: ArgumentHelp(
            "Run up to this many nodes of a stop-transport or start-transport step at once (at least --parallel).",
            valueName: "n"))
    var maxParallel = RunOptions.defaultMaxParallel

    @Flag(help: "Stop transport even outside the plan's window.")
    var ignoreWindow = false

    @Flag(help: "Take the lock even if another run seems to hold it.")
    var forceUnlock = false

    @Option(help: ArgumentHelp("Simulated messages spread over the run.", valueName: "count"))
    var traffic = 0

    @Option(
        name: .customLong("fail-step"),
        help: ArgumentHelp("Make this step fail when applied (simulation; repeatable).", valueName: "step-id"),
        completion: .custom(StepCompletion.stepIDs))
    var failSteps: [String] = []

    @Option(
        name: .customLong("estate-fault"),
        help: ArgumentHelp(
            "Model a fault of the live estate (simulation; repeatable): \(EstateFault.names).", valueName: "fault"))
    var estateFaults: [String] = []

    @Option(
        name: .customLong("latency"),
        help: ArgumentHelp(
            "How long a simulated operation takes, e.g. stop-transport=45s, stop-transport@EX02=never (simulation; repeatable).",
            valueName: "kind[@target]=duration"))
    var latencies: [String] = []

    @Option(help: ArgumentHelp("Write the simulation report (JSON) to this file.", valueName: "file"), completion: .file())
    var report: String?

    @Option(help: ArgumentHelp("The PowerShell host command for the powershell adapter.", valueName: "command"))
    var shell: String?

    @Option(help: ArgumentHelp("The remoting connection URI for the powershell adapter.", valueName: "uri"))
    var connectionUri: String?

    func execute() async throws -> Int32 {
        var options = RunOptions()
        let simulateAll = simulate || adapter == .simulate
        options.exchange = simulateAll ? .simulate : exchange ?? .powershell
        options.mimecast = simulateAll ? .simulate : mimecast ?? .manual
        // What --resume does not repeat comes from the state (RunOptions.given).
        options.given = []
        if simulateAll || exchange != nil { options.given.insert(.exchange) }
        if simulateAll || mimecast != nil { options.given.insert(.mimecast) }
        if shell != nil { options.given.insert(.shell) }
        if connectionUri != nil { options.given.insert(.connectionURI) }
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
        for name in estateFaults {
            guard let fault = EstateFault(rawValue: name) else {
                Terminal.writeError("plan run: error: --estate-fault: no fault '\(name)' (one of: \(EstateFault.names))\n")
                throw ExitCode(2)
            }
            options.estateFaults.insert(fault)
        }
        options.reportPath = report
        options.shell = shell
        options.connectionURI = connectionUri
        options.testKillAfter = ProcessInfo.processInfo.environment["JOURNALPLAN_TEST_KILL_AFTER"]
        let bytes: [UInt8]
        do {
            bytes = try PlanInput.read(plan)
        } catch {
            Terminal.writeError("plan run: error: \(error)\n")
            return 2
        }
        let console = CheckedConsole()
        let exit = await PlanRunner(options: options, console: console).run(bytes, file: PlanInput.displayName(plan))
        if let failure = console.writeFailure {
            Terminal.writeError("plan run: error: \(failure); the run ended with exit status \(exit.rawValue)\n")
            return 2
        }
        return exit.rawValue
    }
}
