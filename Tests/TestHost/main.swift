// journalplan-test-host: a stand-in for a PowerShell host that speaks the runner's JP1 framing.
//
// Like a real PowerShell host reading its standard input, it answers strictly one request at a time,
// in the order they arrive: a request written before the previous answer is read simply waits in the pipe.
//
// The first input line must be the runner's bootstrap launcher (a base64 program that announces
// `JP1 READY`); then every framed request is answered. A request's script is read line by line:
// lines starting with `#jp-test:` are directives, any other line is echoed as output (after a first
// line `kind <script|connect>`), so tests can see exactly which script text arrived.
//
// Directives: echo TEXT · lines N · error MESSAGE|CATEGORY|TARGET · value true|false · sleep MS ·
// exit CODE · garbage · stderr TEXT · host TEXT · pid · signals (the blocked and ignored signal sets
// from /proc/self/status) · env NAME (the variable's value, or `<unset>`) · flood (`out:` lines without
// end) · partial (half a response, then exit) · silence (never answers)
//
// Arguments: `-NoProfile` and other PowerShell switches are ignored.
//   --plan PATH --estate PATH   play the plan's Exchange organisation: every script the powershell adapter
//                               sends is recognised (``PowerShellRequestCatalogue``) and answered from a
//                               simulated estate saved at PATH, so a killed runner's new host sees it.
//   --fault MODE@STEP           the first apply of a node of step STEP (or node key) misbehaves, once per
//                               estate: fail (an error record), exit (dies before acting), exit-after
//                               (acts, then dies), silence, garbage, partial, flood, noise (1 MiB of
//                               stderr, then a normal answer), secret (echoes the text of --secret-file in
//                               its output, an error record and its stderr, and fails).
//   --secret-file PATH          the text the `secret` fault echoes.
//   --estate-fault NAME         the estate differs from the plan (``EstateFault``: unlisted-rule,
//                               wildcard-accepted-domain, transport-restarted, …): the preflight check
//                               that catches it answers false; a rule change that re-checks transport fails.
//
// With JP_TEST_HOST_FAIL_CONNECT=MESSAGE in its environment, every connect request fails.
import Foundation
import JournalPlanCore
import JournalPlanRunner

func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func encode(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

func decode(_ text: Substring) -> String? {
    guard let data = Data(base64Encoded: String(text)) else { return nil }
    return String(decoding: data, as: UTF8.self)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("journalplan-test-host: \(message)\n".utf8))
    exit(3)
}

/// Never answers; the runner's deadline kills the process.
func silence() -> Never {
    while true { sleep(3600) }
}

/// `out:` lines inside an unfinished response, until the runner stops reading.
func flood(_ id: String) -> Never {
    signal(SIGPIPE, SIG_DFL)
    emit("JP1 BEGIN \(id)")
    emit("status:" + encode("ok"))
    let line = "out:" + encode(String(repeating: "flood ", count: 40)) + "\n"
    let chunk = Data(String(repeating: line, count: 256).utf8)
    while true { FileHandle.standardOutput.write(chunk) }
}

struct Response {
    var output: [String] = []
    var errors: [String] = []
    var value: String?

    mutating func error(_ message: String, category: String = "", target: String = "", id: String = "") {
        errors.append("err:" + [message, category, target, id].map(encode).joined(separator: ":"))
    }

    func send(_ id: String) {
        var lines = ["JP1 BEGIN \(id)", "status:" + encode(errors.isEmpty ? "ok" : "failed")]
        if let value { lines.append("value:" + encode(value)) }
        lines += output.map { "out:" + encode($0) } + errors + ["JP1 END \(id)"]
        emit(lines.joined(separator: "\n"))
    }
}

// MARK: - Arguments

/// What the command line asks for.
struct Options {
    var planPath: String?
    var estatePath: String?
    var faults: [String: String] = [:]  // step id or node key → mode
    var secretFile: String?
    var estateFaults: Set<EstateFault> = []

    init(_ words: ArraySlice<String>) {
        var words = words
        while let word = words.popFirst() {
            switch word {
            case "--plan": planPath = words.popFirst()
            case "--estate": estatePath = words.popFirst()
            case "--secret-file": secretFile = words.popFirst()
            case "--estate-fault":
                guard let name = words.popFirst(), let fault = EstateFault(rawValue: name) else { fail("--estate-fault NAME") }
                estateFaults.insert(fault)
            case "--fault":
                guard let spec = words.popFirst(), let at = spec.firstIndex(of: "@") else { fail("--fault MODE@STEP") }
                faults[String(spec[spec.index(after: at)...])] = String(spec[..<at])
            default: break  // -NoProfile, -NonInteractive, -Command -
            }
        }
    }
}

let options = Options(CommandLine.arguments.dropFirst())

/// Sleeps the whole process (the host is busy: it reads nothing meanwhile).
func pause(milliseconds: Double) {
    usleep(useconds_t(max(0, milliseconds) * 1000))
}

// MARK: - The estate

/// The plan's Exchange organisation, simulated and saved after every change.
struct Estate {
    let graph: StepGraph
    let world: SimulationWorld
    let exchange: SimulatedAdapter
    let catalogue: PowerShellRequestCatalogue
    let nodes: [String: GraphNode]
    let firedPath: String
    let faults: [String: String]
    let secretFile: String?

    init(plan: String, estate: String, options: Options) async throws {
        faults = options.faults
        secretFile = options.secretFile
        let bytes = [UInt8](FileManager.default.contents(atPath: plan) ?? Data())
        guard let graph = PlanValidator().validate(bytes, file: plan).graph else { fail("\(plan) has errors") }
        self.graph = graph
        world = try SimulationWorld(
            graph: graph, path: estate, traffic: 0, failSteps: [], startTime: 0, faults: options.estateFaults)
        exchange = SimulatedAdapter(world: world, system: .exchange)
        catalogue = PowerShellRequestCatalogue(graph: graph)
        nodes = Dictionary(graph.nodes.map { ($0.key(in: graph), $0) }, uniquingKeysWith: { a, _ in a })
        firedPath = estate + ".faults"
    }

    /// The fault planned for `key`'s apply, once: a restarted host (or a resumed run) does not repeat it.
    func fault(for key: String) -> String? {
        guard let node = nodes[key] else { return nil }
        guard let mode = faults[key] ?? faults[graph.steps[node.step].id.value] else { return nil }
        let fired = (try? String(contentsOfFile: firedPath, encoding: .utf8)) ?? ""
        if fired.split(separator: "\n").contains(Substring(key)) { return nil }
        try? (fired + key + "\n").write(toFile: firedPath, atomically: true, encoding: .utf8)
        return mode
    }

    /// The Exchange half of a check. Confirm and drain also ask Mimecast, which this host does not play:
    /// for them it answers what Exchange would show (journal reports sent to the contact; an empty
    /// journal mailbox).
    func check(_ node: GraphNode) async throws -> Bool {
        let flow = await world.estate.flow
        switch graph.steps[node.step].action {
        case .confirmJournaling:
            return (flow.isOnline || flow.transportRunning.values.contains(true))
                && flow.journalers.values.contains { $0.enabled && $0.target == .contact }
        case .waitConnectorDrained:
            return await world.estate.mailboxQueue == 0
        default:
            return try await exchange.check(node, in: graph) == .done
        }
    }

    enum Answer {
        case answer(Response)
        /// A fault wrote its own lines.
        case answered
        case unknown
    }

    /// Answers a script the powershell adapter sends.
    func answer(_ script: String, id: String) async throws -> Answer {
        let candidates = catalogue.identify(script)
        guard !candidates.isEmpty else { return .unknown }
        // The same text can be two requests (the undo of enable-rule is the apply of disable-rule): an apply
        // of a node not applied yet is taken first, then an undo. Exchange itself cannot tell them apart.
        let applies = await world.applies
        let request =
            candidates.first {
                if case .apply(let key, _, _) = $0 { return applies[key, default: 0] == 0 }
                return false
            } ?? candidates.first {
                if case .undo = $0 { return true }
                return false
            } ?? candidates[0]
        var response = Response()
        switch request {
        case .preflight(let name):
            let failing = await world.preflight(system: .exchange).contains {
                $0.hasPrefix(name + ": ") || $0.hasPrefix(PreflightWarning.prefix + name + ": ")
            }
            response.value = failing ? "False" : "True"
        case .check(let key):
            response.value = try await check(nodes[key]!) ? "True" : "False"
        case .apply(_, _, let remember?):
            response.output = ["previous value of \(remember)"]
        case .apply(let key, _, nil):
            let node = nodes[key]!
            switch fault(for: key) {
            case "fail"?:
                response.error("injected fault: \(key)", category: "InvalidOperation", target: key)
                return .answer(response)
            case "exit"?:
                exit(7)
            case "exit-after"?:
                _ = try await exchange.apply(node, in: graph)
                exit(7)
            case "silence"?:
                silence()
            case "garbage"?:
                emit("JP1 BEGIN \(id)")
                emit("status:this is not base64!")
                emit("JP1 END \(id)")
                return .answered
            case "partial"?:
                emit("JP1 BEGIN \(id)")
                emit("status:" + encode("ok"))
                exit(0)
            case "flood"?:
                flood(id)
            case "noise"?:
                let noise = Data((String(repeating: "WARNING: noise on stderr ", count: 40) + "\n").utf8)
                for _ in 0..<1024 { FileHandle.standardError.write(noise) }
            case "secret"?:
                let secret = secretFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? "no secret"
                emit("WARNING: host output with \(secret)")
                FileHandle.standardError.write(Data("stderr with \(secret)\n".utf8))
                response.output = ["output with \(secret)"]
                response.error("an error record with \(secret)", category: "InvalidOperation", target: secret)
                return .answer(response)
            default:
                break
            }
            do {
                _ = try await exchange.apply(node, in: graph)
                // A stop or start request polled until its services are there (-NoWait): they are at once.
                if script.contains(" -NoWait") { response.value = "True" }
            } catch let error as AdapterError {
                // The script's own re-check failed (transport running again inside the outage).
                response.error(error.description, category: "InvalidOperation", target: key)
            }
        case .undo(let key):
            try await exchange.undo(nodes[key]!, in: graph, record: [:])
        case .journalingRestored:
            response.value = await world.journalingRestored() ? "True" : "False"
        }
        return .answer(response)
    }
}

let estate: Estate?
if let planPath = options.planPath, let estatePath = options.estatePath {
    do { estate = try await Estate(plan: planPath, estate: estatePath, options: options) } catch { fail("\(error)") }
} else {
    estate = nil
}

// MARK: - The conversation

// The launcher: `$jp1Boot = '<base64>'; Invoke-Expression (…)`.
guard let launcher = readLine() else { fail("no bootstrap line") }
guard let open = launcher.firstIndex(of: "'"),
    let close = launcher[launcher.index(after: open)...].firstIndex(of: "'"),
    let program = decode(launcher[launcher.index(after: open)..<close]),
    program.contains("JP1 READY"), program.contains("Out-String -Stream")
else { fail("the first line is not the JP1 bootstrap launcher") }
emit("JP1 READY")

while let line = readLine() {
    guard line.hasPrefix("JP1 BEGIN ") else { continue }
    let id = String(line.dropFirst("JP1 BEGIN ".count))
    var kind = "script"
    var encodedScript = ""
    while let field = readLine(), field != "JP1 END \(id)" {
        if field.hasPrefix("kind:") { kind = decode(field.dropFirst(5)) ?? "?" }
        if field.hasPrefix("script:") { encodedScript += field.dropFirst(7) }
    }
    guard let script = decode(Substring(encodedScript)) else { fail("request \(id) has a script that is not base64") }

    if let estate, !script.contains("#jp-test: "), kind == "script" {
        do {
            switch try await estate.answer(script, id: id) {
            case .answer(let response): response.send(id)
            case .answered: break
            case .unknown:
                var response = Response()
                response.error("the stand-in does not know this script", category: "NotImplemented")
                response.send(id)
            }
        } catch {
            fail("\(error)")
        }
        continue
    }

    var response = Response()
    var sawDirective = false
    var garbage = false
    for scriptLine in script.split(separator: "\n", omittingEmptySubsequences: false) {
        guard scriptLine.hasPrefix("#jp-test: ") else {
            response.output.append(String(scriptLine))
            continue
        }
        sawDirective = true
        let directive = scriptLine.dropFirst("#jp-test: ".count)
        let verb = directive.prefix { $0 != " " }
        let argument = String(directive.dropFirst(verb.count).drop { $0 == " " })
        switch verb {
        case "echo": response.output.append(argument)
        case "lines": for index in 1...(Int(argument) ?? 1) { response.output.append("line \(index) of \(argument)") }
        case "error":
            let parts = argument.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            func part(_ i: Int) -> String { i < parts.count ? parts[i] : "" }
            response.error(part(0), category: part(1), target: part(2), id: part(3))
        case "value": response.value = argument == "true" ? "True" : "False"
        case "sleep": pause(milliseconds: Double(argument) ?? 0)
        case "exit": exit(Int32(argument) ?? 1)
        case "garbage":
            emit("JP1 BEGIN \(id)")
            emit("status:this is not base64!")
            emit("JP1 END \(id)")
            garbage = true
        case "stderr": FileHandle.standardError.write(Data((argument + "\n").utf8))
        case "host": emit(argument)
        case "pid": response.output.append("pid \(ProcessInfo.processInfo.processIdentifier)")
        case "signals":
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            response.output += status.split(separator: "\n").filter { $0.hasPrefix("SigBlk") || $0.hasPrefix("SigIgn") }
                .map(String.init)
        case "env": response.output.append(ProcessInfo.processInfo.environment[argument] ?? "<unset>")
        case "flood": flood(id)
        case "partial":
            emit("JP1 BEGIN \(id)")
            emit("status:" + encode("ok"))
            exit(0)
        case "silence": silence()
        default: fail("unknown directive \(verb)")
        }
    }
    if !sawDirective { response.output.insert("kind \(kind)", at: 0) }
    // Lets a test see a failing connect script: the environment reaches the host unchanged.
    if kind == "connect", let message = ProcessInfo.processInfo.environment["JP_TEST_HOST_FAIL_CONNECT"] {
        response.error(message, category: "OpenError", target: "ex01", id: "PSSessionOpenFailed")
    }
    if garbage { continue }
    response.send(id)
}
