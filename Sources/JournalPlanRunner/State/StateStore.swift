import Foundation

/// Reads and writes the run's state file (JSON, atomically) and names the files that live beside it.
public struct StateStore: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The default state file in the working directory: `<plan name>.state.json`, or for a run that
    /// simulates a system `<plan name>.simulation.state.json`, so a rehearsal never leaves a state that
    /// the real run would find.
    public static func defaultPath(planName: String, simulated: Bool = false) -> String {
        simulated ? "\(planName).simulation.state.json" : "\(planName).state.json"
    }

    public var lockPath: String { path + ".lock" }
    public var auditPath: String { path + ".audit.jsonl" }
    /// The simulator's estate, so a simulated run can be killed and resumed like a real one.
    public var simulationPath: String { path + ".simulation.json" }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func load() throws -> RunState {
        guard let bytes = AtomicFile.read(path) else {
            throw AtomicFile.WriteError(description: "\(path): cannot be read")
        }
        do {
            return try JSONDecoder().decode(RunState.self, from: Data(bytes))
        } catch {
            throw AtomicFile.WriteError(description: "\(path): not a JournalPlan state file (\(error))")
        }
    }

    public func save(_ state: RunState) throws {
        try AtomicFile.write(Self.encode(state), to: path)
    }

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [UInt8](try encoder.encode(value)) + [10]
    }
}

/// Wall-clock text for records: ISO 8601 in UTC.
enum RecordTime {
    static func now() -> String { text(Date()) }

    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
