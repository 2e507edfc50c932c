/// `plan rules`: the catalogue rendered from the rule descriptors.
public struct RuleCatalogue: Sendable {
    public var descriptors: [RuleDescriptor]
    /// Each rule's examples by rule id; the Markdown catalogue shows how each differs from the canonical plan.
    public var examples: [String: [RuleExample]]

    public init(descriptors: [RuleDescriptor], examples: [String: [RuleExample]] = [:]) {
        self.descriptors = descriptors
        self.examples = examples
    }

    /// Every rule JournalPlan checks, with the examples of the rules that have them.
    public static var standard: RuleCatalogue {
        RuleCatalogue(
            descriptors: RuleRegistry.descriptors,
            examples: Dictionary(uniqueKeysWithValues: RuleRegistry.rules.map { ($0.descriptor.id, $0.examples) }))
    }

    public func text() -> String {
        let width = descriptors.map(\.name.count).max() ?? 0
        return descriptors.map { d in
            let pad = String(repeating: " ", count: width - d.name.count)
            return "\(d.id)  \(d.name)\(pad)  \(d.defaultSeverity.rawValue.padding(7))  \(d.summary)"
        }.joined(separator: "\n") + "\n"
    }

    /// The rule whose id (`JP201`) or name (`stop-before-disable`) is `key`, in any case.
    public func rule(_ key: String) -> RuleDescriptor? {
        let key = key.lowercased()
        return descriptors.first { $0.id.lowercased() == key || $0.name == key }
    }

    /// One rule in full, for `plan rules JP201`: id, name, severity, category, summary, why, the link to its
    /// section of docs/rules.md, and its examples.
    public func text(for d: RuleDescriptor) -> String {
        var out = "\(d.id) \(d.name) (\(d.defaultSeverity.rawValue), \(d.category.title))\n\n"
        out += "\(d.summary)\n\nWhy: \(d.rationale)\n"
        let examples = examples[d.id] ?? []
        if !examples.isEmpty {
            out += "\nExamples:\n"
            for example in examples { out += "  \(example.triggers ? "triggers" : "passes"): \(example.title)\n" }
        }
        return out + "\nMore: \(Self.documentationURI(for: d))\n"
    }

    /// Where the rules document lives; each rule has a section there (``documentationURI(for:)``).
    public static let documentURI = "https://github.com/journalplan/journalplan/blob/main/docs/rules.md"

    /// The link to the rule's section of docs/rules.md: the heading `### JP201 `stop-before-disable``
    /// gets GitHub's anchor `#jp201-stop-before-disable` (lower case, punctuation dropped, spaces to hyphens).
    public static func documentationURI(for d: RuleDescriptor) -> String {
        "\(documentURI)#\(headingAnchor("\(d.id) `\(d.name)`"))"
    }

    static func headingAnchor(_ heading: String) -> String {
        var out = ""
        for scalar in heading.lowercased().unicodeScalars {
            if scalar == " " {
                out += "-"
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil
            {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public func markdown() -> String {
        var out = "# JournalPlan rules\n\n"
        for category in RuleCategory.allCases {
            let inCategory = descriptors.filter { $0.category == category }
            guard !inCategory.isEmpty else { continue }
            out += "## \(category.title)\n\n| id | name | severity | summary |\n|---|---|---|---|\n"
            for d in inCategory {
                out += "| \(d.id) | `\(d.name)` | \(d.defaultSeverity.rawValue) | \(d.summary.replacingPipes) |\n"
            }
            out += "\n"
            for d in inCategory {
                out += "### \(d.id) `\(d.name)`\n\n\(d.summary)\n\n*Why:* \(d.rationale)\n\n"
                out += markdownExamples(examples[d.id] ?? [])
            }
        }
        return out
    }

    /// Each example as a bullet, with the lines where it differs from ``ExamplePlan/text(version:journaling:servers:rules:databases:window:contactAddress:domain:steps:)``.
    private func markdownExamples(_ examples: [RuleExample]) -> String {
        guard !examples.isEmpty else { return "" }
        let canonical = ExamplePlan.text()
        var out = "Examples (changes from the canonical plan):\n\n"
        for example in examples {
            out += "- \(example.triggers ? "Triggers" : "Passes"): \(example.title)"
            let changes = LineDiff.changes(from: canonical, to: example.yaml)
            if changes.isEmpty {
                out += " (the canonical plan itself)\n"
            } else {
                out += "\n\n  ```diff\n" + changes.map { "  \($0)\n" }.joined() + "  ```\n"
            }
        }
        return out + "\n"
    }

    public func json() -> JSONValue {
        .object([
            ("version", 1),
            (
                "rules",
                .array(
                    descriptors.map {
                        .object([
                            ("id", .string($0.id)),
                            ("name", .string($0.name)),
                            ("category", .string($0.category.rawValue)),
                            ("severity", .string($0.defaultSeverity.rawValue)),
                            ("summary", .string($0.summary)),
                            ("rationale", .string($0.rationale)),
                        ])
                    })
            ),
        ])
    }
}

extension RuleCategory {
    public var title: String {
        switch self {
        case .input: "Input (JP0xx)"
        case .structure: "Structure (JP1xx)"
        case .ordering: "Ordering (JP2xx)"
        case .values: "Values (JP3xx)"
        case .noLoss: "No-loss (JP4xx)"
        }
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    fileprivate var replacingPipes: String {
        String(unicodeScalars.map { $0 == "|" ? "/" : Character($0) }.map { $0 }.reduce(into: "") { $0.append($1) })
    }
}
