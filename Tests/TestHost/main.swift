// journalplan-test-host: a stand-in for a PowerShell host that speaks the runner's JP1 framing.
//
// The first input line must be the runner's bootstrap launcher (a base64 program that announces
// `JP1 READY`); then every framed request is answered. A request's script is read line by line:
// lines starting with `#jp-test:` are directives, any other line is echoed as output (after a first
// line `kind <script|connect>`), so tests can see exactly which script text arrived.
//
// With JP_TEST_HOST_FAIL_CONNECT=MESSAGE in its environment, every connect request fails.
//
// Directives: echo TEXT · lines N · error MESSAGE|CATEGORY|TARGET · value true|false · sleep MS ·
// exit CODE · garbage · stderr TEXT · host TEXT · pid
import Foundation

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

    var output: [String] = []
    var errors: [String] = []
    var value: String?
    var sawDirective = false
    for scriptLine in script.split(separator: "\n", omittingEmptySubsequences: false) {
        guard scriptLine.hasPrefix("#jp-test: ") else {
            output.append(String(scriptLine))
            continue
        }
        sawDirective = true
        let directive = scriptLine.dropFirst("#jp-test: ".count)
        let verb = directive.prefix { $0 != " " }
        let argument = String(directive.dropFirst(verb.count).drop { $0 == " " })
        switch verb {
        case "echo": output.append(argument)
        case "lines": for index in 1...(Int(argument) ?? 1) { output.append("line \(index) of \(argument)") }
        case "error":
            let parts = argument.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let fields = (0..<4).map { $0 < parts.count ? encode(parts[$0]) : "" }
            errors.append("err:" + fields.joined(separator: ":"))
        case "value": value = argument == "true" ? "True" : "False"
        case "sleep": Thread.sleep(forTimeInterval: (Double(argument) ?? 0) / 1000)
        case "exit": exit(Int32(argument) ?? 1)
        case "garbage":
            emit("JP1 BEGIN \(id)")
            emit("status:this is not base64!")
            emit("JP1 END \(id)")
            continue
        case "stderr": FileHandle.standardError.write(Data((argument + "\n").utf8))
        case "host": emit(argument)
        case "pid": output.append("pid \(ProcessInfo.processInfo.processIdentifier)")
        default: fail("unknown directive \(verb)")
        }
    }
    if !sawDirective { output.insert("kind \(kind)", at: 0) }
    // Lets a test see a failing connect script: the environment reaches the host unchanged.
    if kind == "connect", let message = ProcessInfo.processInfo.environment["JP_TEST_HOST_FAIL_CONNECT"] {
        errors.append("err:" + [message, "OpenError", "ex01", "PSSessionOpenFailed"].map(encode).joined(separator: ":"))
    }
    if script.contains("#jp-test: garbage") { continue }
    var response = ["JP1 BEGIN \(id)", "status:" + encode(errors.isEmpty ? "ok" : "failed")]
    if let value { response.append("value:" + encode(value)) }
    response += output.map { "out:" + encode($0) } + errors + ["JP1 END \(id)"]
    emit(response.joined(separator: "\n"))
}
