import Foundation

/// A JSON value decoded without a schema, with tolerant accessors.
///
/// Mimecast's list, create and error bodies are partly unconfirmed, so responses are decoded into this
/// tree first and read field by field: a missing or differently typed field becomes `nil`, not an error.
enum LooseJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([LooseJSON])
    case object([String: LooseJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([LooseJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: LooseJSON].self))
        }
    }

    /// Decodes a whole body; `nil` when it is not JSON.
    static func parse(_ data: Data) -> LooseJSON? {
        try? JSONDecoder().decode(LooseJSON.self, from: data)
    }

    var object: [String: LooseJSON]? { if case .object(let value) = self { value } else { nil } }
    var array: [LooseJSON]? { if case .array(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }

    /// A string, or a number written as text (ids and codes may arrive as numbers).
    var text: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        default: nil
        }
    }

    /// An integer, also from a whole double or a numeric string.
    var int: Int? {
        switch self {
        case .int(let value): value
        case .double(let value) where value == value.rounded() && abs(value) < 1e15: Int(value)
        case .string(let value): Int(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// A boolean, also from the strings `true` / `false`.
    var bool: Bool? {
        switch self {
        case .bool(let value): value
        case .string(let value) where value.lowercased() == "true": true
        case .string(let value) where value.lowercased() == "false": false
        default: nil
        }
    }

    /// The elements that read as text; empty when this is not an array.
    var strings: [String] { array?.compactMap(\.text) ?? [] }

    /// Parses an ISO 8601 date-time, with or without fractional seconds; no zone means UTC.
    static func date(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        for candidate in [text, text + "Z"] {
            if let date = plain.date(from: candidate) ?? withFraction.date(from: candidate) { return date }
        }
        return nil
    }
}
