import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One running host process: its pipes, a reader thread per output stream, and a way to kill it.
///
/// Owned by one ``PowerShellHost`` actor; only Sendable parts (the line queue, the stderr tail, the exit
/// watch, the pid and the input descriptor) leave it.
final class HostProcess {
    let lines: HostLineQueue
    let stderr: BoundedText
    let exit = HostExit()
    let processIdentifier: Int32
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()

    /// Writing to a host that has gone away must be an error, not a SIGPIPE that ends the runner.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init(configuration: PowerShellHostConfiguration) throws {
        Self.ignoreBrokenPipes
        let arguments = configuration.arguments
        lines = HostLineQueue(limit: configuration.queuedOutputLimit)
        stderr = BoundedText(limit: configuration.stderrLimit)
        let command = arguments.joined(separator: " ")
        let environment = Self.childEnvironment(configuration.environment ?? ProcessInfo.processInfo.environment)
        guard let executable = Self.locate(arguments[0], environment: environment) else {
            throw PowerShellHostError.launchFailed(command: command, reason: "\(arguments[0]) was not found on PATH")
        }
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let exit = self.exit
        process.terminationHandler = { exit.record($0.terminationStatus) }
        let process = self.process
        do {
            try Self.withDefaultSignalMask { try process.run() }
        } catch {
            throw PowerShellHostError.launchFailed(command: command, reason: error.localizedDescription)
        }
        processIdentifier = process.processIdentifier
        let lines = self.lines
        let stderr = self.stderr
        let maxLineLength = configuration.maxLineLength
        Self.drain(output.fileHandleForReading.fileDescriptor, name: "jp-host-stdout") { chunk, pending in
            Self.split(chunk, pending: &pending, maxLineLength: maxLineLength, into: lines)
        } finished: { pending in
            if !pending.isEmpty { lines.push(String(decoding: pending, as: UTF8.self)) }
            lines.finish()
        }
        Self.drain(errors.fileHandleForReading.fileDescriptor, name: "jp-host-stderr") { chunk, _ in
            stderr.append(chunk)
        } finished: { _ in }
    }

    /// A host nobody holds any more must not outlive the runner.
    deinit {
        kill()
        closeInput()
        lines.close()
    }

    /// The runner's environment without anything of Mimecast's: the host never needs the API's
    /// credentials, and a script or module it loads cannot read what it was never given.
    static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { !$0.key.uppercased().hasPrefix("MIMECAST_") }
    }

    /// Runs `body` (the spawn) with no signal blocked on this thread, so the child starts with an empty
    /// mask: a Swift concurrency or Dispatch worker thread blocks SIGHUP, SIGINT, SIGTERM and others, and
    /// a child spawned from it would inherit that and could not be stopped. Handled signals are reset to
    /// their defaults by `exec` itself; the runner ignores only SIGPIPE, which .NET (pwsh) ignores anyway.
    private static func withDefaultSignalMask<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// The descriptor of the host's standard input.
    var inputDescriptor: Int32 { input.fileHandleForWriting.fileDescriptor }

    /// Writes `text` to the host's standard input off the cooperative pool (a full pipe blocks until the
    /// host reads, or fails once it is killed).
    static func write(_ text: String, to fd: Int32) async throws {
        let bytes = Array(text.utf8)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                var offset = 0
                while offset < bytes.count {
                    let written = bytes[offset...].withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
                    if written < 0 {
                        if errno == EINTR { continue }
                        continuation.resume(throwing: PowerShellHostError.brokenPipe(stderr: ""))
                        return
                    }
                    offset += written
                }
                continuation.resume()
            }
        }
    }

    /// Closes the host's standard input: the bootstrap loop then ends and the host exits.
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Kills the host at once.
    func kill() {
        if exit.status == nil { _ = Foundation.kill(processIdentifier, SIGKILL) }
    }

    // MARK: - Reading

    private static func drain(
        _ fd: Int32, name: String, chunk: @escaping @Sendable (ArraySlice<UInt8>, inout [UInt8]) -> Void,
        finished: @escaping @Sendable ([UInt8]) -> Void
    ) {
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var pending: [UInt8] = []
            while true {
                let count = buffer.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                chunk(buffer[0..<count], &pending)
            }
            finished(pending)
        }
        thread.name = name
        thread.start()
    }

    /// Appends `chunk` to `pending` and pushes every complete line (without `\r\n` / `\n`); a line
    /// longer than `maxLineLength` bytes is cut there.
    private static func split(
        _ chunk: ArraySlice<UInt8>, pending: inout [UInt8], maxLineLength: Int, into lines: HostLineQueue
    ) {
        func keep(_ part: ArraySlice<UInt8>) {
            let room = maxLineLength - pending.count
            if room > 0 { pending += part.prefix(room) }
        }
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            keep(chunk[start..<newline])
            if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
            lines.push(String(decoding: pending, as: UTF8.self))
            pending.removeAll(keepingCapacity: true)
            start = newline + 1
        }
        keep(chunk[start...])
    }

    /// `name` itself when it contains a slash, else the first executable of that name on PATH.
    static func locate(_ name: String, environment: [String: String]?) -> URL? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
        }
        let path = (environment ?? ProcessInfo.processInfo.environment)["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, pointer, count)
}

private func posixRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, pointer, count)
}
