import Foundation
import Testing

/// A pseudo-terminal for the child's standard output: `plan` sees a terminal, the test reads what it wrote.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    let slavePath: String

    init() throws {
        // Linux's /dev/ptmx: unlock the new terminal (TIOCSPTLCK) and ask its number (TIOCGPTN); Glibc's
        // posix_openpt/ptsname are not visible to Swift without _XOPEN_SOURCE.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw CocoaError(.fileReadUnknown)
        }
        slavePath = "/dev/pts/\(number)"
        // Held open so the terminal outlives the child and its output stays readable.
        slave = open(slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw CocoaError(.fileReadUnknown) }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    /// Everything written so far, without the terminal's carriage returns.
    func drain() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    deinit {
        close(slave)
        close(master)
    }
}

/// Colour on a terminal, off with a non-empty NO_COLOR only (no-color.org: "when present and not an empty
/// string"), and `plan run` coloured like `plan validate` (issue 20).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx"))) struct ColorCLITests {
    static let bad = "plan: journal-migration/v1\nname: x\nnme: y\n"

    func validateOnATerminal(noColor: String?) throws -> String {
        let tty = try PseudoTerminal()
        var env: [String: String] = [:]
        if let noColor { env["NO_COLOR"] = noColor }
        let out = try PlanCLI.run(["validate", "-"], stdin: Self.bad, environment: env, stdoutPath: tty.slavePath, unsetNoColor: noColor == nil)
        #expect(out.status == 1)
        return tty.drain()
    }

    @Test func colourOnATerminalUnlessNOCOLORIsNonEmpty() throws {
        let plain = try validateOnATerminal(noColor: "1")
        #expect(plain.contains("<stdin>:3:1: error: "), "\(plain)")
        #expect(!plain.contains("\u{1B}["))
        for value in ["", nil] as [String?] {
            let coloured = try validateOnATerminal(noColor: value)
            #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"), "NO_COLOR=\(value ?? "unset"): \(coloured)")
        }
    }

    @Test func runIsColouredOnATerminalToo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-color-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = PlanCLI.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path
        let tty = try PseudoTerminal()
        let out = try PlanCLI.run(
            ["run", plan, "--simulate", "--yes", "--approve", "delete-pop3"], directory: dir, environment: ["NO_COLOR": ""], stdoutPath: tty.slavePath)
        #expect(out.status == 0, "\(out.stderr)")
        let text = tty.drain()
        #expect(text.contains("\u{1B}[1;32mdone\u{1B}[0m     create-contact\n"), "\(text)")
        #expect(text.contains("\u{1B}[1;32mrun complete\u{1B}[0m: "))
        let piped = try PlanCLI.run(["run", plan, "--simulate", "--yes", "--approve", "delete-pop3", "--resume"], directory: dir)
        #expect(!piped.stdout.contains("\u{1B}["), "no colour when standard output is not a terminal")
    }
}
