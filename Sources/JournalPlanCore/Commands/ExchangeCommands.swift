/// Translates graph nodes into typed PowerShell programs for the plan's Exchange version. The script
/// renderer and the runner's PowerShell adapter both use it, so they send exactly the same commands.
public struct ExchangeCommands: Sendable {
    public let graph: StepGraph
    public let variables: PlanVariables

    public init(graph: StepGraph) {
        self.graph = graph
        self.variables = PlanVariables(plan: graph.plan)
    }

    var plan: Plan { graph.plan }
    var version: ExchangeVersion { plan.exchange.version.value }

    /// The program of one node (convenience for a single call; build one ``ExchangeCommands`` for many).
    public static func program(for node: GraphNode, in graph: StepGraph) -> NodeProgram {
        ExchangeCommands(graph: graph).program(for: node)
    }

    /// The preflight checks of a plan (docs/design.md §6).
    public static func preflight(for plan: Plan) -> [PreflightCheck] {
        Preflight(plan: plan, variables: PlanVariables(plan: plan)).checks
    }

    /// The preflight checks, reusing this plan's variables (the static form declares them again).
    public var preflight: [PreflightCheck] {
        Preflight(plan: plan, variables: variables).checks
    }

    /// The program of one node: check, apply and undo.
    public func program(for node: GraphNode) -> NodeProgram {
        let step = graph.steps[node.step]
        let target = variables.target(node.target, in: plan).map(PowerShellValue.variable) ?? .string(node.target.description)
        switch step.action {
        case .createContact: return createContact()
        case .setNDRMailbox: return setNDRMailbox()
        case .createSendConnector: return createSendConnector(step: node.step)
        case .stopTransport: return transport(stop: true, server: target)
        case .startTransport: return transport(stop: false, server: target)
        case .disableJournalRule: return journalRule(enable: false, rule: target, step: node.step)
        case .enableJournalRule: return journalRule(enable: true, rule: target, step: node.step)
        case .setJournalRecipient(let to, _, _):
            return node.target.isDatabase
                ? databaseRecipient(to.value, database: target, step: node.step)
                : ruleRecipient(to.value, rule: target, step: node.step)
        case .confirmJournaling(let timeout, let probe):
            return confirmJournaling(step: node.step, timeout: timeout.value, hasProbe: probe != nil)
        case .requestJournalDomain: return requestJournalDomain(step: node.step)
        case .createConnector(let id): return createConnector(step: node.step, connector: id.value)
        case .disableConnector(let id): return disableConnector(step: node.step, connector: id.value)
        case .waitConnectorDrained(let id, let timeout, let poll):
            return waitDrained(step: node.step, connector: id.value, timeout: timeout.value, poll: poll.value)
        case .deleteConnector(let id): return deleteConnector(step: node.step, connector: id.value)
        case .manual: return manual(step: node.step)
        }
    }

    // MARK: Building blocks

    /// An Exchange cmdlet call (``PlanVariables/exchangeCommand(_:_:server:)``).
    func exchange(_ cmdlet: String, _ parameters: [PowerShellParameter], server: PowerShellValue? = nil)
        -> PowerShellCommand
    {
        variables.exchangeCommand(cmdlet, parameters, server: server)
    }

    func v(_ variable: PowerShellVariable) -> PowerShellValue { .variable(variable) }
    func p(_ name: String, _ variable: PowerShellVariable) -> PowerShellParameter {
        PowerShellParameter(name, .variable(variable))
    }
    func identity(_ value: PowerShellValue) -> PowerShellParameter { PowerShellParameter("Identity", value) }
    var stepIDs: [PowerShellVariable] { variables.stepIDs }
}

extension NodeTarget {
    var isDatabase: Bool {
        if case .database = self { return true }
        return false
    }
}

/// What undoes a failure between stopping and starting transport, in the order it must happen:
/// journaling first, then a read-back, and transport only when the read-back shows journaling restored.
public struct Compensation: Sendable, Hashable {
    /// Every journal rule (or database) back to the journal mailbox, every rule enabled.
    public var restore: [ProgramAction]
    /// True when reading Exchange back shows every rule journaling to the journal mailbox and enabled
    /// (or every database's JournalRecipient is the journal mailbox).
    public var verify: PowerShellCondition
    /// Transport started on every server: only after `verify` holds.
    public var restart: [ProgramAction]
    /// What a person must do by hand when `verify` does not hold (transport is then left stopped).
    public var instructions: [GateLine]
}

extension ExchangeCommands {
    /// The compensation of a failure inside the outage (see ``Compensation``).
    public func compensation() -> Compensation {
        // The same commands as the apply parts of those nodes' programs, built without their checks and
        // undos.
        var restore: [ProgramAction] = []
        var verify: [PowerShellCondition] = []
        var instructions: [GateLine] = []
        let mailbox = v(variables.journalMailbox)
        if plan.exchange.journaling.value == .premium {
            for rule in variables.rules {
                restore.append(.run(setRuleRecipient(.mailbox, rule: v(rule))))
                restore.append(.run(switchRule(enable: true, rule: v(rule))))
                verify.append(
                    .exists(
                        PowerShellPipeline(
                            exchange("Get-JournalRule", [identity(v(rule))]),
                            where: [.addressEquals("JournalEmailAddress", mailbox), .equals("Enabled", .bool(true))])))
                instructions.append(
                    GateLine([
                        .text("Journal rule "), .value(v(rule)), .text(": point it at "), .value(mailbox),
                        .text(" and enable it (Set-JournalRule -JournalEmailAddress, Enable-JournalRule); check with Get-JournalRule."),
                    ]))
            }
        } else {
            for database in variables.databases {
                restore.append(.run(setDatabaseRecipient(.mailbox, database: v(database))))
                verify.append(
                    .exists(
                        PowerShellPipeline(
                            exchange("Get-MailboxDatabase", [identity(v(database))]),
                            where: [.sameRecipient("JournalRecipient", mailbox)])))
                instructions.append(
                    GateLine([
                        .text("Mailbox database "), .value(v(database)), .text(": set its JournalRecipient to "), .value(mailbox),
                        .text(" (Set-MailboxDatabase -JournalRecipient); check with Get-MailboxDatabase."),
                    ]))
            }
        }
        var restart: [ProgramAction] = []
        if !version.isOnline {
            // Every server at once: the compensation's restart is as long as the slowest server too.
            restart = transportControl(stop: false, servers: v(variables.transportServers))
            instructions.append(
                GateLine([
                    .text("Only then start the transport services ("
                        + TransportServices.names(for: version).reversed().joined(separator: ", ") + ") on: "),
                    .value(v(variables.transportServers)),
                ]))
        }
        return Compensation(restore: restore, verify: .all(verify), restart: restart, instructions: instructions)
    }
}
