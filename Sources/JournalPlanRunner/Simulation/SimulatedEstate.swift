import JournalPlanCore

/// The simulator's Exchange organisation and Mimecast account: the core's ``MailFlowState`` (the same
/// model the no-loss check reasons about) plus what a simulation counts: the reports waiting in the journal
/// mailbox and the fate of every message sent.
public struct SimulatedEstate: Sendable, Equatable {
    public var flow: MailFlowState
    /// Journal reports delivered to the journal mailbox and not yet pulled by the POP3 connector.
    public var mailboxQueue = 0
    public var counters = TrafficCounters()
    /// Where the live estate differs from the plan's picture (``EstateFault``).
    public var faults: Set<EstateFault> = []

    /// The estate before the cut-over, as the plan describes it (and, with `faults`, as it really is).
    public init(plan: Plan, faults: Set<EstateFault> = []) {
        flow = .initial(for: plan)
        self.faults = faults
    }

    /// Whether the POP3 connector was deleted (the journal mailbox is never pulled again).
    var pop3Deleted: Bool {
        guard let id = flow.pop3ConnectorID else { return false }
        return flow.connectors[id]?.presence == .deleted
    }

    /// Whether the POP3 connector pulls the journal mailbox now (a plan without one keeps that route working).
    var pop3Pulling: Bool {
        guard let id = flow.pop3ConnectorID else { return true }
        return flow.connectors[id]?.isWorking == true
    }

    /// Whether journal reports for the contact reach Mimecast now.
    var contactAccepts: Bool { flow.contactRouteProblem == nil }

    /// Sends `count` messages (plus any held back) through the servers that accept mail, round robin,
    /// journals each by the current state, then lets the POP3 connector pull the journal mailbox.
    mutating func sendTraffic(_ count: Int) {
        counters.deferred += count
        let servers = flow.acceptingServers
        if servers.isEmpty { counters.heldBack += count }
        if !servers.isEmpty {
            let batch = counters.deferred
            counters.deferred = 0
            for i in 0..<batch { journal(through: servers[i % servers.count]) }
        }
        pull()
    }

    /// One message, accepted by `server` (nil: Exchange Online). Standard journaling spreads recipients
    /// over the databases; premium messages match every rule.
    private mutating func journal(through server: String?) {
        let number = counters.nextMessage
        var database: String?
        if flow.journaling == .standard, !flow.flows.isEmpty { database = flow.flows[number % flow.flows.count].name }
        let outcome = flow.journalOutcome(acceptedBy: server, database: database)
        if case .notAccepted = outcome {
            counters.deferred += 1
            return
        }
        counters.sent += 1
        counters.nextMessage += 1
        switch outcome {
        case .notAccepted: break
        case .journaled(let routes):
            if faults.contains(.unlistedRule), pop3Deleted {
                counters.lost += 1  // the unlisted rule's report waits in a mailbox nobody pulls
            } else if routes.contains(.smtp), !routes.contains(.pop3),
                faults.contains(.wildcardAcceptedDomain) || faults.contains(.connectorError)
            {
                counters.lost += 1  // delivered locally (accepted domain), or refused by Mimecast (connector in error)
            } else if routes.contains(.pop3) {
                mailboxQueue += 1
            } else if routes.contains(.smtp) {
                counters.journaledSMTP += 1
            } else {
                counters.lost += 1  // no flow journals it
            }
        case .duplicated: counters.duplicated += 1
        case .lost: counters.lost += 1
        }
    }

    /// The POP3 connector pulls everything waiting in the journal mailbox, if it exists and is enabled.
    mutating func pull() {
        if pop3Pulling {
            counters.journaledPOP3 += mailboxQueue
            mailboxQueue = 0
        }
    }
}
