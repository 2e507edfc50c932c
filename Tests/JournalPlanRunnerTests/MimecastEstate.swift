import Foundation
import JournalPlanRunner

/// A Mimecast account as the stand-in server plays it: journal services that list (one per page, so
/// every list paginates), get, create, patch and delete, with a server clock in every answer's `Date`
/// header, and switches for the ways a real API can disagree with what the client asked.
final class MimecastEstate: @unchecked Sendable {
    struct Service {
        var id: String
        var description: String
        var transferProtocol: String
        var enabled = true
        var status = "ok"
        var queueSize: Int? = 0
        var lastReceived: String?
        var address: String?
        var ipRanges: [String] = []
        var mailbox: String?
    }

    private let lock = NSLock()
    private var services: [Service] = []
    private var nextID = 1
    private var serverNow: Date
    /// Applied to each created service (a create the API accepted but did differently).
    var onCreate: (@Sendable (inout Service) -> Void)?
    /// PATCH answers 200 but changes nothing.
    var ignorePatch = false
    /// DELETE answers 404 and keeps the service.
    var deleteAnswers404ButKeeps = false
    /// The first API request is answered 429 with these headers.
    var rateLimitFirst: [String: String]?

    init(now: Date, services: [Service] = []) {
        serverNow = now
        self.services = services
    }

    /// The 2016 plan's POP3 connector, as Mimecast shows it before the run.
    static func pop3(queue: Int = 0) -> Service {
        Service(
            id: "pop-1", description: "Exchange POP3 Journal", transferProtocol: "pop3", queueSize: queue,
            mailbox: "journal@contoso.com")
    }

    /// The 2016 plan's SMTP connector, as a correct create leaves it.
    static func smtp(lastReceived: String? = nil) -> Service {
        Service(
            id: "smtp-1", description: "Exchange SMTP Journal", transferProtocol: "smtp", status: "not_active",
            lastReceived: lastReceived, address: "journaling@journal.contoso.com", ipRanges: ["203.0.113.10/32"])
    }

    func update(_ change: (inout [Service]) -> Void) { lock.withLock { change(&services) } }
    func advance(by seconds: TimeInterval) { lock.withLock { serverNow += seconds } }
    var now: Date { lock.withLock { serverNow } }
    var all: [Service] { lock.withLock { services } }
    func service(_ id: String) -> Service? { all.first { $0.id == id } }

    var responder: FakeMimecastServer.Responder {
        withTokens { request, earlier in
            self.lock.withLock { self.answer(request, earlier: earlier) }
        }
    }

    private func answer(_ request: FakeMimecastServer.Recorded, earlier: [FakeMimecastServer.Recorded]) -> Reply {
        var reply = route(request, earlier: earlier)
        reply.headers["Date"] = MimecastAPI20Tests.httpDate(serverNow)
        return reply
    }

    private func route(_ request: FakeMimecastServer.Recorded, earlier: [FakeMimecastServer.Recorded]) -> Reply {
        if let headers = rateLimitFirst, !earlier.contains(where: { $0.path != "/oauth/token" }) {
            return Reply(429, "", headers: headers)
        }
        let base = "/journaling/cloud-gateway/v1/services"
        let id = request.path.hasPrefix(base + "/") ? String(request.path.dropFirst(base.count + 1)) : nil
        switch (request.method, id) {
        case ("GET", nil):
            let index = Int(request.query["pageToken"] ?? "0") ?? 0
            let page = index < services.count ? [json(services[index])] : []
            var meta: [String: Any] = [:]
            if index + 1 < services.count { meta["pagination"] = ["next": String(index + 1)] }
            return .json(render(["journalingServices": page, "meta": meta]))
        case ("POST", nil):
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8))) as? [String: Any] ?? [:]
            let smtp = body["smtpJournalingConnection"] as? [String: Any] ?? [:]
            var created = Service(
                id: "smtp-\(nextID)", description: body["description"] as? String ?? "", transferProtocol: "smtp",
                enabled: body["enabled"] as? Bool ?? true, status: "not_active",
                address: smtp["emailAddress"] as? String, ipRanges: smtp["ipRanges"] as? [String] ?? [])
            nextID += 1
            onCreate?(&created)
            services.append(created)
            return .json(render(json(created)), status: 201)
        case ("GET", let id?):
            guard let found = services.first(where: { $0.id == id }) else { return Reply(404) }
            return .json(render(json(found)))
        case ("PATCH", let id?):
            guard let index = services.firstIndex(where: { $0.id == id }) else { return Reply(404) }
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8))) as? [String: Any] ?? [:]
            if !ignorePatch, let enabled = body["enabled"] as? Bool { services[index].enabled = enabled }
            return .json(render(json(services[index])))
        case ("DELETE", let id?):
            guard let index = services.firstIndex(where: { $0.id == id }) else { return Reply(404) }
            if deleteAnswers404ButKeeps { return Reply(404) }
            services.remove(at: index)
            return Reply(204)
        default:
            return Reply(405)
        }
    }

    private func json(_ service: Service) -> [String: Any] {
        var object: [String: Any] = [
            "id": service.id, "description": service.description, "transferProtocol": service.transferProtocol,
            "enabled": service.enabled,
        ]
        if let queue = service.queueSize { object["queueSize"] = queue }
        var status: [String: Any] = ["status": service.status]
        if let last = service.lastReceived { status["lastReceivedDateTime"] = last }
        object["statusInfo"] = status
        if service.transferProtocol == "smtp" {
            var connection: [String: Any] = ["ipRanges": service.ipRanges, "hostnames": ["journal.mimecast-host.test"]]
            if let address = service.address { connection["emailAddress"] = address }
            object["smtpJournalingConnection"] = connection
        } else {
            object["pop3JournalingConnection"] = [
                "emailAddress": service.mailbox ?? "", "mailbox": service.mailbox ?? "", "host": "pop.contoso.com",
            ]
        }
        return object
    }

    private func render(_ object: Any) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }
}
