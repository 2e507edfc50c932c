import FlyingFox
import FlyingSocks
import Foundation
import JournalPlanRunner

/// A real HTTP server on 127.0.0.1 (ephemeral port) that plays the Mimecast API from a script.
///
/// Each request is recorded; `respond` decides the answer from the request and what came before.
final class FakeMimecastServer: Sendable {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [String: String]
        var body: String
    }

    struct Reply: Sendable {
        var status: Int
        var body: String
        var headers: [String: String]

        init(_ status: Int, _ body: String = "", headers: [String: String] = [:]) {
            self.status = status
            self.body = body
            self.headers = headers
        }

        static func json(_ body: String, status: Int = 200) -> Reply {
            Reply(status, body, headers: ["Content-Type": "application/json"])
        }

        static func token(_ value: String, expiresIn: Int = 1800) -> Reply {
            .json(#"{"access_token":"\#(value)","token_type":"Bearer","expires_in":\#(expiresIn)}"#)
        }
    }

    typealias Responder = @Sendable (Recorded, [Recorded]) -> Reply

    private let server: HTTPServer
    private let log: RequestLog
    private let task: Task<Void, any Error>
    let baseURL: URL

    private init(server: HTTPServer, task: Task<Void, any Error>, port: UInt16, log: RequestLog) {
        self.server = server
        self.task = task
        self.log = log
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Starts a server answering with `respond`; stop it with ``stop()``.
    static func start(_ respond: @escaping Responder) async throws -> FakeMimecastServer {
        let log = RequestLog()
        let server = HTTPServer(
            // Idle connections stay open for 10 minutes: with the default 15 s a loaded machine paused a
            // test long enough for the server to drop the client's pooled connection mid-test, the client
            // saw a transport failure and retried, and the test counted 2 or 3 token requests instead of 1.
            address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 600, logger: .disabled,
            handler: ClosureHTTPHandler { request in
                let body = String(decoding: try await request.bodyData, as: UTF8.self)
                var headers: [String: String] = [:]
                for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
                var query: [String: String] = [:]
                for item in request.query { query[item.name] = item.value }
                let recorded = Recorded(
                    method: request.method.rawValue, path: request.path, query: query, headers: headers, body: body)
                let earlier = log.append(recorded)
                let reply = respond(recorded, earlier)
                var responseHeaders = HTTPHeaders()
                for (name, value) in reply.headers { responseHeaders[HTTPHeader(name)] = value }
                return HTTPResponse(
                    statusCode: HTTPStatusCode(reply.status, phrase: "Scripted"), headers: responseHeaders,
                    body: Data(reply.body.utf8))
            })
        let task = Task { try await server.run() }
        // FlyingFox's default wait is 5 s; the suite runs tests in parallel on 2 cores, where a busy
        // machine once took longer than that just to start listening.
        try await server.waitUntilListening(timeout: 60)
        let address = await server.listeningAddress
        guard case .ip4(_, let port)? = address else {
            throw CocoaError(.featureUnsupported)
        }
        return FakeMimecastServer(server: server, task: task, port: port, log: log)
    }

    /// Every request received so far.
    var requests: [Recorded] { log.all }

    /// The API requests (everything but the token endpoint).
    var apiRequests: [Recorded] { log.all.filter { $0.path != "/oauth/token" } }

    /// How many times a token was requested.
    var tokenRequests: Int { log.all.filter { $0.path == "/oauth/token" }.count }

    func stop() async {
        await server.stop()
        task.cancel()
    }

    /// A client of this server with test credentials and `clock`.
    func client(clock: ManualClock, policy: MimecastRetryPolicy = .standard) -> MimecastClient {
        MimecastClient(
            configuration: MimecastConfiguration(
                clientID: "test-client", clientSecret: MimecastSecret(FakeMimecastServer.secret), baseURL: baseURL,
                // Generous for the same reason: a slow answer on a loaded machine is not a transport failure.
                requestTimeout: .seconds(600)),
            clock: clock, policy: policy)
    }

    static let secret = "s3cr3t-Value+/="
}

/// The requests seen by a server, shared between its handler and the test.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [FakeMimecastServer.Recorded] = []

    /// Records `entry` and returns the entries before it.
    func append(_ entry: FakeMimecastServer.Recorded) -> [FakeMimecastServer.Recorded] {
        lock.withLock {
            defer { entries.append(entry) }
            return entries
        }
    }

    var all: [FakeMimecastServer.Recorded] { lock.withLock { entries } }
}
