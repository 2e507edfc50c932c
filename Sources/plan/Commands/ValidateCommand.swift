import ArgumentParser
import Foundation
import JournalPlanCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check plans against the schema, the ordering rules and the no-loss property.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    @Argument(help: "Plan files, or - for standard input.")
    var plans: [String]

    @Option(help: "Output format: text, json, sarif or github.")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors (exit 1 when there are any).")
    var warningsAsErrors = false

    mutating func run() throws {
        var results: [ValidationResult] = []
        var sources: [String: SourceText] = [:]
        var ioFailed = false
        let validator = PlanValidator()
        for path in plans {
            let name = PlanInput.displayName(path)
            do {
                let bytes = try PlanInput.read(path)
                var result = validator.validate(bytes, file: name)
                // Excerpts are only shown under diagnostics; a clean plan never needs its lines indexed.
                if !result.diagnostics.isEmpty { sources[name] = SourceText(bytes: bytes) }
                if warningsAsErrors {
                    result.diagnostics = result.diagnostics.map { d in
                        var d = d
                        if d.severity == .warning { d.severity = .error }
                        return d
                    }
                }
                results.append(result)
            } catch {
                Terminal.writeError("plan: error: \(error)\n")
                ioFailed = true
            }
        }
        try DiagnosticOutput.emit(results, sources: sources, format: format)
        // Exit here, with the results still alive: the process ends anyway, and tearing down the plans,
        // graphs and sources object by object costs a large plan several percent of its run.
        let status: Int32 = ioFailed ? 2 : results.contains(where: \.hasErrors) ? 1 : 0
        withExtendedLifetime((results, sources)) { Foundation.exit(status) }
    }
}

/// Writes validation results in the chosen format.
enum DiagnosticOutput {
    static func emit(_ results: [ValidationResult], sources: [String: SourceText], format: ValidateCommand.Format)
        throws
    {
        switch format {
        case .text:
            let formatter = TextDiagnosticFormatter(colorize: Terminal.useColor(fd: STDOUT_FILENO))
            var out = ""
            for result in results {
                for diagnostic in result.diagnostics {
                    out += formatter.format(diagnostic, source: sources[diagnostic.location.file])
                }
            }
            let all = results.flatMap(\.diagnostics)
            out += formatter.summary(
                errors: all.filter { $0.severity == .error }.count,
                warnings: all.filter { $0.severity == .warning }.count, files: results.count)
            Terminal.write(out)
        case .json:
            Terminal.write(JSONDiagnosticFormatter.document(results).rendered(pretty: true) + "\n")
        case .sarif:
            Terminal.write(SARIFFormatter.document(results, toolVersion: ToolInfo.version).rendered(pretty: true) + "\n")
        case .github:
            Terminal.write(GitHubAnnotationFormatter.lines(results))
        }
    }
}
