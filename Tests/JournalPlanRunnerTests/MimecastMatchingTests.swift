import Foundation
import JournalPlanRunner
import Testing

@Suite struct MimecastMatchingTests {
    static let pop3 = #""pop3JournalingConnection":{"emailAddress":"journal@contoso.com","mailbox":"journal"}"#
    static let list = "["
        + serviceJSON(id: "p1", description: "Exchange POP3 Journal", protocol: "pop3", extra: pop3) + ","
        + serviceJSON(id: "s1", description: "Exchange SMTP Journal") + ","
        + serviceJSON(id: "s2", description: "exchange smtp journal ") + "]"

    @Test func exactlyOneMatchIsReturned() async throws {
        try await withFakeMimecast(withTokens { _, _ in .json(Self.list) }) { server in
            let found = try await server.client(clock: ManualClock()).findService(
                description: "Exchange POP3 Journal", mailbox: "JOURNAL@contoso.com", protocol: .pop3)
            #expect(found.id == "p1")
        }
    }

    @Test func twoMatchesAreAmbiguous() async throws {
        try await withFakeMimecast(withTokens { _, _ in .json(Self.list) }) { server in
            await #expect(
                throws: MimecastError.ambiguousService(
                    "description 'Exchange SMTP Journal', protocol smtp", ids: ["s1", "s2"])
            ) {
                _ = try await server.client(clock: ManualClock()).findService(
                    description: "Exchange SMTP Journal", protocol: .smtp)
            }
        }
    }

    @Test func noMatchIsMissingOrNil() async throws {
        try await withFakeMimecast(withTokens { _, _ in .json(Self.list) }) { server in
            let client = server.client(clock: ManualClock())
            await #expect(throws: MimecastError.serviceNotFound("mailbox 'other@contoso.com'")) {
                _ = try await client.findService(mailbox: "other@contoso.com")
            }
            let absent = try await client.findServiceIfPresent(description: "Nothing like it")
            #expect(absent == nil)
        }
    }

    @Test func anAbridgedListEntryIsReadInFullBeforeItIsJudged() async throws {
        let abridged = #"[{"id":"p1","description":"Exchange POP3 Journal"},{"id":"p2","description":"Other"}]"#
        let full = serviceJSON(id: "p1", description: "Exchange POP3 Journal", protocol: "pop3", extra: Self.pop3)
        try await withFakeMimecast(
            withTokens { request, _ in request.path.hasSuffix("/p1") ? .json(full) : .json(abridged) }
        ) { server in
            let found = try await server.client(clock: ManualClock()).findService(
                description: "Exchange POP3 Journal", mailbox: "journal@contoso.com")
            #expect(found.id == "p1")
            #expect(found.pop3Mailbox == "journal")
            // Only the candidate whose description matched was read again.
            #expect(server.apiRequests.map(\.path).filter { $0.hasSuffix("/p2") }.isEmpty)
        }
    }
}
