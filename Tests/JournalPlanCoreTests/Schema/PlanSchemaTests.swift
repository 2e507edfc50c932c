import Foundation
import JournalPlanCore
import JournalPlanTestSupport
import Testing

/// The embedded schema is the file in `schemas/`, byte for byte, and is a well-formed JSON document.
@Suite struct PlanSchemaTests {
    static var root: URL { ExamplePlansTests.repositoryRoot }

    @Test func embeddedSchemaMatchesTheFile() throws {
        let fileURL = Self.root.appendingPathComponent(SchemaSource.jsonPath)
        let file = try String(decoding: Data(contentsOf: fileURL), as: UTF8.self)
        let swiftURL = Self.root.appendingPathComponent(SchemaSource.swiftPath)
        let expectedSource = SchemaSource.swiftFile(embedding: file)
        let currentSource = try String(decoding: Data(contentsOf: swiftURL), as: UTF8.self)
        // The Swift file is a golden of the JSON: RECORD_GOLDENS=1 regenerates it (and fails once).
        GoldenFile.check(expectedSource, against: swiftURL)
        #expect(
            Array(PlanSchema.json.utf8) == Array(file.utf8),
            "PlanSchema.json differs from \(SchemaSource.jsonPath); run RECORD_GOLDENS=1 swift test --filter PlanSchemaTests")
    }

    @Test func schemaIsJSONWithTheDraftAndID() throws {
        let object = try JSONSerialization.jsonObject(with: Data(PlanSchema.json.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect((object?["$id"] as? String)?.isEmpty == false)
    }

    /// Every action of the catalogue is in the schema's enum, with exactly the fields the decoder allows.
    @Test func actionsAndFieldsMatchTheCatalogue() throws {
        let object = try JSONSerialization.jsonObject(with: Data(PlanSchema.json.utf8)) as? [String: Any]
        let step = (object?["$defs"] as? [String: Any])?["step"] as? [String: Any]
        let action = (step?["properties"] as? [String: Any])?["action"] as? [String: Any]
        #expect(action?["enum"] as? [String] == ActionKind.allCases.map(\.rawValue))
        var fieldsByAction: [String: [String]] = [:]
        for rule in step?["allOf"] as? [[String: Any]] ?? [] {
            let condition = ((rule["if"] as? [String: Any])?["properties"] as? [String: Any])?["action"]
            guard let name = (condition as? [String: Any])?["const"] as? String,
                let names = ((rule["then"] as? [String: Any])?["propertyNames"] as? [String: Any])?["enum"] as? [String]
            else { continue }
            fieldsByAction[name] = names
        }
        for kind in ActionKind.allCases {
            #expect(fieldsByAction[kind.rawValue] == ["id", "action", "after", "note"] + kind.fields, "\(kind.rawValue)")
        }
    }

    /// The enumerations the decoder knows are the schema's.
    @Test func enumerationsMatchTheModel() throws {
        let text = PlanSchema.json
        for version in ExchangeVersion.allCases { #expect(text.contains("\"\(version.rawValue)\"")) }
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let properties = object?["properties"] as? [String: Any]
        func enumeration(_ section: String, _ field: String) -> [String]? {
            (((properties?[section] as? [String: Any])?["properties"] as? [String: Any])?[field] as? [String: Any])?[
                "enum"] as? [String]
        }
        #expect(enumeration("exchange", "journaling") == JournalingType.allCases.map(\.rawValue))
        #expect(enumeration("domain", "region") == MimecastRegion.allCases.map(\.rawValue))
    }

    /// Editors show descriptions as hovers: every declared property has one, and every object schema
    /// outside the conditions closes itself with `additionalProperties: false`.
    @Test func everyPropertyIsDescribedAndEveryObjectClosed() throws {
        let root = try JSONSerialization.jsonObject(with: Data(PlanSchema.json.utf8))
        var undescribed: [String] = []
        var open: [String] = []
        func walk(_ node: Any, _ path: String, inCondition: Bool) {
            if let object = node as? [String: Any] {
                if !inCondition, object["type"] as? String == "object", object["additionalProperties"] as? Bool != false {
                    open.append(path)
                }
                for (key, value) in object {
                    if key == "properties", !inCondition, let properties = value as? [String: Any] {
                        for (name, property) in properties where (property as? [String: Any])?["description"] == nil {
                            undescribed.append("\(path)/\(name)")
                        }
                    }
                    walk(value, "\(path)/\(key)", inCondition: inCondition || ["if", "then", "else", "not"].contains(key))
                }
            } else if let array = node as? [Any] {
                for (index, item) in array.enumerated() { walk(item, "\(path)[\(index)]", inCondition: inCondition) }
            }
        }
        walk(root, "", inCondition: false)
        #expect(undescribed.isEmpty, "\(undescribed.sorted())")
        #expect(open.isEmpty, "\(open.sorted())")
    }

    /// Editors whose YAML support stops at draft-07 must still understand every keyword (docs/plan-format.md).
    @Test func usesNoKeywordNewerThanDraft07() {
        for keyword in [
            "unevaluatedProperties", "unevaluatedItems", "dependentRequired", "dependentSchemas", "prefixItems",
            "$dynamicRef", "$dynamicAnchor", "$anchor", "$recursiveRef", "minContains", "maxContains",
        ] {
            #expect(!PlanSchema.json.contains("\"\(keyword)\""), "\(keyword)")
        }
    }
}
