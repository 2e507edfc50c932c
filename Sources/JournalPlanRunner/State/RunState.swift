/// Where one node of the graph stands in a run.
public enum NodeStatus: String, Codable, Sendable, CaseIterable {
    case pending
    /// Apply began; if the run died here the node is re-checked before it runs again.
    case started
    case done
    case failed
    /// Undone by the compensations after a failure inside the outage.
    case compensated
}

/// One node's record in the state file.
public struct NodeRecord: Codable, Sendable, Equatable {
    /// `step-id` or `step-id@TARGET`.
    public var key: String
    public var status: NodeStatus
    /// What undo needs (for example a rule's previous target). Never a credential.
    public var undo: [String: String]?
    /// Who approved the node's gate, and how.
    public var approvedBy: String?
    /// The last failure's message.
    public var error: String?
    public var updated: String?

    public init(key: String, status: NodeStatus = .pending) {
        self.key = key
        self.status = status
    }
}

/// How a run ended (or stands, while it runs).
public enum RunPhase: String, Codable, Sendable {
    case running, paused, failed, done
}

/// The durable state of a run: written atomically after every change, read back by `--resume`.
public struct RunState: Codable, Sendable, Equatable {
    public var format = 1
    /// The plan's `name`.
    public var plan: String
    public var planFile: String
    /// SHA-256 of the plan file's bytes: a resume of a changed plan is refused without `--replan`.
    public var planSHA256: String
    public var exchangeAdapter: String
    public var mimecastAdapter: String
    /// The adapters' non-secret options the run started with (`shell`, `connectionURI`), so that
    /// `--resume` needs no more than the plan file. Absent in state files written before it existed.
    public var adapterOptions: [String: String]?
    public var phase: RunPhase
    /// Every node of the graph, in the graph's order.
    public var nodes: [NodeRecord]
    public var updated: String?

    public init(
        plan: String, planFile: String, planSHA256: String, exchangeAdapter: String, mimecastAdapter: String,
        nodeKeys: [String]
    ) {
        self.plan = plan
        self.planFile = planFile
        self.planSHA256 = planSHA256
        self.exchangeAdapter = exchangeAdapter
        self.mimecastAdapter = mimecastAdapter
        self.phase = .running
        self.nodes = nodeKeys.map { NodeRecord(key: $0) }
    }

    /// The record for `key`, if the graph has that node.
    public func record(_ key: String) -> NodeRecord? { nodes.first { $0.key == key } }

    public func status(_ key: String) -> NodeStatus { record(key)?.status ?? .pending }

    /// Changes the record for `key` in place.
    public mutating func update(_ key: String, _ change: (inout NodeRecord) -> Void) {
        if let i = nodes.firstIndex(where: { $0.key == key }) { change(&nodes[i]) }
    }

    /// Keeps the records of nodes the (changed) graph still has, adds new ones as pending: `--replan`.
    public mutating func adopt(nodeKeys: [String], planSHA256: String) {
        let old = Dictionary(nodes.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        nodes = nodeKeys.map { old[$0] ?? NodeRecord(key: $0) }
        self.planSHA256 = planSHA256
    }
}
