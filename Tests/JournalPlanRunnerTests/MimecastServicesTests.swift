import Foundation
import JournalPlanRunner
import Testing

@Suite struct MimecastServicesTests {
    static let two = serviceJSON(id: "jrn-1", description: "Exchange POP3 Journal", protocol: "pop3") + ","
        + serviceJSON(id: "jrn-2", description: "Exchange SMTP Journal")

    static let listShapes: [String] = [
        "[\(two)]",
        #"{"journalingServices":[\#(two)],"meta":{}}"#,
        #"{"meta":{"status":200},"data":[\#(two)],"fail":[]}"#,
    ]

    @Test(arguments: listShapes)
    func everyListShapeIsRead(body: String) async throws {
        try await withFakeMimecast(withTokens { _, _ in .json(body) }) { server in
            let services = try await server.client(clock: ManualClock()).listServices()
            #expect(services.map(\.id) == ["jrn-1", "jrn-2"])
            #expect(services.map(\.transferProtocol) == [.pop3, .smtp])
        }
    }

    @Test func aListThatReportsFailuresIsAnError() async throws {
        let body = #"{"meta":{"status":200},"data":[],"fail":[{"errors":[{"code":"err_x","message":"no access"}]}]}"#
        try await withFakeMimecast(withTokens { _, _ in .json(body) }) { server in
            await #expect(
                throws: MimecastError.http(
                    status: 200, method: "GET", path: "/journaling/cloud-gateway/v1/services",
                    details: [MimecastAPIErrorDetail(code: "err_x", message: "no access")])
            ) {
                _ = try await server.client(clock: ManualClock()).listServices()
            }
        }
    }

    @Test func nextPageTokensAreFollowed() async throws {
        try await withFakeMimecast(
            withTokens { request, _ in
                switch request.query["pageToken"] {
                case nil:
                    .json(#"{"journalingServices":[\#(serviceJSON(id: "a", description: "A"))],"meta":{"pagination":{"next":"p2"}}}"#)
                case "p2":
                    .json(#"{"journalingServices":[\#(serviceJSON(id: "b", description: "B"))],"meta":{"pagination":{"next":"p3"}}}"#)
                default:
                    .json(#"{"journalingServices":[\#(serviceJSON(id: "c", description: "C"))],"meta":{}}"#)
                }
            }
        ) { server in
            let services = try await server.client(clock: ManualClock()).listServices()
            #expect(services.map(\.id) == ["a", "b", "c"])
            #expect(server.apiRequests.map { $0.query["pageToken"] } == [nil, "p2", "p3"])
        }
    }

    @Test func aServiceIsReadTolerantly() async throws {
        let body = """
            {"id":12345,"description":"Legacy POP3 box","enabled":true,"queueSize":42,
             "pop3JournalingConnection":{"emailAddress":"journal@example.com","mailbox":"journal","host":"pop.example.com","port":995},
             "statusInfo":{"status":"error","lastReceivedDateTime":"2025-05-30T22:00:00Z"},"unknownField":[1,2]}
            """
        try await withFakeMimecast(withTokens { _, _ in .json(body) }) { server in
            let service = try await server.client(clock: ManualClock()).service(id: "12345")
            #expect(service.id == "12345")
            #expect(service.transferProtocol == .pop3)
            #expect(service.queueSize == 42)
            #expect(service.status == "error")
            #expect(service.pop3Mailbox == "journal")
            #expect(service.pop3Host == "pop.example.com")
            #expect(service.lastReceived == Date(timeIntervalSince1970: 1_748_642_400))
            #expect(server.apiRequests.map(\.path) == ["/journaling/cloud-gateway/v1/services/12345"])
        }
    }

    @Test func aMissingServiceIsNotFound() async throws {
        try await withFakeMimecast(withTokens { _, _ in Reply(404) }) { server in
            await #expect(throws: MimecastError.serviceNotFound("id jrn-404")) {
                _ = try await server.client(clock: ManualClock()).service(id: "jrn-404")
            }
        }
    }

    @Test func anSMTPServiceIsCreatedWithTheDocumentedBody() async throws {
        let created = serviceJSON(
            id: "jrn-2", description: "Exchange SMTP Journal",
            extra: #""smtpJournalingConnection":{"emailAddress":"journaling@journal.contoso.com","hostnames":["journal.mimecast-host.test"]}"#)
        try await withFakeMimecast(withTokens { _, _ in .json(created, status: 201) }) { server in
            let service = try await server.client(clock: ManualClock()).createSMTPService(
                SMTPJournalServiceSpec(
                    description: "Exchange SMTP Journal", emailAddress: "journaling@journal.contoso.com",
                    ipRanges: ["203.0.113.10/32"]))
            #expect(service.id == "jrn-2")
            #expect(service.smtpHostnames == ["journal.mimecast-host.test"])
            let post = try #require(server.apiRequests.first)
            #expect(post.method == "POST")
            #expect(post.headers["content-type"] == "application/json")
            #expect(
                post.body
                    == #"{"description":"Exchange SMTP Journal","enabled":true,"messageFormat":"exchange_env","smtpJournalingConnection":{"emailAddress":"journaling@journal.contoso.com","ipRanges":["203.0.113.10/32"],"usesTls":true,"usesAuthentication":false}}"#
            )
        }
    }

    static let spec = SMTPJournalServiceSpec(
        description: "Exchange SMTP Journal", emailAddress: "journaling@journal.contoso.com", ipRanges: [])

    @Test func aCreateIsNotRepeatedAfterA5xxWhenTheRelistShowsNothing() async throws {
        try await withFakeMimecast(
            withTokens { request, _ in request.method == "POST" ? Reply(500) : .json("[]") }
        ) { server in
            await #expect {
                _ = try await server.client(clock: ManualClock()).createSMTPService(Self.spec)
            } throws: { error in
                guard case MimecastError.createFailed(let description, _) = error else { return false }
                return description == "Exchange SMTP Journal"
            }
            #expect(server.apiRequests.map(\.method) == ["POST", "GET"])
        }
    }

    @Test func aCreateThatLandedDespiteA5xxIsFoundByTheRelist() async throws {
        let listed = serviceJSON(
            id: "jrn-7", description: "Exchange SMTP Journal",
            extra: #""smtpJournalingConnection":{"emailAddress":"JOURNALING@journal.contoso.com"}"#)
        try await withFakeMimecast(
            withTokens { request, _ in request.method == "POST" ? Reply(502) : .json("[\(listed)]") }
        ) { server in
            let service = try await server.client(clock: ManualClock()).createSMTPService(Self.spec)
            #expect(service.id == "jrn-7")
            #expect(server.apiRequests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func aCreateAnsweredWithoutABodyIsFoundByListing() async throws {
        let listed = serviceJSON(id: "jrn-8", description: "Exchange SMTP Journal")
        try await withFakeMimecast(
            withTokens { request, _ in request.method == "POST" ? Reply(201) : .json(#"{"journalingServices":[\#(listed)]}"#) }
        ) { server in
            let service = try await server.client(clock: ManualClock()).createSMTPService(Self.spec)
            #expect(service.id == "jrn-8")
            #expect(server.apiRequests.map(\.method) == ["POST", "GET"])
        }
    }

    @Test func disablingPatchesEnabledAndRereadsAfterA204() async throws {
        try await withFakeMimecast(
            withTokens { request, _ in
                request.method == "PATCH"
                    ? Reply(204)
                    : .json(#"{"id":"jrn-3","description":"Exchange POP3 Journal","enabled":false}"#)
            }
        ) { server in
            let service = try await server.client(clock: ManualClock()).setEnabled(false, id: "jrn-3")
            #expect(service.enabled == false)
            #expect(server.apiRequests.map(\.method) == ["PATCH", "GET"])
            #expect(server.apiRequests.first?.body == #"{"enabled":false}"#)
        }
    }

    @Test(arguments: [(204, JournalServiceDeletion.deleted), (200, .deleted), (404, .alreadyAbsent)])
    func deletionIsConfirmedByAReList(status: Int, outcome: JournalServiceDeletion) async throws {
        try await withFakeMimecast(withTokens { request, _ in request.method == "DELETE" ? Reply(status) : .json("[]") }) {
            server in
            let result = try await server.client(clock: ManualClock()).deleteService(id: "jrn-3")
            #expect(result == outcome)
            #expect(server.apiRequests.map(\.method) == ["DELETE", "GET"])
        }
    }

    @Test(arguments: [204, 404])
    func aServiceStillListedAfterItsDeleteIsNotDeleted(status: Int) async throws {
        let listed = serviceJSON(id: "jrn-3", description: "Exchange POP3 Journal", protocol: "pop3")
        try await withFakeMimecast(
            withTokens { request, _ in request.method == "DELETE" ? Reply(status) : .json("[\(listed)]") }
        ) { server in
            await #expect(throws: MimecastError.deletionNotConfirmed(id: "jrn-3", answered: status)) {
                _ = try await server.client(clock: ManualClock()).deleteService(id: "jrn-3")
            }
        }
    }
}
