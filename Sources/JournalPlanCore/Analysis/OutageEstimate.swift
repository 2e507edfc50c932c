/// Typical times of the operations a cut-over runs, in seconds (issue 18): the defaults of the
/// simulator's latency model (`plan run --latency`) and of the runbook's expected outage. Stopping
/// MSExchangeTransport commonly takes tens of seconds, starting it a little less; a journal-rule or
/// database write and each read about a second. AD replication is not charged: the script and
/// `plan run` pin every read and write to the plan's domain controller, so no step waits for it.
public enum OperationLatency {
    /// One read (a node's check): Get-Service, Get-JournalRule, a Mimecast lookup.
    public static let check = 1

    public static let defaults: [ActionKind: Int] = [
        .stopTransport: 45, .startTransport: 30,
        .disableJournalRule: 1, .enableJournalRule: 1, .setJournalRecipient: 1,
        .createContact: 2, .setNDRMailbox: 1, .createSendConnector: 2,
    ]

    /// The typical time of one node of `kind`, without its check.
    public static func of(_ kind: ActionKind) -> Int { defaults[kind] ?? 0 }
}

/// How long mail is expected to stop, from the first stop request to the last server started, with
/// the typical times of ``OperationLatency``, as the script runs it: the servers of a stop or start
/// step together (as long as one server), every other node inside the outage one after another, each
/// with its check. Gates and waits inside the outage add the time people and conditions take, which
/// nothing can estimate: they are reported, not added.
public struct OutageEstimate: Sendable, Equatable {
    public var seconds: Int
    /// Steps between the first stop and the last start, in order (step ids).
    public var steps: [String]
    /// Steps inside the outage that wait for a person or a condition (not counted in `seconds`).
    public var open: [String]

    /// nil when the plan stops no transport.
    public init?(graph: StepGraph) {
        let nodes = graph.nodes
        let kinds = nodes.map { graph.steps[$0.step].kind }
        guard let first = kinds.firstIndex(of: .stopTransport) else { return nil }
        let last = kinds.lastIndex(of: .startTransport) ?? first
        guard first <= last else { return nil }
        var seconds = 0
        var steps: [String] = []
        var open: [String] = []
        var i = first
        while i <= last {
            let step = nodes[i].step
            var end = i
            while end + 1 <= last && nodes[end + 1].step == step { end += 1 }
            let kind = kinds[i]
            let id = graph.steps[step].id.value
            steps.append(id)
            switch kind {
            case .stopTransport, .startTransport:
                // Every server together; the first stop's check comes before the outage begins.
                seconds += (i == first ? 0 : OperationLatency.check) + OperationLatency.of(kind)
            case .manual, .confirmJournaling, .waitConnectorDrained, .requestJournalDomain, .createConnector,
                .disableConnector, .deleteConnector:
                open.append(id)
            default:
                seconds += (end - i + 1) * (OperationLatency.check + OperationLatency.of(kind))
            }
            i = end + 1
        }
        self.seconds = seconds
        self.steps = steps
        self.open = open
    }

    /// `1m 22s`.
    public static func spell(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60
        if h > 0 { return "\(h)h \(m)m \(s)s" }
        return m > 0 ? "\(m)m \(s)s" : "\(s)s"
    }
}
