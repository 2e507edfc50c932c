/// One cmdlet call with ordered, typed parameters: the unit both the script and the runner's
/// PowerShell adapter send to Exchange.
public struct PowerShellCommand: Sendable, Hashable {
    public var cmdlet: String
    public var parameters: [PowerShellParameter]
    /// The server the command acts on, when it targets one (service control, queues, tracking logs).
    public var server: PowerShellValue?

    public init(_ cmdlet: String, _ parameters: [PowerShellParameter] = [], server: PowerShellValue? = nil) {
        self.cmdlet = cmdlet
        self.parameters = parameters
        self.server = server
    }

    /// Whether the command changes anything (``CmdletDescription/changesState``).
    public var isChange: Bool { CmdletDescription(cmdlet).changesState }

    /// The value of a parameter, if present.
    public func value(of parameter: String) -> PowerShellValue? {
        parameters.first { $0.name == parameter }?.value
    }
}

/// A test on one object of a pipeline (the body of a `Where-Object { … }` block).
public enum PropertyTest: Sendable, Hashable {
    /// `$_.Property -eq value` (case-insensitive for strings, as in PowerShell).
    case equals(String, PowerShellValue)
    /// `$_.Property -ne value`.
    case notEquals(String, PowerShellValue)
    /// `$_.Property -gt value`.
    case greaterThan(String, PowerShellValue)
    /// `$_.Property -like 'pattern'` (the pattern is tool text, never a plan value).
    case like(String, String)
    /// An SMTP address property (`SMTP:` prefix ignored) equals the value.
    case addressEquals(String, PowerShellValue)
    /// A recipient property (an ADObjectId such as a database's JournalRecipient) is the recipient with
    /// this address; false when the property is empty or no such recipient exists.
    case sameRecipient(String, PowerShellValue)
    /// Any of the tests holds.
    case anyOf([PropertyTest])
    /// Every one of the tests holds (inside an ``anyOf(_:)``; a pipeline's own filter is already joined
    /// by `-and`).
    case allOf([PropertyTest])
    /// The test does not hold.
    indirect case not(PropertyTest)
}

/// A command, optionally filtered by `Where-Object` with all `tests` joined by `-and`.
public struct PowerShellPipeline: Sendable, Hashable {
    public var command: PowerShellCommand
    public var filter: [PropertyTest]
    /// `-ErrorAction SilentlyContinue` on the command: a missing object means "no results", not a failure.
    public var missingIsEmpty: Bool

    public init(_ command: PowerShellCommand, where filter: [PropertyTest] = [], missingIsEmpty: Bool = false) {
        self.command = command
        self.filter = filter
        self.missingIsEmpty = missingIsEmpty
    }
}

/// A boolean question asked of the live organisation.
public indirect enum PowerShellCondition: Sendable, Hashable {
    /// The pipeline returns at least one object.
    case exists(PowerShellPipeline)
    /// The pipeline returns nothing.
    case absent(PowerShellPipeline)
    /// The names (property `property`) the pipeline returns are exactly `expected` (case-insensitive).
    case sameNames(PowerShellPipeline, property: String, expected: PowerShellValue)
    /// The pipeline returns nothing; when it returns something, the failure names each object (its
    /// `property`), so the operator sees what the plan is missing.
    case noneNamed(PowerShellPipeline, property: String)
    /// The Exchange cmdlets (an Exchange Management Shell or Exchange Online session) are loaded.
    case cmdletAvailable(String)
    case all([PowerShellCondition])
    case any([PowerShellCondition])
}
