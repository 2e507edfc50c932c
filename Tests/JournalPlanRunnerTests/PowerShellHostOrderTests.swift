import Foundation
import JournalPlanRunner
import Testing

/// A real PowerShell host reads its standard input one request at a time and answers in order; the
/// stand-in does the same. Parallel nodes share one host: each caller must get its own answer.
@Suite struct PowerShellHostOrderTests {
    @Test func concurrentCommandsOnOneHostEachGetTheirOwnAnswer() async throws {
        let host = try TestHost.host()
        let answers = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for index in 1...16 {
                group.addTask {
                    let script = "#jp-test: sleep \(index % 3 * 20)\n#jp-test: echo answer \(index)"
                    return (index, try await host.execute(script: script, timeout: .seconds(60)).output)
                }
            }
            var answers: [Int: [String]] = [:]
            for try await (index, output) in group { answers[index] = output }
            return answers
        }
        #expect(answers.count == 16)
        for index in 1...16 { #expect(answers[index] == ["answer \(index)"]) }
        await host.shutdown()
    }
}
