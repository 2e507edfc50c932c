import Foundation
import JournalPlanRunner
import Testing

@Suite struct PowerShellHostLifecycleTests {
    @Test func aFailingConnectScriptIsAConnectionError() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["JP_TEST_HOST_FAIL_CONNECT"] = "Connecting to remote server ex01 failed: WinRM cannot process the request"
        let host = PowerShellHost(
            configuration: try PowerShellHostConfiguration(
                shell: "'\(TestHost.path)'", connection: .remote(connectionURI: "http://ex01.contoso.com/PowerShell/"),
                environment: environment, startupTimeout: .seconds(30)))
        await #expect {
            _ = try await host.execute(script: "Get-JournalRule", timeout: .seconds(10))
        } throws: { error in
            guard case PowerShellHostError.connectionFailed(let errors, _) = error else { return false }
            return errors.map(\.category) == ["OpenError"] && errors.first?.message.contains("WinRM") == true
        }
        #expect(await host.isRunning == false)
    }

    @Test func aHostThatNeverAnnouncesItselfTimesOutAtStartup() async throws {
        // `cat` echoes the launcher back and never says JP1 READY.
        let host = PowerShellHost(
            configuration: try PowerShellHostConfiguration(shell: "cat", startupTimeout: .milliseconds(500)))
        await #expect {
            _ = try await host.execute(script: "Get-JournalRule", timeout: .seconds(10))
        } throws: { error in
            guard case PowerShellHostError.timedOut(let seconds, let context) = error else { return false }
            return seconds == 0.5 && context.contains("$jp1Boot")
        }
        // The error names the startup timeout (0.5 s), not the 10 s command timeout: that, not a wall-clock
        // bound a loaded machine can exceed, shows which one ended it.
        #expect(await host.isRunning == false)
    }

    @Test func aHostKilledBetweenCommandsIsReportedThenReplaced() async throws {
        let host = try TestHost.host()
        _ = try await host.reportedPID()
        let pid = try #require(await host.processIdentifier)
        kill(pid, SIGKILL)
        try await Task.sleep(for: .milliseconds(100))
        await #expect {
            _ = try await host.execute(script: "#jp-test: echo lost", timeout: .seconds(10))
        } throws: { error in
            switch error {
            case PowerShellHostError.hostExited, PowerShellHostError.brokenPipe: return true
            default: return false
            }
        }
        let again = try await host.execute(script: "#jp-test: echo again", timeout: .seconds(10))
        #expect(again.output == ["again"])
        #expect(await host.processIdentifier != pid)
        await host.shutdown()
    }

    @Test func standardErrorIsCapturedAndBounded() async throws {
        var configuration = try PowerShellHostConfiguration(shell: "'\(TestHost.path)'")
        configuration.stderrLimit = 64
        let host = PowerShellHost(configuration: configuration)
        let noise = String(repeating: "x", count: 300)
        _ = try await host.execute(script: "#jp-test: stderr \(noise)\n#jp-test: stderr tail-marker", timeout: .seconds(10))
        // The reader thread may lag the response by a moment.
        let deadline = ContinuousClock.now + .seconds(5)
        while await !host.standardError.contains("tail-marker"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let captured = await host.standardError
        #expect(captured.hasSuffix("tail-marker\n"))
        #expect(captured.utf8.count <= 64)
        await host.shutdown()
    }

    @Test func shutdownEndsTheHost() async throws {
        let host = try TestHost.host()
        let pid = try #require(try await host.start() == nil ? await host.processIdentifier : nil)
        await host.shutdown()
        #expect(await host.isRunning == false)
        // The process is gone: signal 0 reports ESRCH.
        #expect(kill(pid, 0) == -1)
    }
}
