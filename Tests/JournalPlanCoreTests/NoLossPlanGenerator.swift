import JournalPlanCore
import JournalPlanTestSupport

/// Random small valid plans (2–3 servers, 1–3 rules or databases, the canonical steps) and perturbations
/// of them: swap two steps, drop a step, make two steps parallel with `after`, narrow a fan-out.
struct NoLossPlanGenerator {
    struct GeneratedStep {
        var id: String
        var body: String
        var after: [String]?
        var narrowing: String?

        var line: String {
            var fields = "id: \(id), \(body)"
            if let narrowing { fields += ", \(narrowing)" }
            if let after { fields += ", after: [\(after.joined(separator: ", "))]" }
            return "  - { \(fields) }"
        }
    }

    struct Case: CustomStringConvertible {
        var seed: UInt64
        var text: String
        var perturbations: [String]
        var description: String { "seed \(seed) \(perturbations)" }
    }

    static func make(seed: UInt64) -> Case {
        var rng = SeededRandom(seed: seed)
        let online = Int.random(in: 0..<5, using: &rng) == 0
        let premium = online || Bool.random(using: &rng)
        let servers = Array(["EX01", "EX02", "EX03"].prefix(Int.random(in: 2...3, using: &rng)))
        let flows = Array((premium ? ["Rule A", "Rule B", "Rule C"] : ["DB01", "DB02", "DB03"]).prefix(Int.random(in: 1...3, using: &rng)))
        var steps = canonical(online: online, premium: premium, rng: &rng)
        var applied: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            applied.append(perturb(&steps, servers: servers, flows: flows, premium: premium, rng: &rng))
        }
        let text = ExamplePlan.text(
            version: online ? "online" : "2016", journaling: premium ? "premium" : "standard", servers: servers,
            rules: premium ? flows : ["Journal All Mail"], databases: premium ? ["DB01"] : flows,
            steps: steps.map(\.line).joined(separator: "\n"))
        return Case(seed: seed, text: text, perturbations: applied)
    }

    static func canonical(online: Bool, premium: Bool, rng: inout SeededRandom) -> [GeneratedStep] {
        var steps: [GeneratedStep] = [
            .init(id: "create-contact", body: "action: create-contact"),
            .init(id: "set-ndr-mailbox", body: "action: set-ndr-mailbox"),
            .init(id: "request-domain", body: "action: request-journal-domain"),
            .init(id: "create-smtp-connector", body: "action: create-connector, connector: smtp"),
        ]
        if Bool.random(using: &rng) { steps.append(.init(id: "route-journal-domain", body: "action: create-send-connector")) }
        if !online { steps.append(.init(id: "stop-transport", body: "action: stop-transport")) }
        if premium && !online { steps.append(.init(id: "disable-rule", body: "action: disable-journal-rule")) }
        steps.append(.init(id: "repoint", body: "action: set-journal-recipient, to: contact"))
        if premium && !online { steps.append(.init(id: "enable-rule", body: "action: enable-journal-rule")) }
        if !online { steps.append(.init(id: "start-transport", body: "action: start-transport")) }
        steps.append(.init(id: "confirm", body: "action: confirm-journaling, timeout: 30m"))
        steps.append(.init(id: "drain-pop3", body: "action: wait-connector-drained, connector: pop3, timeout: 1h, pollEvery: 5m"))
        if Bool.random(using: &rng) { steps.append(.init(id: "disable-pop3", body: "action: disable-connector, connector: pop3")) }
        if Int.random(in: 0..<4, using: &rng) > 0 { steps.append(.init(id: "delete-pop3", body: "action: delete-connector, connector: pop3")) }
        return steps
    }

    static func perturb(
        _ steps: inout [GeneratedStep], servers: [String], flows: [String], premium: Bool, rng: inout SeededRandom
    ) -> String {
        let i = Int.random(in: 0..<steps.count, using: &rng)
        switch Int.random(in: 0..<5, using: &rng) {
        case 4 where steps[i].narrowing == nil && (steps[i].body.contains("journal") || steps[i].body.contains("transport")):
            // Split a fan-out step into one step per target, in sequence.
            let key = steps[i].body.contains("transport") ? "servers" : (premium ? "rules" : "databases")
            let targets = key == "servers" ? servers : flows
            let original = steps[i]
            let split = targets.enumerated().map { j, target in
                GeneratedStep(
                    id: "\(original.id)-\(j + 1)", body: original.body, after: j == 0 ? original.after : nil,
                    narrowing: "\(key): [\(target)]")
            }
            steps.replaceSubrange(i...i, with: split)
            for j in steps.indices {
                if let after = steps[j].after, after.contains(original.id) {
                    steps[j].after = after.map { $0 == original.id ? split.last!.id : $0 }
                }
            }
            return "split \(original.id)"
        case 0 where i + 1 < steps.count:
            steps.swapAt(i, i + 1)
            return "swap \(steps[i + 1].id) and \(steps[i].id)"
        case 1 where steps.count > 3:
            let removed = steps.remove(at: i)
            for j in steps.indices { steps[j].after?.removeAll { $0 == removed.id } }
            return "drop \(removed.id)"
        case 2 where i >= 2:
            steps[i].after = [steps[i - 2].id]
            return "\(steps[i].id) parallel to \(steps[i - 1].id)"
        default:
            let body = steps[i].body
            if body.contains("transport") {
                steps[i].narrowing = "servers: [\(servers[Int.random(in: 0..<servers.count, using: &rng)])]"
            } else if body.contains("journal-rule") || body.contains("set-journal-recipient") {
                let key = premium ? "rules" : "databases"
                steps[i].narrowing = "\(key): [\(flows[Int.random(in: 0..<flows.count, using: &rng)])]"
            } else {
                return "no-op"
            }
            return "narrow \(steps[i].id)"
        }
    }
}
