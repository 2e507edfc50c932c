import Foundation
import Testing

/// A command line learned in a minute (issue 20): every `--help` shows pasteable examples and its exit
/// statuses, options name what their values are, and `plan --help` lists the exit codes.
@Suite struct HelpCLITests {
    static let commands = ["validate", "compile", "graph", "explain", "diff", "run", "rules", "schema", "init"]

    func help(_ args: [String]) throws -> String {
        let out = try PlanCLI.run(args + ["--help"])
        #expect(out.status == 0, "\(args)")
        return out.stdout
    }

    @Test(arguments: commands)
    func everyCommandHasExamplesAndExitStatus(_ command: String) throws {
        let text = try help([command])
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0 == "Examples:" || $0 == "Example:" }, "\(command): no examples")
        let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(!examples.isEmpty)
        // Each example is one pasteable line (or an explicit `\` continuation), never wrapped by the help.
        var continued = false
        for line in examples {
            let isExample = continued ? line.hasPrefix("    ") : line.hasPrefix("  ") && line.contains("plan ")
            #expect(isExample, "\(command): '\(line)' is not an example line")
            continued = line.hasSuffix("\\")
        }
        #expect(text.contains("Exit status: 0 "), "\(command)")
        #expect(!text.contains("<value>"), "\(command): an option's value has no name")
    }

    @Test func valueNamesSayWhatTheyAre() throws {
        let run = try help(["run"])
        for option in ["--approve <step-id>", "--fail-step <step-id>", "--state <file>", "--report <file>", "--parallel <n>"] {
            #expect(run.contains(option), "\(option)")
        }
        #expect(run.contains("Gates:"))
        #expect(run.contains("exits 3"))
        #expect(try help(["compile"]).contains("-o, --output <file>"))
        #expect(try help(["init"]).contains("--exchange-version <version>"))
        #expect(try help(["diff"]).contains("<old-plan> <new-plan>"))
    }

    @Test func theRootHelpListsTheExitCodes() throws {
        let text = try help([])
        for code in ["0  success", "1  findings", "2  usage or I/O", "3  run paused", "4  diff only"] {
            #expect(text.contains(code), "\(code)")
        }
    }
}
