import Foundation

/// Time for the executor: the window check and the polling of waits.
public protocol RunClock: Sendable {
    /// Seconds since 1970.
    func now() async -> Int
    func sleep(seconds: Int) async throws
}

/// The real clock.
public struct SystemClock: RunClock {
    public init() {}

    public func now() async -> Int { Int(Date().timeIntervalSince1970) }

    public func sleep(seconds: Int) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds)) * 1_000_000_000)
    }
}

/// The simulated clock: starts at the window's start and moves only when the run waits, so waits are
/// instant in wall time.
public struct SimulatedClock: RunClock {
    public let world: SimulationWorld

    public init(world: SimulationWorld) { self.world = world }

    public func now() async -> Int { await world.now }

    public func sleep(seconds: Int) async throws { try await world.advance(seconds: seconds) }
}
