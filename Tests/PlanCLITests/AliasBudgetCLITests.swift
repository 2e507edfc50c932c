import Foundation
import Testing

/// `plan explain` and `plan compile` on a small plan whose aliases expand to gigabytes (issue 13 item 12)
/// end with the loader's positioned error, not by running out of memory.
@Suite struct AliasBudgetCLITests {
    @Test(arguments: ["explain", "compile"])
    func aByteBombIsRefused(_ command: String) throws {
        let base = try String(
            contentsOf: PlanCLI.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml"), encoding: .utf8)
        // About 2 MB: one 1.5 MB scalar and 9,990 aliases of it (15 GB expanded).
        var text = base + "  - id: read-me\n    action: manual\n    instructions: &big \(String(repeating: "x", count: 1_500_000))\n"
        for i in 0..<9_990 { text += "  - { id: m\(i), action: manual, instructions: *big }\n" }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jp-alias-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bomb.yaml")
        try Data(text.utf8).write(to: file)
        let out = try PlanCLI.run([command, file.path])
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        let firstAlias = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("*big") }! + 1
        #expect(out.stderr.contains("bomb.yaml:\(firstAlias):"), "\(out.stderr.prefix(2000))")
        #expect(out.stderr.contains("JP005") || out.stderr.contains("bytes"), "\(out.stderr.prefix(2000))")
    }
}
