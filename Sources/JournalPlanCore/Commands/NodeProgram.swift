/// What one graph node does, as data: a check (is it already done?), the actions that apply it and,
/// where one exists, the actions that undo it. The script and the runner's PowerShell adapter render the
/// same programs with ``PowerShellRenderer``.
public struct NodeProgram: Sendable, Hashable {
    /// True when the node's effect is already in place (the node is skipped); nil when only a person or
    /// the state file can tell (manual gates).
    public var check: PowerShellCondition?
    public var apply: [ProgramAction]
    /// nil when the node cannot be undone (a deleted connector) or has nothing to undo (checks, waits).
    public var undo: [ProgramAction]?
    /// Stopping transport: the outage window must be open (unless the operator overrides it).
    public var requiresWindow: Bool
    /// One line for `ShouldProcess` and logs (tool text only; plan values are shown through variables).
    public var summary: String
    /// What the undo does, in the same form ("Start the transport services again"): rollback shows this,
    /// never the forward summary. nil when there is no undo.
    public var undoSummary: String?
    /// The undo removes an object the apply created (a contact, a connector): when the check found that
    /// object already there, the run did not create it and a rollback leaves it in place.
    public var undoRemovesCreated: Bool

    public init(
        check: PowerShellCondition?, apply: [ProgramAction], undo: [ProgramAction]?, requiresWindow: Bool = false,
        summary: String, undoSummary: String? = nil, undoRemovesCreated: Bool = false
    ) {
        self.check = check
        self.apply = apply
        self.undo = undo
        self.requiresWindow = requiresWindow
        self.summary = summary
        self.undoSummary = undoSummary
        self.undoRemovesCreated = undoRemovesCreated
    }

    /// Every command the program can send (apply, undo and the check's pipelines), for scans and tests.
    public var commands: [PowerShellCommand] {
        var out: [PowerShellCommand] = []
        for action in apply + (undo ?? []) { out += action.commands }
        if let check { out += check.commands }
        return out
    }
}

/// One action of a node program.
public enum ProgramAction: Sendable, Hashable {
    /// Run a command.
    case run(PowerShellCommand)
    /// A person does something outside Exchange and confirms by typing the step id.
    case gate(ManualGate)
    /// Poll until the condition holds, failing after the timeout.
    case wait(PollingWait)
    /// Record a value Exchange holds now (before a change), so an undo can restore it.
    case remember(RememberedValue)
    /// Run the actions only if a value was remembered (the change was made by this plan); otherwise
    /// there is nothing to restore.
    indirect case ifRemembered(String, [ProgramAction])
    /// Look a value up once and keep it in a run-time variable, before a wait polls a condition that
    /// uses it (one lookup, not one per poll or per object, and never inside another Exchange pipeline).
    case lookup(RuntimeVariable, PowerShellValue)
    /// Bring Windows services on one or more servers to a state: every server is asked first (the
    /// request returns at once), then each is waited for with a timeout (see ``ServiceControl``).
    case controlServices(ServiceControl)
    /// Stop with `failure` (tool text) unless the condition holds now: a precondition of the node's
    /// change that may have stopped holding since the preflight (transport restarted inside the outage).
    case require(PowerShellCondition, failure: String)
}

/// Stopping or starting Windows services on servers so that the outage is as long as the slowest
/// server, not the sum of them: for each service in order, every server is asked (`ServiceController.Stop()`
/// or `.Start()`, which return at once), then each is waited for (`WaitForStatus` with what is left of
/// the timeout). A server that does not reach the state in time fails; the others are not held back by it.
/// Windows PowerShell 2.0 and .NET 2.0 have all of it (System.ServiceProcess.ServiceController).
public struct ServiceControl: Sendable, Hashable {
    /// One server (a node), the transport-servers array (compensation), or a run-time list (the servers
    /// of one step that the script gathered, see ``RuntimeVariable/serviceGroup``).
    public var servers: PowerShellValue
    /// In control order: stop order when stopping, start order when starting.
    public var services: [String]
    /// Services controlled only where installed (Exchange 2013 Mailbox-only servers lack the front end).
    public var optional: [String]
    public var stop: Bool
    /// How long each service may take to reach the state, counted from the moment it was asked.
    public var timeoutSeconds: Int

    public init(servers: PowerShellValue, services: [String], optional: [String], stop: Bool, timeoutSeconds: Int) {
        self.servers = servers
        self.services = services
        self.optional = optional
        self.stop = stop
        self.timeoutSeconds = timeoutSeconds
    }

    /// The status the services must reach (`ServiceControllerStatus`).
    public var status: String { stop ? "Stopped" : "Running" }

    /// The helper call: `Set-JpServiceState -Servers … -Names @(…) -Status 'Stopped' -TimeoutSeconds N`,
    /// with a throttle and a table for per-server failures when the script runs a whole step at once
    /// (without a table, any failure throws).
    ///
    /// `noWait`: ask the next service that is not yet there (in order, so a server's front end is down
    /// before its transport service is asked) and answer `$true` once every service is there, without
    /// waiting: `plan run` sends this again and again, so its host carries every server's polls at once.
    public func command(maxParallel: PowerShellValue? = nil, failures: PowerShellValue? = nil, noWait: Bool = false)
        -> PowerShellCommand
    {
        var parameters = [
            PowerShellParameter("Servers", servers), PowerShellParameter("Names", .stringArray(services)),
        ]
        if !optional.isEmpty { parameters.append(PowerShellParameter("Optional", .stringArray(optional))) }
        parameters += [
            PowerShellParameter("Status", .string(status)), PowerShellParameter("TimeoutSeconds", .int(timeoutSeconds)),
        ]
        if let maxParallel { parameters.append(PowerShellParameter("MaxParallel", maxParallel)) }
        if let failures { parameters.append(PowerShellParameter("Failures", failures)) }
        if noWait { parameters.append(PowerShellParameter("NoWait", nil)) }
        return PowerShellCommand(ServiceControl.helper, parameters, server: nil)
    }

    /// The script helper that carries it out (``ScriptHelpers/serviceHelper``).
    public static let helper = "Set-JpServiceState"
}

/// A value read from Exchange before a change and kept with the run's state (`name` is tool text).
public struct RememberedValue: Sendable, Hashable {
    public var name: String
    /// The command whose first result holds the value.
    public var command: PowerShellCommand
    public var property: String

    public init(name: String, command: PowerShellCommand, property: String) {
        self.name = name
        self.command = command
        self.property = property
    }
}

/// A manual gate: what to do, where, and what to check before confirming.
public struct ManualGate: Sendable, Hashable {
    /// The step id the operator types to confirm.
    public var stepID: PowerShellValue
    /// Mimecast console path such as `Administration | Services | Journaling` (tool text), if any.
    public var consolePath: String?
    /// Lines shown to the operator; each is tool text and plan values.
    public var lines: [GateLine]

    public init(stepID: PowerShellValue, consolePath: String?, lines: [GateLine]) {
        self.stepID = stepID
        self.consolePath = consolePath
        self.lines = lines
    }
}

/// A line of operator text: tool text and plan values, joined without interpolation.
public struct GateLine: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case value(PowerShellValue)
    }

    public var parts: [Part]

    public init(_ parts: [Part]) { self.parts = parts }

    /// A line of tool text only.
    public static func text(_ text: String) -> GateLine { GateLine([.text(text)]) }
}

/// Polls a condition every `pollSeconds` until it holds or `timeoutSeconds` pass.
public struct PollingWait: Sendable, Hashable {
    public var condition: PowerShellCondition
    public var timeoutSeconds: Int
    public var pollSeconds: Int
    /// What is being waited for (tool text).
    public var description: String

    public init(condition: PowerShellCondition, timeoutSeconds: Int, pollSeconds: Int, description: String) {
        self.condition = condition
        self.timeoutSeconds = timeoutSeconds
        self.pollSeconds = pollSeconds
        self.description = description
    }
}

/// A preflight check: a condition that must hold before anything changes, and what it means when not.
public struct PreflightCheck: Sendable, Hashable {
    /// Stable kebab-case name (`transport-servers`).
    public var name: String
    /// What is checked (tool text), shown when it fails.
    public var summary: String
    /// Plan values the failure report shows after the summary.
    public var subjects: [PowerShellValue]
    public var condition: PowerShellCondition
    /// A warning, not a stop: when the condition does not hold the script and `plan run` say so and go on
    /// (journal-report decryption off loses nothing: the reports reach Mimecast still encrypted).
    public var advisory: Bool

    public init(
        name: String, summary: String, subjects: [PowerShellValue] = [], condition: PowerShellCondition,
        advisory: Bool = false
    ) {
        self.name = name
        self.summary = summary
        self.subjects = subjects
        self.condition = condition
        self.advisory = advisory
    }
}

extension ProgramAction {
    /// The commands this action sends.
    public var commands: [PowerShellCommand] {
        switch self {
        case .run(let c): [c]
        case .gate: []
        case .wait(let w): w.condition.commands
        case .remember(let r): [r.command]
        case .ifRemembered(_, let actions): actions.flatMap(\.commands)
        case .lookup: []
        case .controlServices(let control): [control.command()]
        case .require(let condition, _): condition.commands
        }
    }
}

extension PowerShellCondition {
    /// The commands this condition sends.
    public var commands: [PowerShellCommand] {
        switch self {
        case .exists(let p), .absent(let p), .sameNames(let p, _, _), .noneNamed(let p, _): [p.command]
        case .cmdletAvailable: []
        case .all(let cs), .any(let cs): cs.flatMap(\.commands)
        }
    }
}
