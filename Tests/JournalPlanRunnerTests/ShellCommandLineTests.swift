import JournalPlanRunner
import Testing

@Suite struct ShellCommandLineTests {
    static let cases: [(String, [String])] = [
        ("pwsh -NoProfile -NonInteractive -Command -", ["pwsh", "-NoProfile", "-NonInteractive", "-Command", "-"]),
        ("  pwsh\t -Command   - ", ["pwsh", "-Command", "-"]),
        (#"'/opt/Power Shell/pwsh' -Command -"#, ["/opt/Power Shell/pwsh", "-Command", "-"]),
        (#""/opt/my \"shell\"/pwsh" -c"#, [#"/opt/my "shell"/pwsh"#, "-c"]),
        (#"/opt/Power\ Shell/pwsh"#, ["/opt/Power Shell/pwsh"]),
        (#"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe -Command -"#,
         [#"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"#, "-Command", "-"]),
        (#"ssh ex01 'powershell -Command -' ''"#, ["ssh", "ex01", "powershell -Command -", ""]),
        (#"a'b'"c" $HOME"#, ["abc", "$HOME"]),
    ]

    @Test(arguments: cases)
    func splitsLikeAShell(line: String, words: [String]) throws {
        #expect(try ShellCommandLine.split(line) == words)
    }

    @Test func badCommandLinesAreRejected() {
        #expect(throws: ShellCommandLine.Failure.empty) { try ShellCommandLine.split("   ") }
        #expect(throws: ShellCommandLine.Failure.unterminatedQuote("'")) { try ShellCommandLine.split("pwsh 'x") }
        #expect(throws: ShellCommandLine.Failure.unterminatedQuote("\"")) { try ShellCommandLine.split(#"pwsh "x"#) }
        #expect(throws: PowerShellHostError.self) { try PowerShellHostConfiguration(shell: "") }
    }

    @Test func connectionURIsAreChecked() throws {
        #expect(throws: ExchangeConnection.Failure.invalidConnectionURI("ex01/PowerShell")) {
            try ExchangeConnection.remote(connectionURI: "ex01/PowerShell").validated()
        }
        #expect(throws: ExchangeConnection.Failure.self) {
            try ExchangeConnection.remote(connectionURI: "http://ex01/\nRemove-Item").validated()
        }
        let fine = ExchangeConnection.remote(connectionURI: "https://ex01.contoso.com/PowerShell/")
        #expect(try fine.validated() == fine)
    }
}
