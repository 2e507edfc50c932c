import ArgumentParser
import Foundation
import JournalPlanCore

/// A `plan` subcommand: does its work and returns its exit status. It never ends the process itself;
/// ``PlanCommand/execute(_:)`` decides the status once, so every command can be run in process by tests.
protocol PlanSubcommand: AsyncParsableCommand {
    /// The command's work; the returned value is the exit status. Output goes through ``Terminal/write(_:)``,
    /// whose ``OutputWriteError`` is left to propagate (exit 2).
    mutating func execute() async throws -> Int32
}

extension PlanSubcommand {
    mutating func run() async throws {
        let status = try await execute()
        if status != 0 { throw ExitCode(status) }
    }
}

/// `plan`: check, compile and run journaling cut-over plans.
@main
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check, compile and run Mimecast journaling cut-over plans (POP3 to SMTP).",
        discussion: """
            Start with 'plan init -o plans/cutover.yaml', then \
            'plan validate plans/cutover.yaml'; 'plan <command> --help' shows \
            examples for each command.

            Exit status (every command):
              0  success: the plan is valid, the output was written, the run ended
              1  findings: the plan has errors (or warnings with
                 --warnings-as-errors), the plans differ (diff), a run step failed
              2  usage or I/O: a bad flag, a file that cannot be read, output
                 that cannot be written
              3  run paused at a gate or before the window (--resume continues)
              4  diff only: the verdict got worse (valid before, not now)
            """,
        version: ToolInfo.version,
        subcommands: [
            ValidateCommand.self, CompileCommand.self, GraphCommand.self, ExplainCommand.self, DiffCommand.self,
            RunCommand.self, RulesCommand.self, SchemaCommand.self, InitCommand.self,
        ]
    )

    static func main() async {
        let status = await execute(Array(CommandLine.arguments.dropFirst()))
        Foundation.exit(status)
    }

    /// Parses `arguments`, runs the command and returns the exit status: the command's own, 2 for usage
    /// errors (docs/design.md §5, not ArgumentParser's 64) and for output that cannot be written.
    static func execute(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var subcommand = command as? any PlanSubcommand {
                return try await subcommand.execute()
            }
            try command.run()  // `plan` alone: shows the help
            return 0
        } catch let error as OutputWriteError {
            Terminal.writeError("plan: error: \(error)\n")
            return 2
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let message = fullMessage(for: error)
            guard exitCode(for: error) == .success else {
                if !message.isEmpty { Terminal.writeError(message + "\n") }
                return 2
            }
            // --help, --version: the requested text is output, and checked like any other.
            do {
                if !message.isEmpty { try Terminal.write(message + "\n") }
                return 0
            } catch {
                Terminal.writeError("plan: error: \(error)\n")
                return 2
            }
        }
    }
}
