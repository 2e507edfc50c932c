import Foundation
import JournalPlanRunner

typealias Reply = FakeMimecastServer.Reply

/// Runs `body` against a fresh fake Mimecast server and stops the server afterwards.
@discardableResult
func withFakeMimecast<T>(
    _ respond: @escaping FakeMimecastServer.Responder, _ body: (FakeMimecastServer) async throws -> T
) async throws -> T {
    let server = try await FakeMimecastServer.start(respond)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Answers the token endpoint with `tok-N` (N counts the token requests) and the rest with `api`.
func withTokens(
    expiresIn: Int = 1800, _ api: @escaping FakeMimecastServer.Responder
) -> FakeMimecastServer.Responder {
    { request, earlier in
        if request.path == "/oauth/token" {
            let issued = earlier.filter { $0.path == "/oauth/token" }.count + 1
            return .token("tok-\(issued)", expiresIn: expiresIn)
        }
        return api(request, earlier)
    }
}

/// How many earlier requests had the same method and path.
func priorCalls(_ request: FakeMimecastServer.Recorded, _ earlier: [FakeMimecastServer.Recorded]) -> Int {
    earlier.filter { $0.method == request.method && $0.path == request.path }.count
}

/// A service JSON object in the documented get-one shape.
func serviceJSON(
    id: String, description: String, protocol transferProtocol: String = "smtp", queueSize: Int? = 0,
    lastReceived: String? = nil, extra: String = ""
) -> String {
    var fields = [
        #""id":"\#(id)""#, #""description":"\#(description)""#, #""transferProtocol":"\#(transferProtocol)""#,
        #""enabled":true"#,
    ]
    if let queueSize { fields.append(#""queueSize":\#(queueSize)"#) }
    let received = lastReceived.map { #","lastReceivedDateTime":"\#($0)""# } ?? ""
    fields.append(#""statusInfo":{"status":"ok"\#(received)}"#)
    if !extra.isEmpty { fields.append(extra) }
    return "{" + fields.joined(separator: ",") + "}"
}

extension Duration {
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
