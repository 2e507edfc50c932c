import Foundation
import Testing
@testable import JournalPlanRunner

/// What the host process inherits, how much of its output the runner takes, and what it may repeat.
@Suite struct PowerShellHostSafetyTests {
    /// The bits of SIGHUP, SIGINT and SIGTERM in a /proc/self/status signal mask (hex).
    static func stopSignals(_ line: String) -> UInt64 {
        let hex = line.split(separator: "\t").last.map(String.init) ?? ""
        let mask = UInt64(hex.trimmingCharacters(in: .whitespaces), radix: 16) ?? .max
        return mask & ((1 << (SIGHUP - 1)) | (1 << (SIGINT - 1)) | (1 << (SIGTERM - 1)))
    }

    @Test func theHostStartsWithSIGHUPSIGINTAndSIGTERMNeitherBlockedNorIgnored() async throws {
        let host = try TestHost.host()
        let lines = try await host.execute(script: "#jp-test: signals", timeout: .seconds(30)).output
        let blocked = try #require(lines.first { $0.hasPrefix("SigBlk") })
        let ignored = try #require(lines.first { $0.hasPrefix("SigIgn") })
        #expect(Self.stopSignals(blocked) == 0, "\(blocked)")
        #expect(Self.stopSignals(ignored) == 0, "\(ignored)")
        await host.shutdown()
    }

    @Test func theHostInheritsNoMimecastVariable() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["MIMECAST_CLIENT_SECRET"] = "do-not-pass"
        environment["Mimecast_Base_URL"] = "https://api.services.mimecast.com"
        environment["JP_TEST_KEEP"] = "kept"
        let host = PowerShellHost(
            configuration: try PowerShellHostConfiguration(shell: "'\(TestHost.path)'", environment: environment))
        let result = try await host.execute(
            script: "#jp-test: env MIMECAST_CLIENT_SECRET\n#jp-test: env Mimecast_Base_URL\n#jp-test: env JP_TEST_KEEP",
            timeout: .seconds(30))
        #expect(result.output == ["<unset>", "<unset>", "kept"])
        await host.shutdown()
    }

    @Test func anAnswerPastTheLineBoundFailsTheCommandAndStopsTheHost() async throws {
        var configuration = try PowerShellHostConfiguration(shell: "'\(TestHost.path)'")
        configuration.maxResponseLines = 5000
        let host = PowerShellHost(configuration: configuration)
        await #expect {
            _ = try await host.execute(script: "#jp-test: flood", timeout: .seconds(120))
        } throws: { error in
            guard case PowerShellHostError.protocolViolation(let what, _) = error else { return false }
            return what.contains("longer than 5000 lines")
        }
        #expect(await host.isRunning == false)
        let after = try await host.execute(script: "#jp-test: echo back", timeout: .seconds(30))
        #expect(after.output == ["back"])
        await host.shutdown()
    }

    @Test func aPartialAnswerIsAnExitNotAHang() async throws {
        let host = try TestHost.host()
        await #expect {
            _ = try await host.execute(script: "#jp-test: partial", timeout: .seconds(120))
        } throws: { error in
            guard case PowerShellHostError.hostExited = error else { return false }
            return true
        }
        #expect(await host.isRunning == false)
    }

    @Test func aSilentHostTimesOut() async throws {
        let host = try TestHost.host()
        await #expect {
            _ = try await host.execute(script: "#jp-test: silence", timeout: .milliseconds(500))
        } throws: { error in
            guard case PowerShellHostError.timedOut = error else { return false }
            return true
        }
        #expect(await host.isRunning == false)
    }

    @Test func secretsAreRedactedFromEverythingTheHostSays() async throws {
        let secret = "Sec+ret/\(UUID().uuidString)"
        let percent = secret.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
        let base64 = Data(secret.utf8).base64EncodedString()
        var configuration = try PowerShellHostConfiguration(shell: "'\(TestHost.path)'")
        configuration.secrets = [secret]
        let host = PowerShellHost(configuration: configuration)
        let result = try await host.execute(
            script: """
                #jp-test: echo token \(secret)
                #jp-test: echo client_secret=\(percent)&grant_type=client_credentials
                #jp-test: echo {"client_secret":"\(secret.replacingOccurrences(of: "/", with: "\\/"))"}
                #jp-test: echo Basic \(base64)
                #jp-test: error failed with \(secret)|InvalidOperation|\(secret)
                #jp-test: host WARNING: \(secret)
                #jp-test: stderr stderr \(secret)
                """, timeout: .seconds(30))
        let everything = (result.output + result.hostOutput + result.errors.map(\.description)).joined(separator: "\n")
        for form in [secret, percent, base64, secret.replacingOccurrences(of: "/", with: "\\/")] {
            #expect(!everything.contains(form))
        }
        #expect(result.output.first == "token <redacted>")
        #expect(result.errors.first?.message == "failed with <redacted>")
        // The stderr reader may lag the answer; then the host's end flushes it.
        await host.shutdown()
        #expect(await host.standardError.contains("stderr <redacted>"))
        #expect(await !host.standardError.contains(secret))
    }

    @Test func theDefaultSecretsAreTheMimecastSecretsOfTheEnvironment() {
        let secrets = PowerShellHostConfiguration.secrets(in: [
            "MIMECAST_CLIENT_SECRET": "s1", "MIMECAST_ACCESS_TOKEN": "t1", "MIMECAST_CLIENT_ID": "id",
            "MIMECAST_BASE_URL": "https://x", "OTHER_SECRET": "o",
        ])
        #expect(secrets == ["s1", "t1"])
    }

    @Test func aStartThatFailedIsNotRetriedByTheNextCall() async throws {
        let dir = Fixtures.temporaryDirectory()
        let host = PowerShellHost(
            configuration: try PowerShellHostConfiguration(shell: #"sh -c "echo started >> '\#(dir)/starts'; exit 4""#))
        for _ in 1...3 {
            await #expect(throws: PowerShellHostError.self) {
                _ = try await host.execute(script: "Get-JournalRule", timeout: .seconds(30))
            }
        }
        let starts = try String(contentsOfFile: dir + "/starts", encoding: .utf8)
        #expect(starts == "started\n")
    }
}
