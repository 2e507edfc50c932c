import Foundation
import JournalPlanRunner
import Testing

/// API 2.0 answers as a stand-in server on 127.0.0.1 gives them: `fail[]` error bodies and rate-limit
/// resets given as epoch times.
@Suite struct MimecastAPI20Tests {
    static let listPath = "/journaling/cloud-gateway/v1/services"

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    @Test func aFailMessageWithoutNestedErrorsIsShown() async throws {
        let body = #"{"meta":{"status":400},"data":[],"fail":[{"code":"err_validation_blank","message":"description must not be blank"}]}"#
        try await withFakeMimecast(withTokens { _, _ in .json(body, status: 400) }) { server in
            await #expect {
                _ = try await server.client(clock: ManualClock()).createSMTPService(
                    SMTPJournalServiceSpec(description: "", emailAddress: "j@journal.contoso.com", ipRanges: []))
            } throws: { error in
                guard case MimecastError.http(400, "POST", _, let details) = error else { return false }
                return details == [MimecastAPIErrorDetail(code: "err_validation_blank", message: "description must not be blank")]
                    && "\(error)".contains("description must not be blank")
            }
        }
    }

    @Test func aListAnswered200WithOnlyAFailMessageIsAnErrorThatSaysWhy() async throws {
        let body = #"{"meta":{"status":200},"data":[],"fail":[{"message":"The application lacks Journaling Read"}]}"#
        try await withFakeMimecast(withTokens { _, _ in .json(body) }) { server in
            await #expect {
                _ = try await server.client(clock: ManualClock()).listServices()
            } throws: { error in
                "\(error)".contains("The application lacks Journaling Read")
            }
        }
    }

    @Test func nestedFailErrorsAndTheirMessageAreBothKept() async throws {
        let body = #"{"fail":[{"message":"request rejected","errors":[{"code":"err_ip","message":"bad CIDR","field":"ipRanges"}]}]}"#
        try await withFakeMimecast(withTokens { _, _ in .json(body, status: 422) }) { server in
            await #expect {
                _ = try await server.client(clock: ManualClock()).listServices()
            } throws: { error in
                let text = "\(error)"
                return text.contains("request rejected") && text.contains("err_ip: bad CIDR (field ipRanges)")
            }
        }
    }

    /// `X-RateLimit-Reset` as an epoch (seconds or milliseconds) is a point in time, read against the
    /// server's `Date` when it sends one, else the client's clock; a small number is milliseconds to wait.
    static let epochCases: [(String, Bool, Double)] = [
        ("1800000005", false, 5),  // epoch seconds, client clock (ManualClock starts at 1_800_000_000)
        ("1800000005000", false, 5),  // epoch milliseconds
        ("1800000104", true, 4),  // epoch seconds against the server's Date (100 s ahead of the client)
        ("1799999000", false, 0),  // a reset already past: no wait
        ("1500", false, 1.5),  // milliseconds to wait (API 1.0 documentation)
    ]

    @Test(arguments: epochCases)
    func anEpochRateLimitResetIsAPointInTime(reset: String, serverDate: Bool, expected: Double) async throws {
        let clock = ManualClock()
        var headers = ["X-RateLimit-Reset": reset]
        if serverDate { headers["Date"] = Self.httpDate(clock.start.addingTimeInterval(100)) }
        let reply = headers
        try await withFakeMimecast(
            withTokens { request, earlier in
                priorCalls(request, earlier) == 0 ? Reply(429, "", headers: reply) : .json("[]")
            }
        ) { server in
            _ = try await server.client(clock: clock).listServices()
            #expect(clock.recordedWaits.map(\.inSeconds) == [expected])
        }
    }
}
