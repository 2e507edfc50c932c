import JournalPlanCore

/// The answer to "is this node already done?".
public enum CheckOutcome: String, Sendable {
    case done
    case notDone = "not-done"
    /// The adapter cannot evaluate the check (dry run, manual system): never read as "would succeed".
    case unknown
}

/// Why a node waits for a person, and what that person is asked to do and check.
public struct GateReason: Sendable, Equatable {
    public var title: String
    public var instructions: [String]
    /// Whether a person must act or decide (a console step, a manual step, the point of no return):
    /// then only `--approve ID` or the typed id approves it, never `--yes`. False for a gate that only
    /// waits for software to be seen doing its part (the console check of a confirm or a drain).
    public var needsPerson: Bool

    public init(title: String, instructions: [String], needsPerson: Bool = true) {
        self.title = title
        self.instructions = instructions
        self.needsPerson = needsPerson
    }
}

/// A failure an adapter reports for one node. Its message must never carry a credential.
public struct AdapterError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// A preflight line that is a warning, not a mismatch (an advisory check such as IRM journal-report
/// decryption): it starts with ``prefix``; the run reports it and goes on.
public enum PreflightWarning {
    public static let prefix = "warning: "
}

/// One system's side of a run (Exchange or Mimecast): check, apply and undo each node it owns.
///
/// Implementations: simulate (in-memory estate), dry run, manual Mimecast (gates), and the real
/// PowerShell and API adapters. The executor decides order, gates, retries and compensation; an adapter
/// only acts on the node it is handed.
public protocol StepAdapter: Sendable {
    /// Short name recorded in the state file: `simulate`, `powershell`, `api`, `manual`, `dry-run`.
    var name: String { get }

    /// Compares the plan's picture of the estate with the live one. Each returned line is a mismatch;
    /// an empty list means the preflight passed.
    func preflight(_ graph: StepGraph) async throws -> [String]

    /// Whether `node` is already done (idempotence, and the re-check of an interrupted node).
    func check(_ node: GraphNode, in graph: StepGraph) async throws -> CheckOutcome

    /// Called on both of the run's adapters before `node` is applied, whichever system it belongs to, so
    /// an adapter can observe the run (the api adapter reads its traffic baseline before transport
    /// starts). Default: nothing.
    func prepare(_ node: GraphNode, in graph: StepGraph) async throws

    /// Performs `node`; returns what its undo needs.
    func apply(_ node: GraphNode, in graph: StepGraph) async throws -> [String: String]

    /// Reverses `node` (a compensation), given what apply returned (empty if apply never returned).
    func undo(_ node: GraphNode, in graph: StepGraph, record: [String: String]) async throws

    /// Whether a person must approve `node` before it runs under this adapter (manual systems).
    func gate(for node: GraphNode, in graph: StepGraph) -> GateReason?

    /// Reads journaling back after a compensation restored it: true when every journal rule journals
    /// to the journal mailbox and is enabled (or every database's JournalRecipient is the journal
    /// mailbox), false when not, nil when this adapter cannot read Exchange. Transport is started again
    /// only on true.
    func journalingRestored(in graph: StepGraph) async throws -> Bool?
}

extension StepAdapter {
    public func gate(for node: GraphNode, in graph: StepGraph) -> GateReason? { nil }
    public func prepare(_ node: GraphNode, in graph: StepGraph) async throws {}
    public func journalingRestored(in graph: StepGraph) async throws -> Bool? { nil }
}
