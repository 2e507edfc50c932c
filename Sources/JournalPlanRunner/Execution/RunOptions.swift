/// Everything `plan run` was asked to do, as flags say it.
public struct RunOptions: Sendable {
    public enum ExchangeChoice: String, Sendable, CaseIterable { case powershell, simulate }
    public enum MimecastChoice: String, Sendable, CaseIterable { case api, manual, simulate }

    /// The options a run remembers in its state (``RunState/adapterOptions`` and the adapter names).
    public enum Remembered: String, Sendable, CaseIterable { case exchange, mimecast, shell, connectionURI }

    public var exchange: ExchangeChoice = .powershell
    public var mimecast: MimecastChoice = .manual
    /// The remembered options the command line gave. On `--resume` the others are taken from the state,
    /// so `plan run FILE --resume` continues with the adapters, `--shell` and `--connection-uri` the run
    /// started with. Default: all given (callers that set options in code mean them).
    public var given: Set<Remembered> = Set(Remembered.allCases)
    /// Print what every node would do; touch nothing (no state, no lock).
    public var dryRun = false
    /// The state file; default `<plan name>.state.json` (`<plan name>.simulation.state.json` when a system is
    /// simulated) in the working directory.
    public var statePath: String?
    public var resume = false
    /// Accept a plan whose hash changed since the state was written.
    public var replan = false
    /// Step ids or node keys approved on the command line.
    public var approvals: Set<String> = []
    /// `--yes`: approve the gates that only wait for software; never a person's step or the point of no return.
    public var yes = false
    /// Fan-out nodes run in parallel up to this many at once.
    public var parallel = 4
    /// The nodes of a stop-transport or start-transport step run up to this many at once (at least
    /// `parallel`), so the outage lasts as long as the slowest server, not the sum (issue 18); the
    /// script's `-MaxParallel` has the same default.
    public var maxParallel = RunOptions.defaultMaxParallel
    public static let defaultMaxParallel = 256
    /// How long each simulated operation takes (`--latency KEY=DURATION`).
    public var latency = LatencyModel()
    public var ignoreWindow = false
    public var forceUnlock = false
    /// Simulated messages spread over the run.
    public var traffic = 0
    /// Step ids or node keys whose apply fails in the simulator.
    public var failSteps: Set<String> = []
    /// Faults of the live estate the simulator models (`--estate-fault`).
    public var estateFaults: Set<EstateFault> = []
    /// Where the simulator writes its JSON report.
    public var reportPath: String?
    /// The PowerShell host command line for the powershell adapter.
    public var shell: String?
    public var connectionURI: String?
    /// Test only (`JOURNALPLAN_TEST_KILL_AFTER`): SIGKILL this process right after recording the node with
    /// this key as done (`KEY:applied`: after its apply, before it is recorded as done).
    public var testKillAfter: String?

    public init() {}

    /// Whether the run simulates at least one system.
    public var simulates: Bool { exchange == .simulate || mimecast == .simulate }
}
