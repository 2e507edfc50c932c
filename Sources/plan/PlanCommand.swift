import ArgumentParser
import Foundation
import JournalPlanCore

/// `plan`: check, compile and run journaling cut-over plans.
@main
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Check, compile and run Mimecast journaling cut-over plans (POP3 to SMTP).",
        version: ToolInfo.version,
        subcommands: [
            ValidateCommand.self, CompileCommand.self, GraphCommand.self, ExplainCommand.self, DiffCommand.self,
            RunCommand.self, RulesCommand.self, SchemaCommand.self, InitCommand.self,
        ]
    )

    /// Runs the command line; usage errors exit 2 (DESIGN §4), not ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 1 || code.rawValue == 3 || error is ExitCode {
                if !(error is ExitCode) { exit(withError: error) }
                Foundation.exit(code.rawValue)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(2)
        }
    }
}
