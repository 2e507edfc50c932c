import Foundation
import JournalPlanRunner
import Testing

@Suite struct PowerShellHostTests {
    @Test func aScriptRoundTripsWithOutputAndValue() async throws {
        let host = try TestHost.host()
        let result = try await host.execute(
            script: "#jp-test: echo Grüße ‘Journal’ rule: 'x'\n#jp-test: value true", timeout: .seconds(10))
        #expect(result == HostResult(succeeded: true, output: ["Grüße ‘Journal’ rule: 'x'"], value: true))
        await host.shutdown()
        #expect(await host.isRunning == false)
    }

    @Test func largeOutputAndLargeScriptsArrive() async throws {
        let host = try TestHost.host()
        let many = try await host.execute(script: "#jp-test: lines 10000", timeout: .seconds(60))
        #expect(many.output.count == 10000)
        #expect(many.output.last == "line 10000 of 10000")
        let body = (1...2000).map { "Set-JournalRule -Identity 'rule \($0)' # ünïcödé" }
        let echoed = try await host.execute(script: body.joined(separator: "\n"), timeout: .seconds(60))
        #expect(echoed.output == ["kind script"] + body)
        await host.shutdown()
    }

    @Test func errorRecordsFailTheResult() async throws {
        let host = try TestHost.host()
        let result = try await host.execute(
            script: "#jp-test: echo partial\n#jp-test: error Cannot find 'Journal All Mail'|ObjectNotFound|Journal All Mail",
            timeout: .seconds(10))
        #expect(result.succeeded == false)
        #expect(result.output == ["partial"])
        #expect(
            result.errors == [
                HostErrorRecord(
                    message: "Cannot find 'Journal All Mail'", category: "ObjectNotFound", target: "Journal All Mail")
            ])
        await host.shutdown()
    }

    @Test func linesOutsideTheResponseAreHostOutput() async throws {
        let host = try TestHost.host()
        let result = try await host.execute(
            script: "#jp-test: host WARNING: The command completed successfully but no settings have been modified.\n#jp-test: echo done",
            timeout: .seconds(10))
        #expect(result.output == ["done"])
        #expect(result.hostOutput == ["WARNING: The command completed successfully but no settings have been modified."])
        await host.shutdown()
    }

    @Test func manyCommandsRunOnOneHost() async throws {
        let host = try TestHost.host()
        let pid = try await host.reportedPID()
        for index in 1...200 {
            let result = try await host.execute(script: "#jp-test: echo \(index)", timeout: .seconds(10))
            #expect(result.output == ["\(index)"])
        }
        #expect(try await host.reportedPID() == pid)
        await host.shutdown()
    }

    @Test func aTimeoutKillsTheHostAndTheNextCallRestartsIt() async throws {
        let host = try TestHost.host()
        let first = try await host.reportedPID()
        await #expect {
            _ = try await host.execute(script: "#jp-test: sleep 20000", timeout: .milliseconds(300))
        } throws: { error in
            guard case PowerShellHostError.timedOut(let seconds, _) = error else { return false }
            return seconds == 0.3
        }
        // The typed error carries the 0.3 s timeout, so the 20 s sleep did not end the call.
        #expect(await host.isRunning == false)
        let second = try await host.reportedPID()
        #expect(second != first)
        await host.shutdown()
    }

    @Test func aCrashIsATypedErrorWithStderr() async throws {
        let host = try TestHost.host()
        await #expect {
            _ = try await host.execute(script: "#jp-test: stderr dying now\n#jp-test: exit 7", timeout: .seconds(10))
        } throws: { error in
            guard case PowerShellHostError.hostExited(let status, let stderr) = error else { return false }
            return status == 7 && stderr.contains("dying now")
        }
        let after = try await host.execute(script: "#jp-test: echo back", timeout: .seconds(10))
        #expect(after.output == ["back"])
        await host.shutdown()
    }

    @Test func garbageOnStdoutIsAProtocolViolation() async throws {
        let host = try TestHost.host()
        await #expect {
            _ = try await host.execute(script: "#jp-test: garbage", timeout: .seconds(10))
        } throws: { error in
            guard case PowerShellHostError.protocolViolation = error else { return false }
            return true
        }
        #expect(await host.isRunning == false)
    }

    @Test func aCallCancelledBeforeItsTurnSendsNothingAndKeepsTheHost() async throws {
        let host = try TestHost.host()
        let pid = try await host.reportedPID()
        let busy = Task { try await host.execute(script: "#jp-test: sleep 300\n#jp-test: echo busy", timeout: .seconds(60)) }
        let queued = Task { try await host.execute(script: "#jp-test: echo never", timeout: .seconds(60)) }
        queued.cancel()
        await #expect {
            _ = try await queued.value
        } throws: { error in
            guard case PowerShellHostError.cancelled = error else { return false }
            return true
        }
        #expect(try await busy.value.output == ["busy"])
        #expect(try await host.reportedPID() == pid)
        await host.shutdown()
    }

    @Test func cancellingACommandStopsTheHost() async throws {
        let host = try TestHost.host()
        _ = try await host.reportedPID()
        let task = Task {
            try await host.execute(script: "#jp-test: stderr sleeping\n#jp-test: sleep 20000", timeout: .seconds(60))
        }
        // Cancel once the host runs the script (a call cancelled before its turn sends nothing and keeps the host).
        while await !host.standardError.contains("sleeping") { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        await #expect(throws: PowerShellHostError.self) { _ = try await task.value }
        #expect(await host.isRunning == false)
    }

    @Test func aRemoteConnectionRunsTheConnectScriptWithTheURIQuoted() async throws {
        let host = try TestHost.host(connection: .remote(connectionURI: "http://ex01.contoso.com/PowerShell/?who=o'brien"))
        let connected = try #require(try await host.start())
        #expect(connected.output.first == "kind connect")
        #expect(
            connected.output.dropFirst().first
                == "$global:JP1Session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri 'http://ex01.contoso.com/PowerShell/?who=o''brien' -Authentication Kerberos -ErrorAction Stop"
        )
        #expect(try await host.start() == nil)
        await host.shutdown()
    }

    @Test func aShellThatIsNotPowerShellExitsWithItsStatus() async throws {
        let host = PowerShellHost(
            configuration: try PowerShellHostConfiguration(shell: #"sh -c "echo 'not powershell' >&2; exit 4""#))
        await #expect {
            _ = try await host.execute(script: "Get-JournalRule", timeout: .seconds(10))
        } throws: { error in
            guard case PowerShellHostError.hostExited(let status, let stderr) = error else { return false }
            return status == 4 && stderr.contains("not powershell")
        }
    }

    @Test func aMissingProgramCannotBeLaunched() async throws {
        let host = PowerShellHost(configuration: try PowerShellHostConfiguration(shell: "jp-no-such-pwsh -Command -"))
        await #expect {
            _ = try await host.execute(script: "Get-JournalRule", timeout: .seconds(10))
        } throws: { error in
            guard case PowerShellHostError.launchFailed = error else { return false }
            return true
        }
    }
}
