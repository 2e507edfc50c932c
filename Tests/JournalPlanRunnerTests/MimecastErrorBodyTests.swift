import Foundation
import Testing

@testable import JournalPlanRunner

@Suite struct MimecastErrorBodyTests {
    static let cases: [(String, [MimecastAPIErrorDetail])] = [
        (#"{"errors":[{"code":"err_validation","message":"bad","field":"description"}]}"#,
         [MimecastAPIErrorDetail(code: "err_validation", message: "bad", field: "description")]),
        (#"{"meta":{"status":400},"data":[],"fail":[{"key":{},"errors":[{"code":"err_x","message":"m","retryable":false}]}]}"#,
         [MimecastAPIErrorDetail(code: "err_x", message: "m")]),
        (#"{"error":"invalid_client","error_description":"Client authentication failed"}"#,
         [MimecastAPIErrorDetail(code: "invalid_client", message: "Client authentication failed")]),
        (#"{"errors":[{"code":401,"message":"expired"}]}"#, [MimecastAPIErrorDetail(code: "401", message: "expired")]),
        (#"{"message":"Too many requests"}"#, [MimecastAPIErrorDetail(message: "Too many requests")]),
        ("<html><body>502 Bad Gateway</body></html>", []),
        ("", []),
    ]

    @Test(arguments: cases)
    func everyKnownShapeIsRead(body: String, details: [MimecastAPIErrorDetail]) {
        #expect(MimecastErrorBody.details(from: Data(body.utf8)) { $0 } == details)
    }

    @Test func theRateLimitDelayIsTheLongerOfBothHeaders() {
        func delay(_ headers: [String: String]) -> Duration? {
            MimecastClient.rateLimitDelay(MimecastResponse(status: 429, headers: headers, body: Data()), now: Date())
        }
        #expect(delay(["x-ratelimit-reset": "2500"]) == .milliseconds(2500))
        #expect(delay(["retry-after": "7"]) == .seconds(7))
        #expect(delay(["x-ratelimit-reset": "100", "retry-after": "1"]) == .seconds(1))
        #expect(delay(["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"]) == nil)
        #expect(delay([:]) == nil)
    }
}
