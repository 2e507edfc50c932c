/// What happened to the simulated messages. Every sent message ends in exactly one of journaledPOP3,
/// journaledSMTP, duplicated or lost, or is still pending in the journal mailbox.
public struct TrafficCounters: Codable, Sendable, Equatable {
    public var sent = 0
    public var journaledPOP3 = 0
    public var journaledSMTP = 0
    public var duplicated = 0
    public var lost = 0
    /// Messages senders hold back while no transport service accepts mail (they retry later).
    public var deferred = 0
    /// Messages that senders had to hold back at least once because no server accepted mail (the
    /// outage's cost: delayed, not lost).
    public var heldBack = 0
    /// Traffic ticks already sent (one before the first node and one after each finished node).
    public var ticks = 0
    /// Sequence number of the next message (decides a standard-journaling message's database).
    public var nextMessage = 0
}
