import Foundation

/// The `JP1` line framing between the runner and the PowerShell host.
///
/// Every value travels as base64 of its UTF-8 bytes, so no payload can contain a line break or look
/// like a frame line. A request is
/// ```
/// JP1 BEGIN <id>
/// kind:<b64 "script" | "connect">
/// script:<b64 chunk>            (repeated; the chunks join into one base64 text)
/// JP1 END <id>
/// ```
/// and the response to it is
/// ```
/// JP1 BEGIN <id>
/// status:<b64 "ok" | "failed">
/// value:<b64 "True" | "False">  (only when the last output object is a Boolean)
/// out:<b64 line>                (repeated)
/// err:<b64 message>:<b64 category>:<b64 target>:<b64 error id>   (repeated)
/// JP1 END <id>
/// ```
/// The host announces itself with `JP1 READY` once. Lines outside a frame are host output (warnings,
/// `Write-Host`); a malformed line inside a frame, or a frame line out of place, is a protocol violation.
enum HostFrame {
    /// Whether a script runs in a child scope (`script`) or is dot-sourced in the global scope (`connect`).
    enum Kind: String {
        case script, connect
    }

    static let ready = "JP1 READY"
    static let prefix = "JP1 "
    static let chunkLength = 1024

    static func begin(_ id: Int) -> String { "JP1 BEGIN \(id)" }
    static func end(_ id: Int) -> String { "JP1 END \(id)" }

    /// The request lines for one script, each ending in a line feed.
    static func request(id: Int, kind: Kind, script: String) -> String {
        let encoded = Data(script.utf8).base64EncodedString()
        var lines = [begin(id), "kind:" + Data(kind.rawValue.utf8).base64EncodedString()]
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let next = encoded.index(index, offsetBy: chunkLength, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append("script:" + encoded[index..<next])
            index = next
        }
        if encoded.isEmpty { lines.append("script:") }
        lines.append(end(id))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Builds a ``HostResult`` from the field lines of one response frame.
    struct ResponseReader {
        private var status: String?
        private var value: Bool?
        private var output: [String] = []
        private var errors: [HostErrorRecord] = []

        /// Reads one field line; returns why it is malformed, if it is.
        mutating func read(_ line: String) -> String? {
            guard let colon = line.firstIndex(of: ":") else { return "a response line without a field name" }
            let name = line[..<colon]
            let parts = line[line.index(after: colon)...].split(separator: ":", omittingEmptySubsequences: false)
            var decoded: [String] = []
            for part in parts {
                guard let text = HostFrame.decode(part) else { return "a '\(name)' field that is not base64" }
                decoded.append(text)
            }
            switch name {
            case "status":
                status = decoded.first
            case "value":
                switch decoded.first?.lowercased() {
                case "true": value = true
                case "false": value = false
                default: return "a value that is not True or False"
                }
            case "out":
                output.append(decoded.joined(separator: ":"))
            case "err":
                func part(_ index: Int) -> String { index < decoded.count ? decoded[index] : "" }
                errors.append(HostErrorRecord(message: part(0), category: part(1), target: part(2), errorID: part(3)))
            default:
                break  // Unknown fields are left for later protocol versions.
            }
            return nil
        }

        /// The result, or why the frame is incomplete.
        func result(hostOutput: [String]) -> Result<HostResult, PowerShellHostFrameError> {
            guard let status, ["ok", "failed"].contains(status) else {
                return .failure(PowerShellHostFrameError(reason: "a response without a status of ok or failed"))
            }
            var lines = output[...]
            while lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines = lines.dropFirst() }
            while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines = lines.dropLast() }
            return .success(
                HostResult(
                    succeeded: status == "ok" && errors.isEmpty, output: Array(lines), errors: errors, value: value,
                    hostOutput: hostOutput))
        }
    }

    static func decode(_ part: Substring) -> String? {
        if part.isEmpty { return "" }
        guard let data = Data(base64Encoded: String(part)) else { return nil }
        return String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
    }
}

/// Follows the host's output lines for one request until its response frame is complete.
///
/// Lines before `JP1 BEGIN <id>` are host output (kept up to a limit); a frame line out of place or
/// a malformed field is a ``PowerShellHostFrameError``, and so is an answer of more than `maxLines`
/// lines or `maxBytes` bytes, counting the lines before it.
struct HostResponseCollector {
    let id: Int
    let hostOutputLimit: Int
    let maxLines: Int
    let maxBytes: Int
    private(set) var hostOutput: [String] = []
    private var reader: HostFrame.ResponseReader?
    private var lines = 0
    private var bytes = 0

    init(id: Int, hostOutputLimit: Int, maxLines: Int = .max, maxBytes: Int = .max) {
        self.id = id
        self.hostOutputLimit = hostOutputLimit
        self.maxLines = maxLines
        self.maxBytes = maxBytes
    }

    /// Takes one line; returns the result once the frame is complete.
    mutating func take(_ line: String) throws(PowerShellHostFrameError) -> HostResult? {
        lines += 1
        bytes += line.utf8.count + 1
        if lines > maxLines || bytes > maxBytes {
            throw PowerShellHostFrameError(
                reason: "the answer to request \(id) is longer than \(maxLines) lines or \(maxBytes) bytes")
        }
        guard var frame = reader else {
            if line == HostFrame.begin(id) {
                reader = HostFrame.ResponseReader()
            } else if line.hasPrefix(HostFrame.prefix) {
                throw PowerShellHostFrameError(reason: "'\(line.prefix(80))' where 'JP1 BEGIN \(id)' was expected")
            } else if hostOutput.count < hostOutputLimit {
                hostOutput.append(line)
            }
            return nil
        }
        if line == HostFrame.end(id) { return try frame.result(hostOutput: hostOutput).get() }
        if line.hasPrefix(HostFrame.prefix) {
            throw PowerShellHostFrameError(reason: "'\(line.prefix(80))' inside response \(id)")
        }
        if let problem = frame.read(line) { throw PowerShellHostFrameError(reason: problem) }
        reader = frame
        return nil
    }
}

/// An incomplete or malformed response frame.
struct PowerShellHostFrameError: Error {
    var reason: String
}
