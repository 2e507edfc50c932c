import Foundation
import JournalPlanCore
import Testing

@testable import JournalPlanRunner

@Suite struct HostBootstrapTests {
    /// Every PowerShell text the host session sends by itself (never a plan value but the URI).
    static var scripts: [(String, String)] {
        [
            ("bootstrap", HostBootstrap.program),
            ("launcher", HostBootstrap.launcher),
            ("connect-remote", ExchangeConnection.remote(connectionURI: "http://ex01.contoso.com/PowerShell/?a='b'").connectScript!),
            ("connect-online", ExchangeConnection.online.connectScript!),
            ("disconnect-remote", ExchangeConnection.remote(connectionURI: "http://ex01/").disconnectScript!),
            ("disconnect-online", ExchangeConnection.online.disconnectScript!),
        ]
    }

    /// Written for `Scripts/checks/host-bootstrap.sh`, which parses them with a PowerShell grammar.
    @Test func scriptsAreWrittenForTheGrammarCheck() throws {
        let folder = TestHost.repositoryRoot.appendingPathComponent(".build/checks/powershell-host")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in Self.scripts {
            try Data((text + "\n").utf8).write(to: folder.appendingPathComponent("\(name).ps1"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ps1") }.count >= 6)
    }

    /// Exchange 2007/2010 hosts run Windows PowerShell 2.0: none of the later constructs may appear.
    @Test(arguments: ["ConvertTo-Json", "ConvertFrom-Json", "3>&1", "*>", "[ordered]", "::new(", "-in ", "-notin ",
        "[pscustomobject]", "using ", "class "])
    func theBootstrapUsesPowerShell2Only(construct: String) {
        for (name, text) in Self.scripts where !name.hasSuffix("online") {
            #expect(!text.contains(construct), "\(name) uses \(construct)")
        }
    }

    @Test func theLauncherIsOneLineOfASCII() {
        let launcher = HostBootstrap.launcher
        #expect(!launcher.contains("\n"))
        #expect(launcher.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test(arguments: [
        ("plain", "'plain'"), ("o'brien", "'o''brien'"), ("a\u{2018}b\u{2019}c", "'a\u{2018}\u{2018}b\u{2019}\u{2019}c'"),
        ("\u{201A}\u{201B}", "'\u{201A}\u{201A}\u{201B}\u{201B}'"), ("$(Remove-Item x) `n \"q\"", "'$(Remove-Item x) `n \"q\"'"),
        // PowerShell reads UTF-16 units, so a quote followed by a combining mark still closes the string.
        ("x'\u{301}; Remove-Item y", "'x''\u{301}; Remove-Item y'"),
    ])
    func literalsDoubleEveryQuoteCharacter(value: String, literal: String) {
        #expect(PowerShellQuoting.literal(value) == literal)
    }

    @Test func requestsAreChunkedBase64Frames() throws {
        let script = String(repeating: "Get-JournalRule | Where-Object { $_.Enabled } # ‘x’\n", count: 100)
        let lines = HostFrame.request(id: 42, kind: .script, script: script).split(separator: "\n").map(String.init)
        #expect(lines.first == "JP1 BEGIN 42")
        #expect(lines.last == "JP1 END 42")
        #expect(lines[1] == "kind:" + Data("script".utf8).base64EncodedString())
        let chunks = lines.dropFirst(2).dropLast().map { $0.dropFirst("script:".count) }
        #expect(chunks.count > 1)
        #expect(chunks.dropLast().allSatisfy { $0.count == HostFrame.chunkLength })
        let decoded = try #require(Data(base64Encoded: chunks.joined()))
        #expect(String(decoding: decoded, as: UTF8.self) == script)
    }
}
