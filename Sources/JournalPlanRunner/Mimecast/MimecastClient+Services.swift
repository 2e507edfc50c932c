import Foundation
import JournalPlanCore

/// What a delete call found.
public enum JournalServiceDeletion: Sendable, Equatable {
    /// The DELETE succeeded and a re-list no longer shows the service.
    case deleted
    /// The DELETE answered 404 and a re-list does not show the service either.
    case alreadyAbsent
}

extension MimecastClient {
    static let servicesPath = "/journaling/cloud-gateway/v1/services"
    /// Guards against a server that keeps handing out new page tokens.
    static let maxPages = 1000

    static func servicePath(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/")
        return servicesPath + "/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id)
    }

    /// Every journaling service, following next-page tokens (`pageToken` query) when the API returns them.
    public func listServices() async throws -> [JournalService] {
        var all: [JournalService] = []
        var pageToken: String?
        var requested: Set<String> = []
        for _ in 0..<Self.maxPages {
            var request = MimecastRequest(method: "GET", path: Self.servicesPath)
            if let pageToken { request.query = [("pageToken", pageToken)] }
            let response = try await perform(request, idempotent: true)
            let page = try JournalServiceBody.page(response.body, path: Self.servicesPath)
            if page.services.isEmpty, JournalServiceBody.embeddedFailures(response.body) {
                throw MimecastError.http(
                    status: response.status, method: "GET", path: Self.servicesPath, details: details(of: response))
            }
            all += page.services.map { service in
                var read = service
                read.serverDate = response.serverDate
                return read
            }
            guard let next = page.nextPageToken, requested.insert(next).inserted else { break }
            pageToken = next
        }
        return all
    }

    /// One journaling service by id.
    ///
    /// - Throws: ``MimecastError/serviceNotFound(_:)`` on 404.
    public func service(id: String) async throws -> JournalService {
        let path = Self.servicePath(id)
        let response: MimecastResponse
        do {
            response = try await perform(MimecastRequest(method: "GET", path: path), idempotent: true)
        } catch MimecastError.http(404, _, _, _) {
            throw MimecastError.serviceNotFound("id \(id)")
        }
        guard var service = JournalServiceBody.single(response.body) else {
            throw MimecastError.invalidResponse(method: "GET", path: path, reason: "no journaling service with an id")
        }
        service.serverDate = response.serverDate
        return service
    }

    /// Creates an SMTP journaling service and returns it as the API reports it.
    ///
    /// A create is not idempotent, so it is never repeated blindly: after a 5xx or a transport failure
    /// the client re-lists the services, returns the one it finds by description, and otherwise throws
    /// ``MimecastError/createFailed(description:reason:)``. A 2xx without a readable body is resolved the
    /// same way. (A 429 is repeated after the wait: the API does not execute rate-limited calls.)
    public func createSMTPService(_ spec: SMTPJournalServiceSpec) async throws -> JournalService {
        let request = MimecastRequest(
            method: "POST", path: Self.servicesPath, body: Data(spec.body.rendered().utf8))
        let response: MimecastResponse
        do {
            response = try await perform(request, idempotent: false)
        } catch let error as MimecastError {
            switch error {
            case .http(let status, _, _, _) where status >= 500:
                return try await findCreated(spec, failure: error)
            case .transport:
                return try await findCreated(spec, failure: error)
            default:
                throw error
            }
        }
        if var created = JournalServiceBody.single(response.body) {
            created.serverDate = response.serverDate
            return created
        }
        return try await findCreated(spec, failure: nil)
    }

    private func findCreated(_ spec: SMTPJournalServiceSpec, failure: MimecastError?) async throws -> JournalService {
        // The description is the plan's handle on a connector; the address may be missing from list entries.
        let found = try await findServices(description: spec.description, protocol: .smtp)
        switch found.count {
        case 1: return found[0]
        case 0:
            throw MimecastError.createFailed(
                description: spec.description, reason: failure?.description ?? "the create response named no service")
        default:
            throw MimecastError.ambiguousService(
                "description '\(spec.description)' after a create", ids: found.map(\.id))
        }
    }

    /// Enables or disables a service (`PATCH {"enabled": …}`), then reads it back with a GET.
    ///
    /// The PATCH response (200 with a body, or 204) is unconfirmed, so the returned state always comes
    /// from the re-read; check its `enabled` to see whether the change has landed.
    public func setEnabled(_ enabled: Bool, id: String) async throws -> JournalService {
        let body = Data((enabled ? #"{"enabled":true}"# : #"{"enabled":false}"#).utf8)
        let path = Self.servicePath(id)
        do {
            _ = try await perform(MimecastRequest(method: "PATCH", path: path, body: body), idempotent: true)
        } catch MimecastError.http(404, _, _, _) {
            throw MimecastError.serviceNotFound("id \(id)")
        }
        return try await service(id: id)
    }

    /// Suspends a service (`disable-connector`); same as `setEnabled(false, id:)`.
    public func disableService(id: String) async throws -> JournalService {
        try await setEnabled(false, id: id)
    }

    /// Resumes a service (the undo of `disable-connector`); same as `setEnabled(true, id:)`.
    public func enableService(id: String) async throws -> JournalService {
        try await setEnabled(true, id: id)
    }

    /// Deletes a service, then lists the services again: it counts as deleted only when the list no
    /// longer shows it. A 404 to the DELETE is not proof on its own (a wrong path or a proxy answers 404
    /// too); it means `.alreadyAbsent` only when the re-list agrees.
    ///
    /// - Throws: ``MimecastError/deletionNotConfirmed(id:answered:)`` when the service is still listed.
    public func deleteService(id: String) async throws -> JournalServiceDeletion {
        let outcome: JournalServiceDeletion
        let answered: Int
        do {
            let response = try await perform(
                MimecastRequest(method: "DELETE", path: Self.servicePath(id)), idempotent: true)
            (outcome, answered) = (.deleted, response.status)
        } catch MimecastError.http(404, _, _, _) {
            (outcome, answered) = (.alreadyAbsent, 404)
        }
        if try await listServices().contains(where: { $0.id == id }) {
            throw MimecastError.deletionNotConfirmed(id: id, answered: answered)
        }
        return outcome
    }
}
