import Foundation
import JournalPlanRunner
import Testing

@Suite struct MimecastAuthenticationTests {
    @Test func fetchesATokenWithClientCredentialsAndReusesIt() async throws {
        try await withFakeMimecast(
            withTokens { request, _ in
                request.headers["authorization"] == "Bearer tok-1" ? .json("[]") : Reply(401)
            }
        ) { server in
            let client = server.client(clock: ManualClock())
            _ = try await client.listServices()
            _ = try await client.listServices()
            #expect(server.tokenRequests == 1)
            let tokenRequest = try #require(server.requests.first)
            #expect(tokenRequest.method == "POST")
            #expect(tokenRequest.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(
                tokenRequest.body
                    == "grant_type=client_credentials&client_id=test-client&client_secret=s3cr3t-Value%2B%2F%3D")
            #expect(server.apiRequests.allSatisfy { $0.headers["accept"] == "application/json" })
        }
    }

    @Test func concurrentCallsShareOneTokenRequest() async throws {
        try await withFakeMimecast(withTokens { _, _ in .json("[]") }) { server in
            let client = server.client(clock: ManualClock())
            async let first = client.listServices()
            async let second = client.listServices()
            async let third = client.listServices()
            _ = try await (first, second, third)
            #expect(server.tokenRequests == 1)
            #expect(server.apiRequests.count == 3)
        }
    }

    @Test func renewsTheTokenAMinuteBeforeItExpires() async throws {
        try await withFakeMimecast(withTokens(expiresIn: 1800) { _, _ in .json("[]") }) { server in
            let clock = ManualClock()
            let client = server.client(clock: clock)
            _ = try await client.listServices()
            clock.advance(by: 1800 - 61)
            _ = try await client.listServices()
            #expect(server.tokenRequests == 1)
            clock.advance(by: 2)
            _ = try await client.listServices()
            #expect(server.tokenRequests == 2)
            #expect(server.apiRequests.last?.headers["authorization"] == "Bearer tok-2")
        }
    }

    @Test func a401RenewsTheTokenOnceAndRetries() async throws {
        try await withFakeMimecast(
            withTokens { request, _ in
                request.headers["authorization"] == "Bearer tok-2" ? .json("[]") : Reply(401)
            }
        ) { server in
            _ = try await server.client(clock: ManualClock()).listServices()
            #expect(server.tokenRequests == 2)
            #expect(server.apiRequests.count == 2)
        }
    }

    @Test func aSecond401IsAnAuthenticationError() async throws {
        try await withFakeMimecast(withTokens { _, _ in Reply(401) }) { server in
            await #expect(throws: MimecastError.authenticationFailed(status: 401, details: [])) {
                _ = try await server.client(clock: ManualClock()).listServices()
            }
            #expect(server.tokenRequests == 2)
            #expect(server.apiRequests.count == 2)
        }
    }

    @Test func refusedCredentialsAreAnAuthenticationError() async throws {
        let refusal = Reply.json(#"{"error":"invalid_client","error_description":"unknown client"}"#, status: 401)
        try await withFakeMimecast({ _, _ in refusal }) { server in
            await #expect(
                throws: MimecastError.authenticationFailed(
                    status: 401, details: [MimecastAPIErrorDetail(code: "invalid_client", message: "unknown client")])
            ) {
                _ = try await server.client(clock: ManualClock()).listServices()
            }
            #expect(server.apiRequests.isEmpty)
        }
    }

    static let rateLimitCases: [([String: String], Double)] = [
        (["X-RateLimit-Reset": "1500"], 1.5),
        (["Retry-After": "3"], 3),
        (["X-RateLimit-Reset": "1500", "Retry-After": "2"], 2),
        (["X-RateLimit-Reset": "4000", "Retry-After": "2"], 4),
    ]

    @Test(arguments: rateLimitCases)
    func aRateLimitIsWaitedOutAsLongAsTheHeadersSay(headers: [String: String], expected: Double) async throws {
        try await withFakeMimecast(
            withTokens { request, earlier in
                priorCalls(request, earlier) == 0 ? Reply(429, "", headers: headers) : .json("[]")
            }
        ) { server in
            let clock = ManualClock()
            _ = try await server.client(clock: clock).listServices()
            #expect(clock.recordedWaits.map(\.inSeconds) == [expected])
            #expect(server.apiRequests.count == 2)
        }
    }

    @Test func aRateLimitLongerThanTheBoundFailsWithoutWaiting() async throws {
        try await withFakeMimecast(withTokens { _, _ in Reply(429, "", headers: ["Retry-After": "600"]) }) { server in
            let clock = ManualClock()
            await #expect(
                throws: MimecastError.rateLimited(
                    method: "GET", path: "/journaling/cloud-gateway/v1/services", retryAfterSeconds: 600)
            ) {
                _ = try await server.client(clock: clock).listServices()
            }
            #expect(clock.recordedWaits.isEmpty)
        }
    }

    @Test func aCreateIsRepeatedAfterA429BecauseTheAPIDidNotExecuteIt() async throws {
        try await withFakeMimecast(
            withTokens { request, earlier in
                priorCalls(request, earlier) == 0
                    ? Reply(429, "", headers: ["X-RateLimit-Reset": "250"])
                    : .json(serviceJSON(id: "jrn-9", description: "Exchange SMTP Journal"), status: 201)
            }
        ) { server in
            let clock = ManualClock()
            let created = try await server.client(clock: clock).createSMTPService(
                SMTPJournalServiceSpec(
                    description: "Exchange SMTP Journal", emailAddress: "journaling@journal.contoso.com",
                    ipRanges: []))
            #expect(created.id == "jrn-9")
            #expect(clock.recordedWaits.map(\.inSeconds) == [0.25])
        }
    }

    @Test func aGETIsRetriedOn5xxWithExponentialBackoff() async throws {
        try await withFakeMimecast(
            withTokens { request, earlier in
                switch priorCalls(request, earlier) {
                case 0: Reply(503)
                case 1: Reply(502, "<html>bad gateway</html>")
                default: .json("[]")
                }
            }
        ) { server in
            let clock = ManualClock()
            _ = try await server.client(clock: clock).listServices()
            #expect(clock.recordedWaits.map(\.inSeconds) == [0.5, 1.0])
            #expect(server.apiRequests.count == 3)
        }
    }

    @Test func retriesStopAtTheAttemptBound() async throws {
        try await withFakeMimecast(
            withTokens { _, _ in .json(#"{"errors":[{"code":"err_internal","message":"boom"}]}"#, status: 500) }
        ) { server in
            let clock = ManualClock()
            await #expect(
                throws: MimecastError.http(
                    status: 500, method: "GET", path: "/journaling/cloud-gateway/v1/services",
                    details: [MimecastAPIErrorDetail(code: "err_internal", message: "boom")])
            ) {
                _ = try await server.client(clock: clock).listServices()
            }
            #expect(server.apiRequests.count == 4)
            #expect(clock.recordedWaits.map(\.inSeconds) == [0.5, 1, 2])
        }
    }

    @Test func aRefusedConnectionIsATransportError() async throws {
        // Port 9 on loopback: nothing listens there on the test machines.
        let client = MimecastClient(
            configuration: MimecastConfiguration(
                clientID: "x", clientSecret: MimecastSecret("y"), baseURL: URL(string: "http://127.0.0.1:9")!),
            clock: ManualClock())
        await #expect {
            _ = try await client.listServices()
        } throws: { error in
            guard case MimecastError.transport(let method, let path, _) = error else { return false }
            return method == "POST" && path == "/oauth/token"
        }
    }
}
