import JournalPlanCore

/// What happened to the simulated messages. Every sent message ends in exactly one of journaledPOP3,
/// journaledSMTP, duplicated, lost or pending (reports still waiting in the journal mailbox).
public struct TrafficCounters: Codable, Sendable, Equatable {
    public var sent = 0
    public var journaledPOP3 = 0
    public var journaledSMTP = 0
    public var duplicated = 0
    public var lost = 0
    /// Messages senders hold back while no transport service accepts mail.
    public var deferred = 0
    /// Traffic ticks already sent (one before the first node and one after each finished node).
    public var ticks = 0
    /// Sequence number of the next message (decides a standard-journaling message's database).
    public var nextMessage = 0
}

extension SimulatedEstate {
    /// Sends `count` messages (plus any deferred ones) if a transport service runs, journals each by the
    /// current state, then lets the POP3 connector pull the journal mailbox.
    mutating func sendTraffic(_ count: Int) {
        counters.deferred += count
        if transportRunning {
            let batch = counters.deferred
            counters.deferred = 0
            for _ in 0..<batch { journal() }
        }
        pull()
    }

    /// One message: each rule (premium, every message is in scope of every rule) or the message's database
    /// (standard) writes a report to its target. A disabled rule or a refused contact loses it.
    private mutating func journal() {
        counters.sent += 1
        let number = counters.nextMessage
        counters.nextMessage += 1
        let inScope: [Journaler] =
            standard ? (journalers.isEmpty ? [] : [journalers[number % journalers.count]]) : journalers
        var lost = inScope.isEmpty
        var toMailbox = false
        var toContact = false
        for journaler in inScope {
            if !journaler.enabled {
                lost = true
            } else if journaler.target == JournalTarget.contact.rawValue {
                if contactAccepts { toContact = true } else { lost = true }
            } else if pop3Present {
                toMailbox = true
            } else {
                lost = true  // nothing drains the journal mailbox any more
            }
        }
        if lost {
            counters.lost += 1
        } else if toMailbox && toContact {
            counters.duplicated += 1
        } else if toContact {
            counters.journaledSMTP += 1
        } else {
            mailboxQueue += 1
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
