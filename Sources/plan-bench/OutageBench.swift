import Foundation

// plan-bench --outage (issue 18): how long mail stops, against the number of transport servers.
//
// For 1, 2, 20, 200 and 2,000 servers it generates a plan (Exchange 2016, one journal rule), then
//  - rehearses it with `plan run --simulate` and reads the report's simulated outage (first stop request
//    to last server started), with the simulator's default latencies and the default parallelism;
//  - compiles it with `plan compile` and models the script's outage from its structure: the forward
//    section between the first stop and the last start, where every service wait (`Set-JpServiceState`,
//    or a `Get-Service … | Stop-Service` as the script had before) runs one after another, every Exchange
//    cmdlet line is one read or write, and every remote `Get-Service` query or `Stop()`/`Start()`
//    request is a service-control round trip.
// Each is printed beside the single-server floor (the same measure with one server).

/// The latencies of the script model: the simulator's defaults for the service transitions and the
/// Exchange reads and writes, plus one round trip to a server's Service Control Manager.
enum ScriptLatency {
    static let stop = 45.0
    static let start = 30.0
    static let exchangeCall = 1.0
    /// One `Get-Service -ComputerName` query or `Stop()`/`Start()` request (a remote call to a server's
    /// Service Control Manager on a LAN, the SMB session already open since the preflight): a guess, so
    /// the table shows two values.
    static let serviceRoundTrips = [0.02, 0.05]
}

struct ScriptModel {
    /// Service waits one after another in the outage (a wave of a `Set-JpServiceState` call per service).
    var sequentialWaits = 0
    /// Waits, Exchange reads and writes, with service-control calls free.
    var seconds = 0.0
    /// Service-control round trips one after another in the outage (requests and checks' queries).
    var requests = 0

    /// With every service-control round trip costing `roundTrip` seconds.
    func seconds(roundTrip: Double) -> Double { seconds + Double(requests) * roundTrip }
}

/// Models the outage of a compiled script from its text (see the file comment); `maxParallel` is the
/// script's `-MaxParallel` default.
func modelScriptOutage(_ script: String, servers: Int) -> ScriptModel {
    let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
    guard let from = lines.firstIndex(where: { $0.contains("Write-Host 'Rollback finished.'") }),
        let to = lines.lastIndex(where: { $0.contains("Write-Host 'All steps are complete.'") })
    else { return ScriptModel() }
    let maxParallel =
        lines.first { $0.contains("[int]$MaxParallel = ") }
        .flatMap { Int($0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)) } ?? 0
    let forward = lines[from...to]
    func isStop(_ line: Substring) -> Bool {
        line.contains("Set-JpServiceState") && line.contains("-Status 'Stopped'") || line.contains("| Stop-Service")
    }
    func isStart(_ line: Substring) -> Bool {
        line.contains("Set-JpServiceState") && line.contains("-Status 'Running'") || line.contains("| Start-Service")
    }
    guard let first = forward.firstIndex(where: isStop), let last = forward.lastIndex(where: isStart) else {
        return ScriptModel()
    }
    var model = ScriptModel()
    let exchangeCmdlet = try! NSRegularExpression(pattern: #"\b(Get|Set|Enable|Disable|New|Remove)-(JournalRule|MailboxDatabase|TransportConfig|MailContact|Recipient)\b"#)
    for line in forward[first...last] {
        if line.contains("Set-JpServiceState") {
            // One wait per service and wave; the waits of a wave overlap (each waits for what is left
            // of one deadline), so a wave is as long as its slowest server.
            let names = line.components(separatedBy: "-Names @(").last?.prefix { $0 != ")" } ?? ""
            let services = names.split(separator: ",").count
            let group = line.contains("-Servers $jpServiceGroup") || line.contains("-Servers $jpTransportServers")
            let count = group ? servers : 1
            let waves = maxParallel > 0 ? (count + maxParallel - 1) / maxParallel : 1
            model.sequentialWaits += services * waves
            model.requests += count * services  // one Stop()/Start() request per server and service
            model.seconds += Double(waves) * (isStop(line) ? ScriptLatency.stop : ScriptLatency.start)
        } else if line.contains("| Stop-Service") || line.contains("| Start-Service") {
            // The form before issue 18: each server's service, waited for before the next one.
            model.sequentialWaits += 1
            model.requests += 1
            model.seconds += (isStop(line) ? ScriptLatency.stop : ScriptLatency.start) / 2
        } else if line.contains("Get-Service -ComputerName") {
            model.requests += 1  // a node's check
        } else {
            let range = NSRange(line.startIndex..., in: line)
            model.seconds += Double(exchangeCmdlet.numberOfMatches(in: String(line), range: range)) * ScriptLatency.exchangeCall
        }
    }
    return model
}

/// Runs a command, returns its exit status and standard output.
func capture(_ argv: [String]) -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: argv[0])
    process.arguments = Array(argv.dropFirst())
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return (-1, "") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// `simulate`: also rehearse with `plan run --simulate` (its state is written after every change, so
/// 2,000 servers take tens of minutes; `--script-only` skips it).
func runOutageBench(plan: String, workDir: URL, counts: [Int], simulate: Bool = true) throws {
    print("plan-bench --outage: outage (first stop to last start) against the single-server floor")
    print("")
    let trips = ScriptLatency.serviceRoundTrips
    print(
        "| servers | plan run --simulate | × floor | script: sequential service waits | script: waits + Exchange calls | × floor | SCM calls in the outage |"
            + trips.map { " + \(Int($0 * 1000)) ms per SCM call | × floor |" }.joined())
    print("|---|---|---|---|---|---|---|" + trips.map { _ in "---|---|" }.joined())
    var simFloor: Double?
    var scriptFloor: Double?
    var roundTripFloors: [Double] = []
    for servers in counts {
        let path = workDir.appendingPathComponent("outage-\(servers).yaml").path
        try PlanGenerator.outage(servers: servers).write(toFile: path, atomically: true, encoding: .utf8)
        // plan run in simulation.
        let state = workDir.appendingPathComponent("outage-\(servers).state.json").path
        let report = workDir.appendingPathComponent("outage-\(servers).report.json").path
        for suffix in ["", ".lock", ".audit.jsonl", ".simulation.json"] { try? FileManager.default.removeItem(atPath: state + suffix) }
        let (status, _) = simulate ? capture([plan, "run", path, "--simulate", "--yes", "--approve", "delete-pop3", "--state", state, "--report", report]) : (-2, "")
        var simulated: Double?
        if status == 0, let data = FileManager.default.contents(atPath: report),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let outage = object["outage"] as? [String: Any], let seconds = outage["seconds"] as? Int
        {
            simulated = Double(seconds)
        }
        // The script's structure.
        let script = workDir.appendingPathComponent("outage-\(servers).ps1").path
        let (compiled, _) = capture([plan, "compile", path, "-o", script])
        let model = compiled == 0 ? modelScriptOutage((try? String(contentsOfFile: script, encoding: .utf8)) ?? "", servers: servers) : ScriptModel()
        if servers == counts.first {
            simFloor = simulated
            scriptFloor = model.seconds
            roundTripFloors = ScriptLatency.serviceRoundTrips.map { model.seconds(roundTrip: $0) }
        }
        func ratio(_ value: Double?, _ floor: Double?) -> String {
            guard let value, let floor, floor > 0 else { return "–" }
            return String(format: "%.2f×", value / floor)
        }
        print(
            "| \(servers) | \(simulated.map { String(format: "%.0f s", $0) } ?? (status == -2 ? "not run" : "n/a (exit \(status))")) | \(ratio(simulated, simFloor)) | "
                + "\(model.sequentialWaits) | \(String(format: "%.1f s", model.seconds)) | \(ratio(model.seconds, scriptFloor)) | "
                + "\(model.requests) |"
                + zip(ScriptLatency.serviceRoundTrips, roundTripFloors).map { trip, floor in
                    " \(String(format: "%.1f s", model.seconds(roundTrip: trip))) | \(ratio(model.seconds(roundTrip: trip), floor)) |"
                }.joined())
    }
}
