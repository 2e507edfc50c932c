import Foundation

/// One long-lived PowerShell process that runs scripts on request and answers in ``HostResult``s.
///
/// The host is started on first use: the command line from the configuration is launched (no shell in
/// between), the ``HostBootstrap`` program is written to its standard input, and once it answers
/// `JP1 READY` the connection script runs (remote session or Exchange Online).
///
/// **One request at a time.** A PowerShell host reads its input one request after another, so the calls
/// of every caller (the runner's parallel nodes) are queued here in arrival order and each waits for the
/// previous answer before its request is written; a call's timeout counts from when its turn comes.
///
/// Whatever goes wrong with the process itself (timeout, exit, broken pipe, broken framing, an answer past
/// the size bounds) is a ``PowerShellHostError``; the process is then killed and the next call starts a
/// fresh one. A start that fails is not retried by the call after it: that call fails at once with the
/// same error, so a host that cannot come back costs one startup timeout, not one per remaining command.
///
/// Scripts are PowerShell text produced by the core's renderer: this type never builds PowerShell
/// from plan values. No credential is ever read or written here: remote sessions use Kerberos and
/// Exchange Online uses the host's own sign-in; the host gets no `MIMECAST_*` variable, and whatever it
/// says passes ``PowerShellHostConfiguration/secrets`` redaction before it leaves this type.
public actor PowerShellHost {
    /// How the host is started and connected.
    public nonisolated let configuration: PowerShellHostConfiguration
    private var process: HostProcess?
    /// The line reader of the running process (one per process, used by one request at a time).
    private var reader: AsyncStream<String>.Iterator?
    private var nextRequest = 1
    private var lastStderr = ""
    /// Why the last start failed, until a start succeeds: the next start is then refused.
    private var failedStart: PowerShellHostError?
    /// The last call queued: each call runs after it.
    private var tail: Task<Void, Never>?

    /// A host that starts when first used.
    public init(configuration: PowerShellHostConfiguration) {
        self.configuration = configuration
    }

    /// Whether a host process is running now.
    public var isRunning: Bool { process != nil }

    /// The process id of the running host, if any (tests use it to tell a restart).
    public var processIdentifier: Int32? { process?.processIdentifier }

    /// The tail of the host's standard error (of the current host, or of the last one that failed), redacted.
    public var standardError: String { redact(process?.stderr.text ?? lastStderr) }

    /// Starts and connects the host if it is not running; returns the connect script's result when a
    /// connection was made now, `nil` otherwise.
    @discardableResult
    public func start() async throws -> HostResult? {
        try await serialized { try await self.startNow() }
    }

    /// Runs `script` and returns what it did; `timeout` covers this script only (not the start, nor the
    /// wait for the calls queued before it).
    public func execute(script: String, timeout: Duration) async throws -> HostResult {
        try await serialized { try await self.executeNow(script: script, timeout: timeout) }
    }

    /// Runs `script` within the configuration's ``PowerShellHostConfiguration/commandTimeout``.
    public func execute(script: String) async throws -> HostResult {
        try await execute(script: script, timeout: configuration.commandTimeout)
    }

    /// Ends the session (disconnect script, then end of input) and stops the host within `grace`.
    public func shutdown(grace: Duration = .seconds(10)) async {
        _ = try? await serialized { await self.shutdownNow(grace: grace) }
    }

    // MARK: - One call at a time

    /// Runs `body` after every call queued before it has finished. A caller cancelled while it waits
    /// still keeps its place, then fails at once without writing anything.
    private func serialized<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let call = Task<T, any Error> {
            await previous?.value
            if Task.isCancelled { throw PowerShellHostError.cancelled }
            return try await body()
        }
        tail = Task { _ = await call.result }
        return try await withTaskCancellationHandler {
            try await call.value
        } onCancel: {
            call.cancel()
        }
    }

    private func startNow() async throws -> HostResult? {
        if process != nil { return nil }
        if let failedStart { throw failedStart }
        do {
            let result = try await launch()
            failedStart = nil
            return result
        } catch {
            if case .cancelled = error {} else { failedStart = error }
            throw error
        }
    }

    private func launch() async throws(PowerShellHostError) -> HostResult? {
        let host: HostProcess
        do {
            host = try HostProcess(configuration: configuration)
        } catch let error as PowerShellHostError {
            throw redact(error)
        } catch {
            throw .launchFailed(command: configuration.arguments.joined(separator: " "), reason: "\(error)")
        }
        process = host
        reader = host.lines.lines.makeAsyncIterator()
        do {
            try await awaitReady(host)
            guard let script = configuration.connection.connectScript else { return nil }
            let result = try await exchange(host, kind: .connect, script: script, timeout: configuration.startupTimeout)
            guard result.succeeded else {
                throw PowerShellHostError.connectionFailed(result.errors, stderr: host.stderr.text)
            }
            return result
        } catch {
            discard(host)
            throw redact(error as? PowerShellHostError ?? .brokenPipe(stderr: "\(error)"))
        }
    }

    private func executeNow(script: String, timeout: Duration) async throws -> HostResult {
        _ = try await startNow()
        guard let host = process else { throw PowerShellHostError.hostExited(status: nil, stderr: lastStderr) }
        do {
            return try await exchange(host, kind: .script, script: script, timeout: timeout)
        } catch {
            discard(host)
            throw redact(error as? PowerShellHostError ?? .brokenPipe(stderr: "\(error)"))
        }
    }

    private func shutdownNow(grace: Duration) async {
        guard let host = process else { return }
        if let script = configuration.connection.disconnectScript {
            _ = try? await exchange(host, kind: .script, script: script, timeout: grace)
        }
        host.closeInput()
        _ = await exitStatus(host, grace: grace)
        lastStderr = host.stderr.text
        host.lines.close()
        process = nil
        reader = nil
    }

    private func discard(_ host: HostProcess) {
        host.kill()
        host.closeInput()
        host.lines.close()
        lastStderr = host.stderr.text
        if process === host {
            process = nil
            reader = nil
        }
    }

    // MARK: - Protocol

    /// How one conversation with the host ended.
    private enum Ending: Sendable {
        case result(HostResult)
        case failure(PowerShellHostError)
    }

    private func awaitReady(_ host: HostProcess) async throws {
        let timeout = configuration.startupTimeout
        let pid = host.processIdentifier
        _ = try await withDeadline(timeout, pid: pid) { await self.readyConversation(pid: pid, timeout: timeout) }
    }

    private func readyConversation(pid: Int32, timeout: Duration) async -> Ending {
        recentOutput = []
        do {
            try await send(HostBootstrap.launcher + "\n", to: pid)
        } catch {
            return .failure(error as? PowerShellHostError ?? .brokenPipe(stderr: "\(error)"))
        }
        while true {
            guard let line = await nextLine() else {
                if Task.isCancelled { return .failure(.cancelled) }
                return .failure(await exited())
            }
            if line == HostFrame.ready { return .result(HostResult(succeeded: true)) }
            if line.hasPrefix(HostFrame.prefix) {
                return .failure(.protocolViolation("'\(line.prefix(80))' before JP1 READY", stderr: stderrText))
            }
            remember(line)
        }
    }

    private func exchange(_ host: HostProcess, kind: HostFrame.Kind, script: String, timeout: Duration)
        async throws -> HostResult
    {
        let id = nextRequest
        nextRequest += 1
        let pid = host.processIdentifier
        let result = try await withDeadline(timeout, pid: pid) {
            await self.requestConversation(id: id, kind: kind, script: script, pid: pid)
        }
        return HostResult(redacting: result, secrets: configuration.secrets)
    }

    private func requestConversation(id: Int, kind: HostFrame.Kind, script: String, pid: Int32) async -> Ending {
        recentOutput = []
        do {
            try await send(HostFrame.request(id: id, kind: kind, script: script), to: pid)
        } catch {
            return .failure(error as? PowerShellHostError ?? .brokenPipe(stderr: "\(error)"))
        }
        var collector = HostResponseCollector(
            id: id, hostOutputLimit: configuration.hostOutputLimit, maxLines: configuration.maxResponseLines,
            maxBytes: configuration.maxResponseBytes)
        while true {
            guard let line = await nextLine() else {
                if Task.isCancelled { return .failure(.cancelled) }
                return .failure(await exited())
            }
            do {
                if let result = try collector.take(line) { return .result(result) }
            } catch {
                return .failure(.protocolViolation(error.reason, stderr: stderrText))
            }
            if !line.hasPrefix(HostFrame.prefix), collector.hostOutput.last == line { remember(line) }
        }
    }

    /// Runs `conversation` (one request's) against a deadline. When the deadline passes first, the host
    /// is killed (a blocked write or read ends with it) and the conversation cancelled; a cancelled caller
    /// gets ``PowerShellHostError/cancelled`` (and the caller discards the host, whose state is unknown).
    private func withDeadline(
        _ timeout: Duration, pid: Int32, _ conversation: @escaping @Sendable () async -> Ending
    ) async throws -> HostResult {
        enum Outcome: Sendable {
            case ended(Ending)
            case expired
            case cancelled
        }
        let outcome: Outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask { .ended(await conversation()) }
            group.addTask {
                guard (try? await Task.sleep(for: timeout)) != nil else { return .cancelled }
                return .expired
            }
            let first = await group.next() ?? .cancelled
            if case .expired = first { _ = kill(pid, SIGKILL) }
            group.cancelAll()
            return first
        }
        switch outcome {
        case .ended(.result(let result)): return result
        case .ended(.failure(let error)): throw error
        case .expired: throw expiry(timeout)
        case .cancelled: throw PowerShellHostError.cancelled
        }
    }

    /// The last lines the host printed outside a response, for the error when it goes silent or dies.
    private var recentOutput: [String] = []

    private func remember(_ line: String) {
        recentOutput.append(line)
        if recentOutput.count > 20 { recentOutput.removeFirst() }
    }

    /// The next line of the running host's output; nil at its end (or when the waiting task is cancelled).
    private func nextLine() async -> String? {
        guard var iterator = reader, let host = process else { return nil }
        let line = await iterator.next(isolation: self)
        reader = iterator
        if let line { host.lines.taken(line) }
        return line
    }

    private func send(_ text: String, to pid: Int32) async throws {
        guard let host = process, host.processIdentifier == pid else { throw PowerShellHostError.cancelled }
        do {
            try await HostProcess.write(text, to: host.inputDescriptor)
        } catch {
            if let status = await exitStatus(host, grace: .seconds(2)) {
                throw PowerShellHostError.hostExited(status: status, stderr: host.stderr.text)
            }
            throw PowerShellHostError.brokenPipe(stderr: host.stderr.text)
        }
    }

    private func exited() async -> PowerShellHostError {
        var status: Int32?
        if let process { status = await exitStatus(process, grace: .seconds(2)) }
        return .hostExited(status: status, stderr: Self.join(stderrText, recentOutput))
    }

    /// The exit status, waiting up to `grace` for the process to end (then killing it: status `nil`).
    private func exitStatus(_ host: HostProcess, grace: Duration) async -> Int32? {
        if let status = await host.exit.wait(grace: grace) { return status }
        host.kill()
        return nil
    }

    private var stderrText: String { process?.stderr.text ?? lastStderr }

    private func expiry(_ timeout: Duration) -> PowerShellHostError {
        .timedOut(seconds: timeout.seconds, stderr: Self.join(stderrText, recentOutput))
    }

    private static func join(_ stderr: String, _ lines: [String]) -> String {
        ([stderr] + lines).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    // MARK: - Redaction

    private func redact(_ text: String) -> String { HostRedaction.redact(text, secrets: configuration.secrets) }

    private func redact(_ error: PowerShellHostError) -> PowerShellHostError {
        switch error {
        case .invalidCommandLine, .cancelled: return error
        case .launchFailed(let command, let reason): return .launchFailed(command: redact(command), reason: redact(reason))
        case .timedOut(let seconds, let stderr): return .timedOut(seconds: seconds, stderr: redact(stderr))
        case .hostExited(let status, let stderr): return .hostExited(status: status, stderr: redact(stderr))
        case .brokenPipe(let stderr): return .brokenPipe(stderr: redact(stderr))
        case .protocolViolation(let what, let stderr): return .protocolViolation(redact(what), stderr: redact(stderr))
        case .connectionFailed(let errors, let stderr):
            let records = HostResult(redacting: HostResult(succeeded: false, errors: errors), secrets: configuration.secrets)
            return .connectionFailed(records.errors, stderr: redact(stderr))
        }
    }
}
