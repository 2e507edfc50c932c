import Foundation

/// One long-lived PowerShell process that runs scripts on request and answers in ``HostResult``s.
///
/// The host is started on first use: the command line from the configuration is launched (no shell in
/// between), the ``HostBootstrap`` program is written to its standard input, and once it answers
/// `JP1 READY` the connection script runs (remote session or Exchange Online). Scripts then run one at
/// a time. Whatever goes wrong with the process itself (timeout, exit, broken pipe, broken framing)
/// is a ``PowerShellHostError``; the process is then killed and the next call starts a fresh one.
///
/// Scripts are PowerShell text produced by the core's renderer: this type never builds PowerShell
/// from plan values. No credential is ever read or written here: remote sessions use Kerberos and
/// Exchange Online uses the host's own sign-in.
public actor PowerShellHost {
    /// How the host is started and connected.
    public nonisolated let configuration: PowerShellHostConfiguration
    private var process: HostProcess?
    private var nextRequest = 1
    private var lastStderr = ""

    /// A host that starts when first used.
    public init(configuration: PowerShellHostConfiguration) {
        self.configuration = configuration
    }

    /// Whether a host process is running now.
    public var isRunning: Bool { process != nil }

    /// The process id of the running host, if any (tests use it to tell a restart).
    public var processIdentifier: Int32? { process?.processIdentifier }

    /// The tail of the host's standard error (of the current host, or of the last one that failed).
    public var standardError: String { process?.stderr.text ?? lastStderr }

    /// Starts and connects the host if it is not running; returns the connect script's result when a
    /// connection was made now, `nil` otherwise.
    @discardableResult
    public func start() async throws -> HostResult? {
        if process != nil { return nil }
        let host = try HostProcess(
            arguments: configuration.arguments, environment: configuration.environment,
            stderrLimit: configuration.stderrLimit, maxLineLength: configuration.maxLineLength)
        process = host
        do {
            try await awaitReady(host)
            guard let script = configuration.connection.connectScript else { return nil }
            let result = try await exchange(
                host, kind: .connect, script: script, timeout: configuration.startupTimeout)
            guard result.succeeded else {
                throw PowerShellHostError.connectionFailed(result.errors, stderr: host.stderr.text)
            }
            return result
        } catch {
            discard(host)
            throw error
        }
    }

    /// Runs `script` and returns what it did; `timeout` covers this script only (not the start).
    public func execute(script: String, timeout: Duration) async throws -> HostResult {
        try await start()
        guard let host = process else { throw PowerShellHostError.hostExited(status: nil, stderr: lastStderr) }
        do {
            return try await exchange(host, kind: .script, script: script, timeout: timeout)
        } catch {
            discard(host)
            throw error
        }
    }

    /// Ends the session (disconnect script, then end of input) and stops the host within `grace`.
    public func shutdown(grace: Duration = .seconds(10)) async {
        guard let host = process else { return }
        if let script = configuration.connection.disconnectScript {
            _ = try? await exchange(host, kind: .script, script: script, timeout: grace)
        }
        host.closeInput()
        _ = await host.exitStatus(grace: grace)
        lastStderr = host.stderr.text
        process = nil
    }

    private func discard(_ host: HostProcess) {
        host.kill()
        host.closeInput()
        lastStderr = host.stderr.text
        if process === host { process = nil }
    }

    // MARK: - Protocol

    private func awaitReady(_ host: HostProcess) async throws {
        let generation = host.lines.beginRequest()
        let timer = deadlineTimer(host, generation: generation, after: configuration.startupTimeout)
        defer { timer.cancel() }
        try await send(HostBootstrap.launcher + "\n", to: host, timeout: configuration.startupTimeout)
        var preamble: [String] = []
        while true {
            switch await host.lines.next() {
            case .line(HostFrame.ready):
                guard host.lines.endRequest(generation) else {
                    throw Self.expiry(configuration.startupTimeout, host, extra: preamble)
                }
                return
            case .line(let line) where line.hasPrefix(HostFrame.prefix):
                throw PowerShellHostError.protocolViolation("'\(line.prefix(80))' before JP1 READY", stderr: host.stderr.text)
            case .line(let line):
                if preamble.count < configuration.hostOutputLimit { preamble.append(line) }
            case .end:
                throw PowerShellHostError.hostExited(
                    status: await host.exitStatus(grace: .seconds(2)),
                    stderr: Self.join(host.stderr.text, preamble))
            case .expired:
                throw Self.expiry(configuration.startupTimeout, host, extra: preamble)
            }
        }
    }

    private func exchange(_ host: HostProcess, kind: HostFrame.Kind, script: String, timeout: Duration)
        async throws -> HostResult
    {
        let id = nextRequest
        nextRequest += 1
        let generation = host.lines.beginRequest()
        let timer = deadlineTimer(host, generation: generation, after: timeout)
        defer { timer.cancel() }
        try await send(HostFrame.request(id: id, kind: kind, script: script), to: host, timeout: timeout)
        var collector = HostResponseCollector(id: id, hostOutputLimit: configuration.hostOutputLimit)
        while true {
            let event: HostLineQueue.Event
            if let buffered = host.lines.poll() {
                event = buffered
            } else {
                event = await withTaskCancellationHandler {
                    await host.lines.next()
                } onCancel: {
                    host.lines.expire(generation)
                }
            }
            switch event {
            case .line(let line):
                let result: HostResult?
                do {
                    result = try collector.take(line)
                } catch {
                    throw PowerShellHostError.protocolViolation(error.reason, stderr: host.stderr.text)
                }
                guard let result else { continue }
                // The deadline fired as the answer arrived: the answer stands, the killed host goes.
                if !host.lines.endRequest(generation) { discard(host) }
                return result
            case .end:
                let status = await host.exitStatus(grace: .seconds(2))
                throw PowerShellHostError.hostExited(
                    status: status, stderr: Self.join(host.stderr.text, collector.hostOutput))
            case .expired:
                if Task.isCancelled { throw PowerShellHostError.cancelled }
                throw Self.expiry(timeout, host, extra: collector.hostOutput)
            }
        }
    }

    private func send(_ text: String, to host: HostProcess, timeout: Duration) async throws {
        do {
            try await host.write(text)
        } catch {
            // A write fails when the host is gone; tell a timeout (the timer killed it) from a crash.
            if host.lines.isExpired { throw Self.expiry(timeout, host, extra: []) }
            if let status = await host.exitStatus(grace: .seconds(2)) {
                throw PowerShellHostError.hostExited(status: status, stderr: host.stderr.text)
            }
            throw PowerShellHostError.brokenPipe(stderr: host.stderr.text)
        }
    }

    /// Kills the host and expires the wait when `duration` passes.
    private nonisolated func deadlineTimer(_ host: HostProcess, generation: Int, after duration: Duration)
        -> Task<Void, Never>
    {
        Task.detached {
            guard (try? await Task.sleep(for: duration)) != nil else { return }
            if host.lines.expire(generation) { host.kill() }
        }
    }

    private static func expiry(_ timeout: Duration, _ host: HostProcess, extra: [String]) -> PowerShellHostError {
        .timedOut(seconds: timeout.seconds, stderr: join(host.stderr.text, extra))
    }

    private static func join(_ stderr: String, _ lines: [String]) -> String {
        ([stderr] + lines.suffix(20)).filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
