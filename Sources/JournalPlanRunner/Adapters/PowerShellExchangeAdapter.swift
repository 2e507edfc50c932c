import Foundation
import JournalPlanCore

/// Exchange through a long-lived PowerShell host (`--shell`, `--connection-uri`): each node's check,
/// apply and undo are the core's typed commands, rendered exactly as in the generated script.
public struct PowerShellExchangeAdapter: StepAdapter {
    public let host: PowerShellHost
    let scripts: ExchangeScripts
    let starts: NodeStarts
    let timeout: Duration
    public var name: String { "powershell" }

    /// An adapter on `host`; each script may take `timeout`, by default the host configuration's
    /// ``PowerShellHostConfiguration/commandTimeout`` (600 s). Parallel nodes share the host, which runs
    /// their scripts one at a time (a script's timeout counts from its turn). A stop or start node's
    /// apply does not hold the host while its services get there: it asks and polls (issue 18).
    public init(host: PowerShellHost, graph: StepGraph, timeout: Duration? = nil) {
        self.host = host
        self.scripts = ExchangeScripts(graph: graph)
        self.starts = NodeStarts()
        self.timeout = timeout ?? host.configuration.commandTimeout
    }

    public func preflight(_ graph: StepGraph) async throws -> [String] {
        var mismatches: [String] = []
        for check in scripts.preflight() {
            let result = try await host.execute(script: check.script, timeout: timeout)
            if !result.succeeded || result.value != true {
                let errors = result.errors.map(\.message).joined(separator: "; ")
                mismatches.append(
                    (check.advisory ? PreflightWarning.prefix : "") + "\(check.name): \(check.summary)"
                        + (errors.isEmpty ? "" : " (\(errors))"))
            }
        }
        return mismatches
    }

    public func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome {
        let key = node.key(in: graph)
        guard let script = scripts.check(node, started: await starts.started(key)) else { return .unknown }
        let result = try await host.execute(script: script, timeout: timeout)
        guard result.succeeded, let value = result.value else {
            throw AdapterError("\(key): the check did not answer true or false" + Self.errorText(result))
        }
        return value ? .done : .notDone
    }

    public func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String] {
        let key = node.key(in: graph)
        let started = await starts.start(key)
        var remembered: [String: String] = [:]
        for part in scripts.apply(node, started: started) {
            switch part {
            case .run(let script):
                let result = try await host.execute(script: script, timeout: timeout)
                guard result.succeeded else { throw AdapterError("\(key): apply failed" + Self.errorText(result)) }
            case .remember(let name, let script):
                let result = try await host.execute(script: script, timeout: timeout)
                guard result.succeeded else {
                    throw AdapterError("\(key): reading the value to restore failed" + Self.errorText(result))
                }
                remembered[name] = result.output.last ?? ""
            case .poll(let script, let seconds):
                try await poll(script, key: key, timeoutSeconds: seconds)
            }
        }
        return remembered
    }

    /// Sends a stop or start request until every service is there, every ``pollInterval``; the host is
    /// free between polls, so the other servers' polls go through meanwhile.
    private func poll(_ script: String, key: String, timeoutSeconds: Int) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(timeoutSeconds)
        while true {
            let result = try await host.execute(script: script, timeout: timeout)
            guard result.succeeded, let there = result.value else {
                throw AdapterError("\(key): the service request failed" + Self.errorText(result))
            }
            if there { return }
            if clock.now >= deadline {
                throw AdapterError("\(key): the transport services did not get there within \(timeoutSeconds) s")
            }
            try await Task.sleep(for: Self.pollInterval)
        }
    }

    /// How often a stop or start request is sent again while its services get there.
    static let pollInterval: Duration = .seconds(2)

    /// Runs the node's undo with the values its apply remembered (kept in the state's undo record).
    public func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws {
        guard let script = scripts.undo(node, remembered: record) else { return }
        let result = try await host.execute(script: script, timeout: timeout)
        guard result.succeeded else {
            throw AdapterError("\(node.key(in: graph)): undo failed" + Self.errorText(result))
        }
    }

    /// The core's compensation read-back (``Compensation/verify``), the same condition the script uses.
    public func journalingRestored(in graph: StepGraph) async throws -> Bool? {
        let result = try await host.execute(script: scripts.journalingRestored(), timeout: timeout)
        guard result.succeeded, let value = result.value else {
            throw AdapterError("reading journaling back failed" + Self.errorText(result))
        }
        return value
    }

    static func errorText(_ result: HostResult) -> String {
        result.errors.isEmpty ? "" : ": " + result.errors.map(\.description).joined(separator: "; ")
    }
}

/// When each node's apply began in this process (the lower bound of its tracking-log searches).
actor NodeStarts {
    private var times: [String: Date] = [:]
    private let runStart = Date()

    func start(_ key: String) -> Date {
        let now = Date()
        times[key] = now
        return now
    }

    /// The node's start, or the run's when it began in an earlier process.
    func started(_ key: String) -> Date { times[key] ?? runStart }
}

/// Which of the powershell adapter's requests a script is: the inverse of what it sends, so a stand-in
/// host can play an Exchange organisation in tests (`journalplan-test-host --plan`). It renders every
/// request with ``ExchangeScripts`` (the same code the adapter sends with) and compares them without the
/// two lines whose values only a run knows: the node's start time and the remembered values. Two requests
/// can be the same text (the undo of enable-rule is the apply of disable-rule): both are returned.
public struct PowerShellRequestCatalogue: Sendable {
    /// One request the adapter sends.
    public enum Request: Sendable, Equatable {
        /// A preflight check, by name.
        case preflight(String)
        /// The check of a node (also polled for waits).
        case check(node: String)
        /// Part `part` (from 0) of a node's apply; `remember` names the value a read part returns.
        case apply(node: String, part: Int, remember: String?)
        /// A node's undo.
        case undo(node: String)
        /// The compensation's read-back: is journaling restored (``ExchangeScripts/journalingRestored()``)?
        case journalingRestored
    }

    private let requests: [String: [Request]]

    public init(graph: StepGraph) {
        let scripts = ExchangeScripts(graph: graph)
        var requests: [String: [Request]] = [:]
        for check in scripts.preflight() { requests[Self.normalized(check.script), default: []].append(.preflight(check.name)) }
        requests[Self.normalized(scripts.journalingRestored()), default: []].append(.journalingRestored)
        let epoch = Date(timeIntervalSince1970: 0)
        for node in graph.nodes {
            let key = node.key(in: graph)
            if let script = scripts.check(node, started: epoch) { requests[Self.normalized(script), default: []].append(.check(node: key)) }
            for (index, part) in scripts.apply(node, started: epoch).enumerated() {
                switch part {
                case .run(let script):
                    requests[Self.normalized(script), default: []].append(.apply(node: key, part: index, remember: nil))
                case .remember(let name, let script):
                    requests[Self.normalized(script), default: []].append(.apply(node: key, part: index, remember: name))
                case .poll(let script, _):
                    requests[Self.normalized(script), default: []].append(.apply(node: key, part: index, remember: nil))
                }
            }
            if let script = scripts.undo(node, remembered: [:]) {
                requests[Self.normalized(script), default: []].append(.undo(node: key))
            }
        }
        self.requests = requests
    }

    /// The requests `script` is, in the order of the plan's nodes; empty when the adapter never sends it.
    public func identify(_ script: String) -> [Request] { requests[Self.normalized(script)] ?? [] }

    private static func normalized(_ script: String) -> String {
        script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("$\(RuntimeVariable.nodeStarted.rawValue) = ") && !$0.hasPrefix("$script:jpRemembered = ") }
            .joined(separator: "\n")
    }
}
