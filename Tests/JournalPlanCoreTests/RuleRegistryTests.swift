import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// The registry is a hand-kept list; this test keeps it complete. Every type in `Rules/` declared as a
/// `PlanRule` must appear in `RuleRegistry.rules` exactly once, and rule ids must be unique across the loader,
/// decoder and plan rules, so a rule added to the folder cannot silently never run.
@Suite struct RuleRegistryTests {
    static let rulesFolder = Repository.root.appendingPathComponent("Sources/JournalPlanCore/Rules")

    /// The names of the types declared as `PlanRule` in the rule sources.
    static func declaredRuleTypes() throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: rulesFolder.path).filter { $0.hasSuffix(".swift") }
        var names: [String] = []
        for file in files {
            let text = try String(contentsOf: rulesFolder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "{" || $0 == "," })
                guard let kind = words.firstIndex(where: { $0 == "enum" || $0 == "struct" || $0 == "final" || $0 == "class" }),
                    words.contains("PlanRule")
                else { continue }
                var index = kind
                if words[index] == "final" { index += 1 }
                if index + 1 < words.count { names.append(String(words[index + 1])) }
            }
        }
        return names.sorted()
    }

    @Test func everyRuleInTheFolderIsRegistered() throws {
        let declared = try Self.declaredRuleTypes()
        let registered = RuleRegistry.rules.map { String(describing: $0) }.sorted()
        #expect(declared.count >= 20, "found only \(declared.count) rule types in \(Self.rulesFolder.path)")
        #expect(Set(declared).subtracting(registered).isEmpty, "not in RuleRegistry.rules: \(Set(declared).subtracting(registered).sorted())")
        #expect(registered.count == Set(registered).count, "a rule is registered twice")
    }

    @Test func ruleIdsAndNamesAreUnique() {
        let descriptors = RuleRegistry.descriptors
        #expect(Set(descriptors.map(\.id)).count == descriptors.count)
        #expect(Set(descriptors.map(\.name)).count == descriptors.count)
    }
}
