import Foundation
import JournalPlanCore
import Testing

/// The pull-request integration: validate formats end to end, the pre-commit hook and the example
/// GitHub workflow (valid YAML with the steps the docs promise), and shell completions.
@Suite struct PullRequestWorkflowTests {
    static let fixtures = "Tests/PlanCLITests/Fixtures/validate/"

    /// Each validate fixture is named for the rule it must trigger (`jp201-….yaml`).
    @Test(arguments: ["jp001-yaml-syntax", "jp101-unknown-key", "jp201-one-server-stopped", "jp201-parallel-branches"])
    func fixtureTriggersItsRule(_ name: String) throws {
        let out = try PlanCLI.run(["validate", "--format", "json", Self.fixtures + name + ".yaml"])
        #expect(out.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let rules = (doc["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains(String(name.prefix(5)).uppercased()), "\(rules)")
    }

    @Test func sarifFromTheBinaryIsOneLogWithTheFindings() throws {
        let out = try PlanCLI.run(["validate", "--format", "sarif", Self.fixtures + "jp201-one-server-stopped.yaml", "plans/exchange-2016-two-servers.yaml"])
        #expect(out.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(doc["version"] as? String == "2.1.0")
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.contains { $0["ruleId"] as? String == "JP201" })
        let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
        #expect(driver?["version"] as? String == JournalPlanVersion.current)
    }

    @Test func githubFormatAnnotatesAndSummarises() throws {
        let out = try PlanCLI.run(["validate", "--format", "github", Self.fixtures + "jp001-yaml-syntax.yaml"])
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("::error file=Tests/PlanCLITests/Fixtures/validate/jp001-yaml-syntax.yaml,line=") == true)
        #expect(lines.first?.contains(",title=JP001 yaml-syntax::") == true)
        #expect(lines.last == "::notice title=JournalPlan::1 error, 0 warnings in 1 file")
    }

    func loadYAML(_ path: String) throws -> YAMLNode {
        let url = PlanCLI.repositoryRoot.appendingPathComponent(path)
        let bytes = try [UInt8](Data(contentsOf: url))
        switch YAMLLoader().load(bytes, file: path) {
        case .success(let node): return node
        case .failure(let diagnostic):
            Issue.record("\(path):\(diagnostic.location.range.start.line): \(diagnostic.message)")
            throw diagnostic
        }
    }

    func mapping(_ node: YAMLNode?) -> [String: YAMLNode] {
        guard case .mapping(let pairs)? = node?.content else { return [:] }
        return Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    func sequence(_ node: YAMLNode?) -> [YAMLNode] {
        guard case .sequence(let items)? = node?.content else { return [] }
        return items
    }

    @Test func exampleWorkflowIsValidYAMLWithTheRequiredSteps() throws {
        let root = mapping(try loadYAML("examples/github-actions/journalplan.yml"))
        #expect(root["on"] != nil && root["jobs"] != nil && root["name"] != nil)
        let permissions = mapping(root["permissions"])
        #expect(permissions["security-events"]?.scalar?.text == "write")
        #expect(permissions["pull-requests"]?.scalar?.text == "write", "the review comment")
        let jobs = mapping(root["jobs"])
        #expect(jobs.count == 1)
        let job = mapping(jobs["validate"])
        #expect(job["runs-on"] != nil)
        let steps = sequence(job["steps"]).map(mapping)
        #expect(!steps.isEmpty)
        let uses = steps.compactMap { $0["uses"]?.scalar?.text }
        #expect(uses.filter { $0.hasPrefix("actions/checkout@") }.count == 2, "the user's plans and JournalPlan")
        #expect(uses.contains { $0.hasPrefix("actions/cache@") }, "a build cache")
        #expect(uses.contains { $0.hasPrefix("github/codeql-action/upload-sarif@") })
        #expect(uses.contains { $0.hasPrefix("actions/github-script@") }, "the diff and runbook posted as a comment")
        let scripts = steps.compactMap { $0["run"]?.scalar?.text }.joined(separator: "\n")
        for needed in [
            "swift build -c release", "libyaml-dev", "plan validate --plans-only --format sarif",
            "plan validate --plans-only --format github", "plan diff --format markdown", "plan explain",
            "GITHUB_STEP_SUMMARY", "-eq 4",
        ] {
            #expect(scripts.contains(needed), "the workflow does not run \(needed)")
        }
        // Plans live in the user's repository, found by content: no JournalPlan-specific path.
        #expect(!scripts.contains("plans/"))
        for step in steps {
            #expect(step["run"] != nil || step["uses"] != nil, "a step without run or uses")
            // actionlint's script-injection check: no expression is expanded inside a script.
            #expect(!(step["run"]?.scalar?.text.contains("${{") ?? false), "\(step["name"]?.scalar?.text ?? "?")")
        }
    }

    /// actionlint cannot fetch its binary here (issue 20): every action the workflow uses must be on the
    /// repository's list, at the listed (Node 24) major version.
    @Test func exampleWorkflowUsesCurrentActionVersions() throws {
        let list = try String(
            contentsOf: PlanCLI.repositoryRoot.appendingPathComponent("examples/github-actions/action-versions.txt"),
            encoding: .utf8)
        var allowed: [String: String] = [:]
        for line in list.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 3 else { continue }
            #expect(fields[2] == "node24", "\(fields[0]): \(fields[2]) actions are deprecated")
            allowed[fields[0]] = fields[1]
        }
        #expect(allowed.count >= 4)
        let root = mapping(try loadYAML("examples/github-actions/journalplan.yml"))
        let steps = sequence(mapping(mapping(root["jobs"])["validate"])["steps"]).map(mapping)
        let uses = steps.compactMap { $0["uses"]?.scalar?.text }
        #expect(!uses.isEmpty)
        for use in uses {
            let parts = use.split(separator: "@", maxSplits: 1).map(String.init)
            let major = try #require(allowed[parts[0]], "\(parts[0]) is not on the list")
            #expect(parts.count == 2 && (parts[1] == major || parts[1].hasPrefix(major + ".")), "\(use): expected @\(major)")
        }
    }

    /// The hook recognises plans by content (issue 20): every YAML file is passed, and `--plans-only` checks
    /// the plans wherever they live and skips the other YAML silently.
    @Test func preCommitHookValidatesPlansByContent() throws {
        let hooks = sequence(try loadYAML(".pre-commit-hooks.yaml")).map(mapping)
        #expect(hooks.count == 2)
        for hook in hooks {
            #expect(hook["entry"]?.scalar?.text == "plan validate --plans-only")
            #expect(hook["files"] == nil, "no path filter: plans are found by content")
            #expect(sequence(try #require(hook["types"])).map { $0.scalar?.text } == ["yaml"])
            for key in ["name", "language"] { #expect(hook[key] != nil, "hook lacks \(key)") }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jp-hook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ops"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try String(contentsOf: PlanCLI.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml"), encoding: .utf8)
        try good.write(to: dir.appendingPathComponent("ops/cutover.yaml"), atomically: true, encoding: .utf8)
        try "name: ci\non: push\njobs: {}\n".write(to: dir.appendingPathComponent("workflow.yml"), atomically: true, encoding: .utf8)
        let bad = good.replacingOccurrences(of: "- { id: disable-rule", with: "- { id: disable-rule, after: [create-contact]")
        try bad.write(to: dir.appendingPathComponent("ops/bad.yaml"), atomically: true, encoding: .utf8)
        let entry = ["validate", "--plans-only"]
        let clean = try PlanCLI.run(entry + ["ops/cutover.yaml", "workflow.yml"], directory: dir)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.hasSuffix("0 errors, 0 warnings in 1 file\n"), "the workflow is skipped, not counted")
        let failing = try PlanCLI.run(entry + ["workflow.yml", "ops/bad.yaml"], directory: dir)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("ops/bad.yaml:"))
        #expect(!failing.stdout.contains("workflow.yml"))
        // Without the flag a non-plan is one error, as on the command line.
        let strict = try PlanCLI.run(["validate", "workflow.yml"], directory: dir)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("this is not a JournalPlan plan"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(_ shell: String) throws {
        let out = try PlanCLI.run(["--generate-completion-script", shell])
        #expect(out.status == 0, "\(out.stderr)")
        for command in ["validate", "diff", "compile"] {
            #expect(out.stdout.contains(command), "\(shell) completion lacks \(command)")
        }
        // Plan files by extension, and the plan's step ids for --approve and --fail-step (issue 20).
        #expect(out.stdout.contains("yaml") && out.stdout.contains("yml"), "\(shell): no plan-file filter")
        for option in ["--approve", "--fail-step"] {
            #expect(out.stdout.contains("---completion run -- \(option)"), "\(shell): \(option) ids are not completed")
        }
    }

    /// The generated bash completion, run in bash: `plan run PLAN --approve dis<TAB>` offers the plan's step
    /// ids, and `plan validate plans/exchange-2016<TAB>` the plan file.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func bashCompletesStepIDsAndPlanFiles() throws {
        let script = try PlanCLI.run(["--generate-completion-script", "bash"]).stdout
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jp-completion-\(UUID().uuidString).bash")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        func complete(_ words: [String]) throws -> [String] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.currentDirectoryURL = PlanCLI.repositoryRoot
            let quoted = ([PlanCLI.executable.path] + words).map { "'\($0)'" }.joined(separator: " ")
            process.arguments = [
                "-c",
                """
                source '\(file.path)'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count)
                COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
                _plan "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """,
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        let plan = "plans/exchange-2016-two-servers.yaml"
        #expect(try complete(["run", plan, "--approve", "dis"]) == ["disable-rule"])
        #expect(try complete(["run", plan, "--fail-step", "start"]) == ["start-transport"])
        #expect(try complete(["run", plan, "--approve", ""]).count == 12)
        #expect(try complete(["validate", "plans/exchange-2016"]) == [plan])
    }

    @Test func versionFlag() throws {
        let out = try PlanCLI.run(["--version"])
        #expect(out.status == 0)
        #expect(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == JournalPlanVersion.current)
    }
}
