import Foundation

extension MimecastClient {
    /// The one service that matches every given criterion.
    ///
    /// Text comparisons ignore case and surrounding blanks. `mailbox` matches the POP3 connection's
    /// mailbox (login) or its address; `address` matches the SMTP connection's address. A list entry
    /// that lacks a field a criterion needs is read again with a GET before it is judged, since list
    /// entries may be abridged (unconfirmed).
    ///
    /// - Throws: ``MimecastError/serviceNotFound(_:)`` or ``MimecastError/ambiguousService(_:ids:)``.
    public func findService(
        description: String? = nil, mailbox: String? = nil, address: String? = nil,
        protocol transferProtocol: JournalService.TransferProtocol? = nil
    ) async throws -> JournalService {
        let criteria = Self.criteria(description, mailbox, address, transferProtocol)
        let found = try await findServices(
            description: description, mailbox: mailbox, address: address, protocol: transferProtocol)
        switch found.count {
        case 0: throw MimecastError.serviceNotFound(criteria)
        case 1: return found[0]
        default: throw MimecastError.ambiguousService(criteria, ids: found.map(\.id))
        }
    }

    /// Like ``findService(description:mailbox:address:protocol:)`` but `nil` when nothing matches
    /// (the check of a create step: is it already done?).
    public func findServiceIfPresent(
        description: String? = nil, mailbox: String? = nil, address: String? = nil,
        protocol transferProtocol: JournalService.TransferProtocol? = nil
    ) async throws -> JournalService? {
        do {
            return try await findService(
                description: description, mailbox: mailbox, address: address, protocol: transferProtocol)
        } catch MimecastError.serviceNotFound {
            return nil
        }
    }

    /// Every service that matches every given criterion.
    public func findServices(
        description: String? = nil, mailbox: String? = nil, address: String? = nil,
        protocol transferProtocol: JournalService.TransferProtocol? = nil
    ) async throws -> [JournalService] {
        let matcher = ServiceMatcher(
            description: description, mailbox: mailbox, address: address, transferProtocol: transferProtocol)
        var matches: [JournalService] = []
        for listed in try await listServices() {
            switch matcher.verdict(listed) {
            case .yes: matches.append(listed)
            case .no: continue
            case .unknown:
                let full = try await service(id: listed.id)
                if matcher.verdict(full) == .yes { matches.append(full) }
            }
        }
        return matches
    }

    static func criteria(
        _ description: String?, _ mailbox: String?, _ address: String?,
        _ transferProtocol: JournalService.TransferProtocol?
    ) -> String {
        var parts: [String] = []
        if let description { parts.append("description '\(description)'") }
        if let mailbox { parts.append("mailbox '\(mailbox)'") }
        if let address { parts.append("address '\(address)'") }
        if let transferProtocol { parts.append("protocol \(transferProtocol)") }
        return parts.isEmpty ? "any service" : parts.joined(separator: ", ")
    }
}

/// Decides whether a service meets the criteria, or cannot tell because a field is missing.
struct ServiceMatcher {
    enum Verdict { case yes, no, unknown }

    var description: String?
    var mailbox: String?
    var address: String?
    var transferProtocol: JournalService.TransferProtocol?

    func verdict(_ service: JournalService) -> Verdict {
        let checks: [Verdict] = [
            compare(description, [service.description]),
            compare(mailbox, [service.pop3Mailbox, service.pop3EmailAddress]),
            compare(address, [service.smtpEmailAddress]),
            compare(transferProtocol?.description, [service.transferProtocol?.description]),
        ]
        if checks.contains(.no) { return .no }
        return checks.contains(.unknown) ? .unknown : .yes
    }

    private func compare(_ wanted: String?, _ actual: [String?]) -> Verdict {
        guard let wanted else { return .yes }
        let known = actual.compactMap { $0 }
        if known.isEmpty { return .unknown }
        return known.contains { Self.normal($0) == Self.normal(wanted) } ? .yes : .no
    }

    private static func normal(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
