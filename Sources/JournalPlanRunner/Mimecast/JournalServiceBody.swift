import Foundation

/// Reads journaling services out of list and get responses, whatever their wrapper.
///
/// The list wrapper and its pagination are unconfirmed. A list body may be a bare array,
/// `{"journalingServices":[…]}`, or any object whose first array of objects holds the services
/// (`data`, `items`, …; `fail` and `errors` are never taken for services). The next-page token is
/// looked for under `meta.pagination`, `meta` and the top level (`next`, `nextPageToken`, `pageToken`).
enum JournalServiceBody {
    struct Page {
        var services: [JournalService]
        var nextPageToken: String?
    }

    static func page(_ data: Data, path: String) throws -> Page {
        guard let json = LooseJSON.parse(data) else {
            throw MimecastError.invalidResponse(method: "GET", path: path, reason: "the body is not JSON")
        }
        if let items = json.array { return Page(services: services(items), nextPageToken: nil) }
        guard let object = json.object else { return Page(services: [], nextPageToken: nil) }
        let items = serviceArray(in: object, raw: data)
        return Page(services: services(items), nextPageToken: nextToken(in: object))
    }

    /// One service from a get or create body: the object itself, or the first service of a wrapper.
    static func single(_ data: Data) -> JournalService? {
        guard let json = LooseJSON.parse(data) else { return nil }
        if let object = json.object, let service = JournalService(json: object) { return service }
        if let items = json.array { return services(items).first }
        if let object = json.object { return services(serviceArray(in: object, raw: data)).first }
        return nil
    }

    /// The non-empty `fail` / `errors` arrays of a 200 body (the legacy API reports failures that way).
    static func embeddedFailures(_ data: Data) -> Bool {
        guard let object = LooseJSON.parse(data)?.object else { return false }
        return !(object["fail"]?.array ?? []).isEmpty || !(object["errors"]?.array ?? []).isEmpty
    }

    private static func services(_ items: [LooseJSON]) -> [JournalService] {
        items.compactMap { $0.object.flatMap(JournalService.init(json:)) }
    }

    private static func serviceArray(in object: [String: LooseJSON], raw: Data) -> [LooseJSON] {
        if let items = object["journalingServices"]?.array { return items }
        let text = String(decoding: raw, as: UTF8.self)
        let candidates = object.filter { key, value in
            guard !["fail", "errors"].contains(key), let items = value.array else { return false }
            return items.allSatisfy { $0.object != nil }
        }
        // Dictionaries lose key order: rank candidates by where their key first appears in the body.
        let first = candidates.min { position(of: $0.key, in: text) < position(of: $1.key, in: text) }
        return first?.value.array ?? []
    }

    private static func position(of key: String, in text: String) -> Int {
        guard let range = text.range(of: "\"\(key)\"") else { return Int.max }
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    private static func nextToken(in object: [String: LooseJSON]) -> String? {
        let meta = object["meta"]?.object ?? [:]
        let pagination = meta["pagination"]?.object ?? object["pagination"]?.object ?? [:]
        let keys = ["next", "nextPageToken", "pageToken", "nextToken"]
        for scope in [pagination, meta, object] {
            for key in keys {
                guard let value = scope[key]?.text, !value.isEmpty else { continue }
                // A next-page URL carries the token in its query.
                if let items = URLComponents(string: value)?.queryItems,
                    let token = items.first(where: { $0.name == "pageToken" })?.value
                {
                    return token
                }
                return value
            }
        }
        return nil
    }
}
