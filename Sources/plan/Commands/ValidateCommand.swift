import ArgumentParser
import Foundation
import JournalPlanCore

struct ValidateCommand: PlanSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check plans against the schema, the ordering rules and the no-loss property.",
        discussion: """
            Examples:
              plan validate plans/cutover.yaml
              plan validate --format sarif plans/*.yaml > plan.sarif
              plan validate --format github plans/*.yaml

            On success it says what it proved for each plan ("no-loss: every order \
            of 14 nodes checked"). A file that cannot be read is a JP008 error in \
            every format.

            Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with \
            --warnings-as-errors), 2 a file cannot be read or the output cannot be \
            written.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    @Argument(
        help: ArgumentHelp("Plan files, or - for standard input.", valueName: "plan-file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var plans: [String]

    @Option(help: ArgumentHelp("Output format: text, json, sarif or github.", valueName: "format"))
    var format: Format = .text

    @Flag(help: "Treat warnings as errors (exit 1 when there are any).")
    var warningsAsErrors = false

    @Flag(
        help: ArgumentHelp(
            "Skip, silently, files that do not declare 'plan: journal-migration/v1' (for hooks that pass every YAML file).")
    )
    var plansOnly = false

    mutating func execute() throws -> Int32 {
        var results: [ValidationResult] = []
        var sources: [String: SourceText] = [:]
        var unreadable = false
        let validator = PlanValidator()
        for path in plans {
            // A readable file that is not a plan is skipped (an unreadable one is still JP008).
            if plansOnly, path != "-", let bytes = try? PlanInput.read(path), !PlanInput.declaresPlan(bytes) { continue }
            let checked = PlanInput.check(path, validator: validator)
            var result = checked.result
            if let late = WindowClock.check(result, now: Terminal.now) {
                result.diagnostics = (result.diagnostics + [late]).sortedForOutput()
            }
            unreadable = unreadable || checked.isUnreadable
            // Excerpts are only shown under diagnostics; a clean plan never needs its lines indexed.
            if !result.diagnostics.isEmpty, let source = checked.source { sources[checked.name] = source }
            if warningsAsErrors {
                result.diagnostics = result.diagnostics.map { d in
                    var d = d
                    if d.severity == .warning { d.severity = .error }
                    return d
                }
            }
            results.append(result)
        }
        try DiagnosticOutput.emit(results, sources: sources, format: format)
        ProcessLifetime.keep((results, sources))
        return unreadable ? 2 : results.contains(where: \.hasErrors) ? 1 : 0
    }
}

/// Writes validation results in the chosen format.
enum DiagnosticOutput {
    static func emit(_ results: [ValidationResult], sources: [String: SourceText], format: ValidateCommand.Format)
        throws
    {
        switch format {
        case .text:
            let formatter = TextDiagnosticFormatter(colorize: Terminal.colorOutput)
            try Terminal.write(formatter.report(results, sources: sources))
        case .json:
            try Terminal.write(JSONDiagnosticFormatter.document(results).rendered(pretty: true) + "\n")
        case .sarif:
            try Terminal.write(
                SARIFFormatter.document(results, toolVersion: ToolInfo.version, sourceRoot: sourceRoot())
                    .rendered(pretty: true) + "\n")
        case .github:
            try Terminal.write(GitHubAnnotationFormatter.lines(results))
        }
    }

    /// The repository the plans are in: the nearest directory at or above the working directory that
    /// holds `.git`, else the working directory itself. SARIF paths are relative to it.
    static func sourceRoot() -> SARIFFormatter.SourceRoot {
        let cwd = FileManager.default.currentDirectoryPath
        var directory = URL(fileURLWithPath: cwd, isDirectory: true).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) {
                return SARIFFormatter.SourceRoot(root: directory.path, workingDirectory: cwd)
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return SARIFFormatter.SourceRoot(root: cwd, workingDirectory: cwd)
    }
}
