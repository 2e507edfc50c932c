import Foundation

/// Removes secrets from what the PowerShell host says before it is kept anywhere: verbatim and in the
/// encodings a script or an error body would show them in (percent-encoded, JSON-escaped, base64).
enum HostRedaction {
    static let marker = "<redacted>"

    static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            for form in forms(of: secret) where result.contains(form) {
                result = result.replacingOccurrences(of: form, with: marker)
            }
        }
        return result
    }

    /// The secret as it may appear: longest forms first, so a form containing another goes whole.
    private static func forms(of secret: String) -> [String] {
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~")
        let percent = secret.addingPercentEncoding(withAllowedCharacters: unreserved) ?? secret
        let json = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "/", with: "\\/")
        let base64 = Data(secret.utf8).base64EncodedString()
        return Set([secret, percent, percent.replacingOccurrences(of: "%20", with: "+"), json, base64])
            .sorted { $0.count > $1.count }
    }
}

extension HostResult {
    /// `result` with every secret removed from its output, host output and error records.
    init(redacting result: HostResult, secrets: [String]) {
        self = result
        guard !secrets.isEmpty else { return }
        func clean(_ text: String) -> String { HostRedaction.redact(text, secrets: secrets) }
        output = result.output.map(clean)
        hostOutput = result.hostOutput.map(clean)
        errors = result.errors.map {
            HostErrorRecord(
                message: clean($0.message), category: clean($0.category), target: clean($0.target),
                errorID: clean($0.errorID))
        }
    }
}
