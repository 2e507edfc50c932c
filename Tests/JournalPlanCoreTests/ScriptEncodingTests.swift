import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// The script's encoding (issue 13 item 1): Windows PowerShell reads a script without a byte-order mark
/// in the system's ANSI code page, where the UTF-8 bytes of `ő` (C5 91) or `т` (D1 82) hold a byte that
/// decodes to a single quote. Every script starts with the mark, and no literal holds such a byte.
@Suite struct ScriptEncodingTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func everyGeneratedScriptStartsWithTheByteOrderMark() throws {
        for script in ScriptBehaviourTests.scripts {
            let bytes = Array(script.text.utf8)
            #expect(Array(bytes.prefix(3)) == Self.bom, "\(script.name)")
            #expect(!bytes.dropFirst(3).starts(with: Self.bom), "\(script.name): a second mark")
            #expect(script.text.dropFirst().hasPrefix("#Requires -Version "), "\(script.name)")
        }
        let compiled = try CompileGoldenTests.compile(ExamplePlansTests.planFiles[0])
        let bytes = PowerShellRenderer.renderUTF8(graph: compiled.graph, planSHA256: compiled.sha256, toolVersion: "0")
        #expect(Array(bytes.prefix(3)) == Self.bom)
        // Streamed, the mark comes once, first.
        let streamed = Chunks()
        PowerShellRenderer.prepare(graph: compiled.graph, planSHA256: compiled.sha256, toolVersion: "0")
            .write(into: { streamed.append(Array($0)) })
        #expect(streamed.bytes == bytes)
    }

    final class Chunks: @unchecked Sendable {
        var bytes: [UInt8] = []
        func append(_ chunk: [UInt8]) { bytes += chunk }
    }

    /// Bytes an ANSI code page (1250, 1251, 1252 alike) decodes into a quote PowerShell reads as `'`.
    static let quoteBytes: Set<UInt8> = [0x82, 0x91, 0x92]

    @Test func aCharacterWithAQuoteByteIsWrittenAsCharJoinedToTheLiteral() {
        #expect(PowerShellQuoting.literal("Győr") == "('Gy' + [char]0x0151 + 'r')")
        #expect(PowerShellQuoting.literal("т") == "('' + [char]0x0442)")
        #expect(PowerShellQuoting.literal("Łódź ł") == "('Łódź ' + [char]0x0142)")
        #expect(PowerShellQuoting.literal("O'ő'") == "('O''' + [char]0x0151 + '''')")
        // Characters without such a byte stay readable in the literal.
        #expect(PowerShellQuoting.literal("Жук Łódź") == "'Жук Łódź'")
        #expect(PowerShellQuoting.literal("a\u{2018}b") == "'a\u{2018}\u{2018}b'")
        // Beyond the BMP: one [char] per UTF-16 unit (U+1F4A9 is F0 9F 92 A9).
        #expect(PowerShellQuoting.literal("x\u{1F4A9}") == "('x' + [char]0xD83D + [char]0xDCA9)")
    }

    /// Reads what ``PowerShellQuoting/literal(_:)`` writes, as PowerShell does: one single-quoted
    /// literal, or a parenthesised sum of literals and `[char]0xHHHH` starting with a literal. nil when
    /// `source` is anything else.
    static func readStringExpression(_ source: String) -> String? {
        if let s = PowerShellQuotingTests.readSingleQuoted(source) { return s }
        var rest = Substring(source)
        guard rest.hasPrefix("("), rest.hasSuffix(")") else { return nil }
        rest = rest.dropFirst().dropLast()
        var units: [UInt16] = []
        var first = true
        while !rest.isEmpty {
            if !first {
                guard rest.hasPrefix(" + ") else { return nil }
                rest = rest.dropFirst(3)
            }
            if rest.hasPrefix("[char]0x") {
                guard !first else { return nil }
                let hex = rest.dropFirst(8).prefix(4)
                guard hex.count == 4, let unit = UInt16(hex, radix: 16) else { return nil }
                units.append(unit)
                rest = rest.dropFirst(12)
            } else {
                // The shortest prefix that reads as one literal is the literal (doubled quotes inside).
                let scalars = Array(rest.unicodeScalars)
                guard let open = scalars.first, PowerShellQuoting.singleQuotes.contains(open) else { return nil }
                var i = 1
                while i < scalars.count {
                    if PowerShellQuoting.singleQuotes.contains(scalars[i]) {
                        if i + 1 < scalars.count, PowerShellQuoting.singleQuotes.contains(scalars[i + 1]) { i += 2; continue }
                        break
                    }
                    i += 1
                }
                guard i < scalars.count else { return nil }
                var literal = String.UnicodeScalarView()
                literal.append(contentsOf: scalars[...i])
                guard let text = PowerShellQuotingTests.readSingleQuoted(String(literal)) else { return nil }
                units += text.utf16
                var after = String.UnicodeScalarView()
                after.append(contentsOf: scalars[(i + 1)...])
                rest = Substring(String(after))
            }
            first = false
        }
        return String(decoding: units, as: UTF16.self)
    }

    static let alphabet: [Unicode.Scalar] = [
        "ő", "ł", "т", "Ж", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "'", "\"", "$", "`", ";", " ", "a", "Z",
        "(", ")", "+", "#", "é", "ä", "ß",
    ]

    static func randomValue(_ rng: inout SeededRandom, wide: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...24, using: &rng) {
            if wide, Int.random(in: 0..<4, using: &rng) == 0 {
                var value = UInt32.random(in: 0x80...0x10FFFF, using: &rng)
                if (0xD800...0xDFFF).contains(value) { value = 0x0151 }
                scalars.append(Unicode.Scalar(value)!)
            } else {
                scalars.append(alphabet.randomElement(using: &rng)!)
            }
        }
        return String(scalars)
    }

    @Test func noLiteralHoldsAByteACodePageReadsAsAQuote() {
        var rng = SeededRandom(seed: 0x1250_1251_1252)
        for _ in 0..<5000 {
            let text = Self.randomValue(&rng, wide: true)
            let literal = PowerShellQuoting.literal(text)
            let clean = !literal.utf8.contains(where: Self.quoteBytes.contains)
            let readBack = Self.readStringExpression(literal)
            #expect(clean, "\(text.unicodeScalars.map(\.value)): \(literal)")
            #expect(readBack == text, "\(text.unicodeScalars.map(\.value)): \(literal)")
            if !clean || readBack != text { break }
        }
    }

    /// The real grammar (tree-sitter-powershell, through Scripts/checks/powershell-codepages.py) reads
    /// scripts whose plan values hold `ő ł т Ж ‘ ’ ‚ ‛`: as UTF-8, and with the mark lost, in Windows-1250,
    /// 1251 and 1252. Each value stays exactly one string expression, and the marker never leaves it.
    @Test func eachValueStaysOneStringExpressionInEveryCodePage() throws {
        let fields = ["ruleName", "contactName", "contactOU", "pop3Description", "smtpDescription", "supportTicket", "instructions", "note", "sendConnectorName"]
        var values = [
            "Győr; Write-Host ZQX; ő", "т'; ZQX; 'т", "Łódź \u{2018}ZQX\u{2019} \u{201A}x\u{201B}", "Жук ZQX ł",
            "ő\u{2019}; ZQX; \u{2018}ő", "'+(ZQX)+' ő", "ZQX т\u{201A}ł\u{201B}Ж",
        ]
        var rng = SeededRandom(seed: 0x0151_0442)
        for _ in 0..<11 { values.append("ZQX" + Self.randomValue(&rng, wide: false).replacingOccurrences(of: "#", with: "-")) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jp-codepages-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var run = 0
        var arguments = ["Scripts/checks/powershell-codepages.py", "--marker", "ZQX"]
        for chunk in stride(from: 0, to: values.count, by: fields.count).map({ Array(values[$0..<min($0 + fields.count, values.count)]) }) {
            for shift in 0..<fields.count {
                var assigned: [String: String] = [:]
                for (n, value) in chunk.enumerated() { assigned[fields[(n + shift) % fields.count]] = value }
                let result = PlanValidator().validate(text: InjectionTests.plan(values: assigned))
                let graph = try #require(result.graph, "\(result.diagnostics.map(\.message))")
                #expect(!result.hasErrors, "\(assigned): \(result.diagnostics.map(\.message))")
                let script = directory.appendingPathComponent("s\(run).ps1")
                let json = directory.appendingPathComponent("s\(run).json")
                run += 1
                try Data(PowerShellRenderer.renderUTF8(graph: graph, planSHA256: String(repeating: "0", count: 64), toolVersion: "0")).write(to: script)
                try JSONEncoder().encode(chunk).write(to: json)
                arguments += [script.path, json.path]
            }
        }
        let (status, output) = try Self.python(arguments)
        #expect(status == 0, "\(output)")
    }

    /// The check itself fails on the script as it was before: no mark, `ő` written as itself.
    @Test func theCheckFailsOnAScriptWithoutTheDefence() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jp-codepages-bad-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("bad.ps1")
        let json = directory.appendingPathComponent("bad.json")
        try Data("$jpRuleName = 'Győr; Write-Host ZQX; ő'\n".utf8).write(to: script)
        try JSONEncoder().encode(["Győr; Write-Host ZQX; ő"]).write(to: json)
        let (status, output) = try Self.python(["Scripts/checks/powershell-codepages.py", "--marker", "ZQX", script.path, json.path])
        #expect(status == 1)
        #expect(output.contains("does not start with the UTF-8 byte-order mark"))
        #expect(output.contains("(cp1250, no BOM)") && output.contains("(cp1252, no BOM)"), "\(output)")
        #expect(!output.contains("(UTF-8)"), "\(output)")
    }

    static func python(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = Repository.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
