import Foundation

/// Reads the error details out of a Mimecast error body, whatever its shape.
///
/// The API 2.0 error body is unconfirmed, so every known shape is accepted:
/// `{"errors":[{"code","message","field"}]}`, `{"fail":[{"code","message","errors":[…]}]}` (API 2.0 and
/// legacy; a `fail` entry's own message and its nested errors are all kept), and the OAuth
/// `{"error","error_description"}`. Anything else (HTML, plain text) yields no details. Every text
/// taken from the body passes through `redact` before it is kept.
enum MimecastErrorBody {
    static func details(from body: Data, redact: (String) -> String) -> [MimecastAPIErrorDetail] {
        guard let object = LooseJSON.parse(body)?.object else { return [] }
        var details: [MimecastAPIErrorDetail] = []
        for entry in object["errors"]?.array ?? [] {
            details += detail(from: entry, redact: redact).map { [$0] } ?? []
        }
        // API 2.0 `fail[]` entries carry their own `code` / `message`, nested `errors[]`, or both
        // (a bare string is read as a message).
        for fail in object["fail"]?.array ?? [] {
            if fail.string != nil || fail.object?["message"] != nil, let own = detail(from: fail, redact: redact) {
                details.append(own)
            }
            for entry in fail.object?["errors"]?.array ?? [] {
                details += detail(from: entry, redact: redact).map { [$0] } ?? []
            }
        }
        if object["error"] != nil || object["error_description"] != nil {
            details.append(
                MimecastAPIErrorDetail(
                    code: object["error"]?.text.map(redact), message: object["error_description"]?.text.map(redact)))
        }
        if details.isEmpty, let message = object["message"]?.text {
            details.append(MimecastAPIErrorDetail(message: redact(message)))
        }
        return details
    }

    private static func detail(from value: LooseJSON, redact: (String) -> String) -> MimecastAPIErrorDetail? {
        if let text = value.string { return MimecastAPIErrorDetail(message: redact(text)) }
        guard let entry = value.object else { return nil }
        let detail = MimecastAPIErrorDetail(
            code: entry["code"]?.text.map(redact), message: entry["message"]?.text.map(redact),
            field: entry["field"]?.text.map(redact))
        return detail.code == nil && detail.message == nil && detail.field == nil ? nil : detail
    }
}
