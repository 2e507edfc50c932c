import Foundation
import JournalPlanRunner
import JournalPlanTestSupport

/// The `journalplan-test-host` executable built next to the test bundle.
enum TestHost {
    static var repositoryRoot: URL { Repository.root }

    static var path: String { Repository.builtExecutable("journalplan-test-host").path }

    /// A host running the stand-in, quoted into a `--shell` command line as a user would.
    static func host(
        connection: ExchangeConnection = .existingShell, startupTimeout: Duration = .seconds(30)
    ) throws -> PowerShellHost {
        PowerShellHost(
            configuration: try PowerShellHostConfiguration(
                shell: "'\(path)' -NoProfile", connection: connection, startupTimeout: startupTimeout))
    }
}

extension PowerShellHost {
    /// The stand-in's process id as it reports it (`#jp-test: pid`).
    func reportedPID() async throws -> String {
        try await execute(script: "#jp-test: pid", timeout: .seconds(10)).output.first ?? ""
    }
}
