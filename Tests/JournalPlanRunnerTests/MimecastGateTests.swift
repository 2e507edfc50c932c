import Foundation
import JournalPlanRunner
import Testing

@Suite struct MimecastGateTests {
    @Test func aQueueThatNeverDrainsTimesOutWithTheLastSize() async throws {
        let body = serviceJSON(id: "p1", description: "POP3", protocol: "pop3", queueSize: 42)
        try await withFakeMimecast(withTokens { _, _ in .json(body) }) { server in
            let clock = ManualClock()
            await #expect(throws: MimecastError.drainTimedOut(id: "p1", lastQueueSize: 42, waitedSeconds: 600)) {
                _ = try await server.client(clock: clock).waitUntilDrained(
                    id: "p1", timeout: .seconds(600), pollEvery: .seconds(60))
            }
            #expect(clock.recordedWaits.map(\.inSeconds).reduce(0, +) == 600)
            #expect(server.apiRequests.count == 11)
        }
    }

    @Test func drainingEndsWhenAnEmptyQueueIsObserved() async throws {
        let sizes = [3, 1, 0]
        try await withFakeMimecast(
            withTokens { request, earlier in
                .json(serviceJSON(id: "p1", description: "POP3", queueSize: sizes[min(priorCalls(request, earlier), 2)]))
            }
        ) { server in
            let seen = SeenSizes()
            let drained = try await server.client(clock: ManualClock()).waitUntilDrained(
                id: "p1", timeout: .seconds(3600), pollEvery: .seconds(300)
            ) { seen.add($0.queueSize) }
            #expect(drained.queueSize == 0)
            #expect(seen.values == [3, 1, 0])
        }
    }

    @Test func aMissingQueueSizeIsNeverTakenForEmpty() async throws {
        let body = serviceJSON(id: "p1", description: "POP3", queueSize: nil)
        try await withFakeMimecast(withTokens { _, _ in .json(body) }) { server in
            await #expect(throws: MimecastError.drainTimedOut(id: "p1", lastQueueSize: nil, waitedSeconds: 120)) {
                _ = try await server.client(clock: ManualClock()).waitUntilDrained(
                    id: "p1", timeout: .seconds(120), pollEvery: .seconds(60))
            }
        }
    }

    @Test func newTrafficIsSeenWhenLastReceivedAdvances() async throws {
        let times = ["2026-12-05T20:00:00Z", "2026-12-05T20:00:00Z", "2026-12-05T21:15:30.250Z"]
        try await withFakeMimecast(
            withTokens { request, earlier in
                .json(serviceJSON(id: "s1", description: "SMTP", lastReceived: times[min(priorCalls(request, earlier), 2)]))
            }
        ) { server in
            let client = server.client(clock: ManualClock())
            let baseline = try #require(try await client.service(id: "s1").lastReceived)
            let reading = try await client.waitForNewTraffic(
                id: "s1", since: baseline, timeout: .seconds(1800), pollEvery: .seconds(60))
            #expect(reading.lastReceivedText == "2026-12-05T21:15:30.250Z")
            #expect(server.apiRequests.count == 3)
        }
    }

    @Test func quietTrafficTimesOut() async throws {
        let body = serviceJSON(id: "s1", description: "SMTP", lastReceived: "2026-12-05T20:00:00Z")
        try await withFakeMimecast(withTokens { _, _ in .json(body) }) { server in
            let since = try #require(ISO8601DateFormatter().date(from: "2026-12-05T20:00:00Z"))
            await #expect(
                throws: MimecastError.noNewTraffic(id: "s1", lastReceived: "2026-12-05T20:00:00Z", waitedSeconds: 300)
            ) {
                _ = try await server.client(clock: ManualClock()).waitForNewTraffic(
                    id: "s1", since: since, timeout: .seconds(300), pollEvery: .seconds(60))
            }
        }
    }
}

/// Queue sizes reported to a progress callback.
final class SeenSizes: @unchecked Sendable {
    private let lock = NSLock()
    private var sizes: [Int?] = []
    func add(_ size: Int?) { lock.withLock { sizes.append(size) } }
    var values: [Int?] { lock.withLock { sizes } }
}
