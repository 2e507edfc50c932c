import Foundation
import JournalPlanCore
import Testing
@testable import JournalPlanRunner

/// The api adapter counts a change as made only when Mimecast reads it back that way, and confirms
/// journaling against Mimecast's own clock. Every test runs against the stand-in account on 127.0.0.1.
@Suite struct MimecastAPIAdapterTests {
    static let plan = Fixtures.repositoryRoot.appendingPathComponent("plans/exchange-2016-two-servers.yaml").path
    /// Mimecast's clock in these tests: long before the machine's, so a local-clock baseline cannot pass.
    static let mimecastNow = Date(timeIntervalSince1970: 1_748_772_000)  // 2025-06-01T10:00:00Z

    let graph: StepGraph

    init() throws { graph = try #require(Fixtures.graph(Self.plan)) }

    func node(_ step: String) throws -> GraphNode {
        try #require(graph.nodes.first { graph.steps[$0.step].id.value == step })
    }

    func withAccount<T>(
        _ estate: MimecastEstate, _ body: (MimecastAPIAdapter, FakeMimecastServer) async throws -> T
    ) async throws -> T {
        try await withFakeMimecast(estate.responder) { server in
            try await body(MimecastAPIAdapter(client: server.client(clock: ManualClock())), server)
        }
    }

    static func errorText(_ work: () async throws -> Void) async -> String? {
        do {
            try await work()
            return nil
        } catch {
            return "\(error)"
        }
    }

    // MARK: create

    @Test func aCreateThatReadsBackAsPlannedIsDone() async throws {
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.pop3()])
        try await withAccount(estate) { adapter, _ in
            let create = try node("create-smtp-connector")
            #expect(try await adapter.check(create, in: graph) == .notDone)
            let record = try await adapter.apply(create, in: graph)
            #expect(record["serviceID"] == "smtp-1")
            #expect(try await adapter.check(create, in: graph) == .done)
        }
    }

    static let createMismatches: [(String, String)] = [
        ("disabled", "not enabled"),
        ("error", "status is error"),
        ("ranges", "IP ranges 0.0.0.0/0 (the plan says 203.0.113.10/32)"),
        ("address", "address is other@journal.contoso.com (the plan says journaling@journal.contoso.com)"),
    ]

    @Test(arguments: createMismatches)
    func aCreateThatReadsBackDifferentlyIsNotDone(mismatch: String, expected: String) async throws {
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.pop3()])
        estate.onCreate = { service in
            switch mismatch {
            case "disabled": service.enabled = false
            case "error": service.status = "error"
            case "ranges": service.ipRanges = ["0.0.0.0/0"]
            default: service.address = "other@journal.contoso.com"
            }
        }
        try await withAccount(estate) { adapter, _ in
            let create = try node("create-smtp-connector")
            let failure = await Self.errorText { _ = try await adapter.apply(create, in: graph) }
            #expect(failure?.contains(expected) == true, "\(failure ?? "no error")")
            #expect(failure?.contains("smtp-1") == true)
            // A later check must not take the differing service for the planned one either.
            let recheck = await Self.errorText { _ = try await adapter.check(create, in: graph) }
            #expect(recheck?.contains(expected) == true, "\(recheck ?? "no error")")
        }
    }

    // MARK: disable

    /// The 2010 plan disables its POP3 connector (journal@fabrikam.com) before deleting it.
    static let plan2010 = Fixtures.repositoryRoot.appendingPathComponent("plans/exchange-2010-single-hub.yaml").path

    @Test(arguments: [false, true])
    func aDisableIsDoneOnlyWhenTheReadBackSaysDisabled(apiIgnoresIt: Bool) async throws {
        let graph = try #require(Fixtures.graph(Self.plan2010))
        var pop3 = MimecastEstate.pop3()
        pop3.mailbox = "journal@fabrikam.com"
        let estate = MimecastEstate(now: Self.mimecastNow, services: [pop3])
        estate.ignorePatch = apiIgnoresIt
        try await withAccount(estate) { adapter, _ in
            let disable = try #require(graph.nodes.first { graph.steps[$0.step].id.value == "disable-pop3" })
            #expect(try await adapter.check(disable, in: graph) == .notDone)
            let failure = await Self.errorText { _ = try await adapter.apply(disable, in: graph) }
            if apiIgnoresIt {
                #expect(failure?.contains("still reads back enabled") == true, "\(failure ?? "no error")")
                #expect(try await adapter.check(disable, in: graph) == .notDone)
            } else {
                #expect(failure == nil)
                #expect(estate.service("pop-1")?.enabled == false)
                #expect(try await adapter.check(disable, in: graph) == .done)
            }
        }
    }

    // MARK: delete

    @Test func aDeleteIsDoneOnlyWhenAReListNoLongerShowsTheService() async throws {
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.smtp(), MimecastEstate.pop3()])
        try await withAccount(estate) { adapter, server in
            let delete = try node("delete-pop3")
            _ = try await adapter.apply(delete, in: graph)
            #expect(estate.service("pop-1") == nil)
            #expect(try await adapter.check(delete, in: graph) == .done)
            // The list has two pages: the re-list after the DELETE read both.
            #expect(server.apiRequests.contains { $0.method == "GET" && $0.query["pageToken"] == "1" })
        }
    }

    @Test func a404ToTheDeleteOfAServiceThatStillExistsIsNotProof() async throws {
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.smtp(), MimecastEstate.pop3()])
        estate.deleteAnswers404ButKeeps = true
        try await withAccount(estate) { adapter, _ in
            let delete = try node("delete-pop3")
            let failure = await Self.errorText { _ = try await adapter.apply(delete, in: graph) }
            #expect(failure?.contains("still lists") == true, "\(failure ?? "no error")")
            #expect(try await adapter.check(delete, in: graph) == .notDone)
        }
    }

    @Test func theQueueIsReadAgainRightBeforeTheDelete() async throws {
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.smtp(), MimecastEstate.pop3(queue: 0)])
        try await withAccount(estate) { adapter, server in
            let delete = try node("delete-pop3")
            // Items arrive after the drain was confirmed: the delete must see them and refuse.
            estate.update { $0[1].queueSize = 3 }
            let failure = await Self.errorText { _ = try await adapter.apply(delete, in: graph) }
            #expect(failure?.contains("3 item(s)") == true, "\(failure ?? "no error")")
            #expect(!server.apiRequests.contains { $0.method == "DELETE" })
            #expect(estate.service("pop-1") != nil)
            let last = try #require(server.apiRequests.last)
            #expect(last.method == "GET" && last.path.hasSuffix("/services/pop-1"))
        }
    }

    // MARK: confirm

    @Test func confirmationCountsOnlyTrafficAfterMimecastsOwnBaselineAndNotInTheFuture() async throws {
        let before = "2025-06-01T09:58:00Z"
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.smtp(lastReceived: before), MimecastEstate.pop3()])
        try await withAccount(estate) { adapter, _ in
            let pair = AdapterPair(exchange: DryRunAdapter(), mimecast: adapter)
            // The baseline is read from Mimecast before transport starts.
            _ = try await pair.apply(try node("start-transport"), in: graph)
            let confirm = try node("confirm")
            _ = try await pair.apply(confirm, in: graph)
            #expect(try await adapter.check(confirm, in: graph) == .notDone, "nothing new since the baseline")
            // A timestamp ahead of Mimecast's clock is not traffic.
            estate.update { $0[0].lastReceived = "2025-06-01T11:00:00Z" }
            #expect(try await adapter.check(confirm, in: graph) == .notDone, "a future timestamp counted")
            estate.update { $0[0].lastReceived = "2025-06-01T10:00:30Z" }
            estate.advance(by: 60)
            #expect(try await adapter.check(confirm, in: graph) == .done)
        }
    }

    @Test func theClientsTrafficWaitIgnoresFutureTimestamps() async throws {
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.smtp(lastReceived: "2025-06-01T12:00:00Z")])
        try await withFakeMimecast(estate.responder) { server in
            let since = try #require(LooseJSON.date("2025-06-01T09:00:00Z"))
            await #expect(throws: MimecastError.self) {
                _ = try await server.client(clock: ManualClock()).waitForNewTraffic(
                    id: "smtp-1", since: since, timeout: .seconds(120), pollEvery: .seconds(60))
            }
        }
    }

    @Test(arguments: [["X-RateLimit-Reset": "1748772003"], ["Retry-After": "3"]])
    func theAccountAnswersThroughARateLimitInEitherHeaderStyle(headers: [String: String]) async throws {
        let estate = MimecastEstate(now: Self.mimecastNow, services: [MimecastEstate.smtp(), MimecastEstate.pop3()])
        estate.rateLimitFirst = headers
        try await withFakeMimecast(estate.responder) { server in
            let clock = ManualClock()
            let adapter = MimecastAPIAdapter(client: server.client(clock: clock))
            let delete = try node("delete-pop3")
            #expect(try await adapter.check(delete, in: graph) == .notDone)
            #expect(clock.recordedWaits.map(\.inSeconds) == [3])
        }
    }
}
