/// Accumulates script lines with indentation (four spaces per level) and LF line endings, written
/// straight into one growing UTF-8 buffer: a line is built in place, never as a string of its own.
public struct ScriptWriter {
    private var out: PowerShellSource
    private var level = 0
    /// Where full chunks go when the script is streamed; nil keeps everything in memory.
    private let sink: (([UInt8]) -> Void)?

    static let chunkSize = 256 * 1024

    public init() {
        out = PowerShellSource()
        sink = nil
    }

    /// Starts with room for about `capacity` bytes, so a large script grows without repeated copies.
    public init(capacity: Int) {
        out = PowerShellSource(capacity: capacity)
        sink = nil
    }

    /// Streams the script: `sink` receives it in chunks of about 256 KiB, in order, so memory stays
    /// bounded however large the plan; call ``finish()`` for the last chunk.
    public init(sink: @escaping ([UInt8]) -> Void) {
        out = PowerShellSource(capacity: Self.chunkSize + 4096)
        self.sink = sink
    }

    /// Hands what is left to the sink (streaming only).
    public mutating func finish() {
        guard let sink else { return }
        flush(sink)
    }

    /// Starts a script file: the UTF-8 byte-order mark, so Windows PowerShell reads the file as UTF-8
    /// rather than in the system's ANSI code page (see ``PowerShellSource/byteOrderMark``).
    public mutating func byteOrderMark() {
        for byte in PowerShellSource.byteOrderMark { out.append(byte: byte) }
    }

    /// Appends one line at the current indentation (an empty line stays empty).
    public mutating func line(_ text: String = "") {
        if !text.isEmpty {
            indent()
            out.append(text)
        }
        endLine()
    }

    /// Appends one line of two pieces of tool text.
    public mutating func line(_ a: String, _ b: String) { line { $0.append(a); $0.append(b) } }

    /// Appends one line of three pieces of tool text.
    public mutating func line(_ a: String, _ b: String, _ c: String) {
        line { $0.append(a); $0.append(b); $0.append(c) }
    }

    /// Appends one line at the current indentation, written by `build`.
    public mutating func line(_ build: (inout PowerShellSource) -> Void) {
        indent()
        build(&out)
        endLine()
    }

    /// Appends several lines at the current indentation.
    public mutating func lines(_ texts: [String]) { for t in texts { line(t) } }

    /// Writes `opening`, the body one level deeper, then `closing`.
    public mutating func block(_ opening: String, _ closing: String = "}", _ body: (inout ScriptWriter) -> Void) {
        line(opening)
        level += 1
        body(&self)
        level -= 1
        line(closing)
    }

    /// Runs `body` one level deeper.
    public mutating func indented(_ body: (inout ScriptWriter) -> Void) {
        level += 1
        body(&self)
        level -= 1
    }

    /// The UTF-8 bytes written so far, ending in a newline.
    public var bytes: [UInt8] { out.isEmpty ? [0x0A] : out.bytes }

    /// The text written so far, ending in a newline.
    public var text: String { out.isEmpty ? "\n" : out.text }

    private mutating func endLine() {
        out.append(byte: 0x0A)
        if let sink, out.count >= Self.chunkSize { flush(sink) }
    }

    private mutating func flush(_ sink: ([UInt8]) -> Void) {
        sink(out.bytes)
        out.removeAll()
    }

    private mutating func indent() { out.append(repeating: 0x20, count: 4 * level) }
}

/// The multi-line forms of the command model.
extension ScriptWriter {
    /// A condition over lines, split at its top-level `-and`/`-or`, for reading.
    public mutating func conditionLines(_ condition: PowerShellCondition) {
        switch condition {
        case .all(let cs) where cs.count > 1: joinedLines(cs, " -and")
        case .any(let cs) where cs.count > 1: joinedLines(cs, " -or")
        default: line { $0.condition(condition) }
        }
    }

    private mutating func joinedLines(_ cs: [PowerShellCondition], _ op: String) {
        for (i, c) in cs.enumerated() {
            line { out in
                out.condition(c)
                if i < cs.count - 1 { out.append(op) }
            }
        }
    }

    /// The lines of one action.
    public mutating func action(_ action: ProgramAction) {
        switch action {
        case .run(let c): line { $0.command(c) }
        case .gate(let gate):
            line("Write-Host ''")
            if let path = gate.consolePath {
                line { out in
                    out.append("Write-Host ")
                    out.literal("In the Mimecast console, go to " + path + ":")
                }
            }
            for gateLine in gate.lines { line { $0.gateLine(gateLine) } }
            line { out in
                out.append("Confirm-JpGate -StepId ")
                out.value(gate.stepID)
            }
        case .wait(let wait):
            line { out in
                out.append("Wait-JpCondition -Description ")
                out.literal(wait.description)
                out.append(" -TimeoutSeconds ")
                out.append(wait.timeoutSeconds)
                out.append(" -PollSeconds ")
                out.append(wait.pollSeconds)
                out.append(" -Condition {")
            }
            indented { $0.conditionLines(wait.condition) }
            line("}")
        case .remember(let r):
            line { out in
                out.append("Save-JpRemembered -Name ")
                out.literal(r.name)
                out.append(" -Value ([string](@(")
                out.command(r.command)
                out.append(")[0].")
                out.append(r.property)
                out.append("))")
            }
        case .ifRemembered(let name, let actions):
            line { out in
                out.append("if (Test-JpRemembered -Name ")
                out.literal(name)
                out.append(") {")
            }
            indented { w in for a in actions { w.action(a) } }
            line("} else {")
            indented { $0.line("Write-Host '    nothing to restore: the previous value was not changed by this plan'") }
            line("}")
        case .lookup(let variable, let value):
            line { out in
                out.append("$")
                out.append(variable.rawValue)
                out.append(" = ")
                out.value(value)
            }
        case .controlServices(let control): line { $0.command(control.command()) }
        case .require(let condition, let failure):
            line("if (-not (")
            indented { $0.conditionLines(condition) }
            line { out in
                out.append(")) { throw ")
                out.literal(failure)
                out.append(" }")
            }
        }
    }
}
