import Foundation
import JournalPlanRunner
import Testing

/// Credentials and tokens go only to the configured Mimecast origin, and only over HTTPS (loopback aside).
@Suite struct MimecastTransportSafetyTests {
    static let listPath = "/journaling/cloud-gateway/v1/services"

    /// A server that records what reaches it: the "other host" a redirect points at.
    static func elsewhere() async throws -> FakeMimecastServer {
        try await FakeMimecastServer.start { _, _ in .token("tok-evil") }
    }

    @Test(arguments: [302, 307, 308])
    func anAPIRedirectToAnotherHostIsRefusedAndNothingReachesIt(status: Int) async throws {
        let other = try await Self.elsewhere()
        let target = other.baseURL.absoluteString + Self.listPath
        try await withFakeMimecast(withTokens { _, _ in Reply(status, "", headers: ["Location": target]) }) { server in
            await #expect {
                _ = try await server.client(clock: ManualClock()).listServices()
            } throws: { error in
                guard case MimecastError.redirectRefused(let method, let path, let location) = error else { return false }
                return method == "GET" && path == Self.listPath && location.contains("127.0.0.1:\(other.baseURL.port!)")
            }
            #expect(server.apiRequests.count == 1, "a refused redirect is not retried")
        }
        #expect(other.requests.isEmpty, "the other host received \(other.requests.map(\.headers))")
        await other.stop()
    }

    @Test(arguments: [302, 307, 308])
    func theTokenEndpointNeverFollowsARedirect(status: Int) async throws {
        let other = try await Self.elsewhere()
        let target = other.baseURL.absoluteString + "/oauth/token"
        try await withFakeMimecast({ _, _ in Reply(status, "", headers: ["Location": target]) }) { server in
            await #expect {
                _ = try await server.client(clock: ManualClock()).listServices()
            } throws: { error in
                guard case MimecastError.redirectRefused(let method, let path, _) = error else { return false }
                return method == "POST" && path == "/oauth/token"
            }
            #expect(server.apiRequests.isEmpty, "no API call is made without a token from the configured host")
        }
        #expect(other.requests.isEmpty, "the client secret or a token request reached \(other.baseURL)")
        await other.stop()
    }

    @Test func aRedirectWithinTheSameOriginIsFollowedWithTheToken() async throws {
        try await withFakeMimecast(
            withTokens { request, _ in
                request.query["moved"] == nil
                    ? Reply(307, "", headers: ["Location": Self.listPath + "?moved=1"])
                    : .json("[]")
            }
        ) { server in
            _ = try await server.client(clock: ManualClock()).listServices()
            #expect(server.apiRequests.map { $0.headers["authorization"] } == ["Bearer tok-1", "Bearer tok-1"])
        }
    }

    static let plainHTTP = ["http://api.services.mimecast.com", "http://10.0.0.5:8080", "http://mimecast.example"]

    @Test(arguments: plainHTTP)
    func plainHTTPToARealHostIsRefusedFromTheEnvironment(url: String) {
        #expect(throws: MimecastError.insecureBaseURL(url)) {
            _ = try MimecastConfiguration(environment: [
                "MIMECAST_CLIENT_ID": "id", "MIMECAST_CLIENT_SECRET": "secret", "MIMECAST_BASE_URL": url,
            ])
        }
    }

    @Test(arguments: ["https://uk-api.services.mimecast.com", "http://127.0.0.1:9", "http://[::1]:8080", "http://localhost:80"])
    func httpsOrLoopbackIsAccepted(url: String) throws {
        let configuration = try MimecastConfiguration(environment: [
            "MIMECAST_CLIENT_ID": "id", "MIMECAST_CLIENT_SECRET": "secret", "MIMECAST_BASE_URL": url,
        ])
        #expect(configuration.baseURL.absoluteString == url)
    }

    @Test func aClientBuiltInCodeWithPlainHTTPToARealHostSendsNothing() async throws {
        let client = MimecastClient(
            configuration: MimecastConfiguration(
                clientID: "x", clientSecret: MimecastSecret("y"), baseURL: URL(string: "http://mimecast.example")!),
            clock: ManualClock())
        await #expect(throws: MimecastError.insecureBaseURL("http://mimecast.example")) {
            _ = try await client.listServices()
        }
    }
}
