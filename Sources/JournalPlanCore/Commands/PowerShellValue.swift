/// A value passed to a PowerShell command. Plan values only ever appear as ``variable(_:)`` references
/// to a ``PowerShellVariable`` declared once at the top of a script, or as ``string(_:)`` literals; the
/// renderer turns both into single-quoted literals, so no plan value is ever parsed as code.
public indirect enum PowerShellValue: Sendable, Hashable {
    /// A single-quoted string literal.
    case string(String)
    /// `$true` / `$false`.
    case bool(Bool)
    /// A decimal integer.
    case int(Int)
    /// `@('a', 'b')`.
    case stringArray([String])
    /// `$null`.
    case null
    /// A reference to a value declared once (`$jpContactAddress`).
    case variable(PowerShellVariable)
    /// A variable the script sets at run time (for example when a node started); never a plan value.
    case runtime(RuntimeVariable)
    /// A value remembered before a change (``ProgramAction/remember(_:)``), by name.
    case remembered(String)
    /// The current time, `(Get-Date)`.
    case now
    /// The name of the mailbox database that holds this mailbox (delivery queues are named after it),
    /// read through the given domain controller if any.
    case mailboxDatabase(of: PowerShellValue, domainController: PowerShellValue?)
}

/// A plan value declared once (`$jpName = '…'`) and referenced by name everywhere else.
public struct PowerShellVariable: Sendable, Hashable {
    /// The name without `$`; always `jp` followed by ASCII letters and digits.
    public var name: String
    /// The declared value: a string, a string array or an integer (never another variable).
    public var value: PowerShellValue

    public init(name: String, value: PowerShellValue) {
        precondition(Self.isValidName(name), "invalid PowerShell variable name \(name)")
        self.name = name
        self.value = value
    }

    /// `jp` followed by ASCII letters and digits only, so the name needs no braces or escaping.
    public static func isValidName(_ name: String) -> Bool {
        name.utf8.count > 2 && name.hasPrefix("jp")
            && name.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
    }
}

/// Variables the script itself sets while it runs (not plan values).
public enum RuntimeVariable: String, Sendable, Hashable {
    /// When the current node started (`$jpNodeStarted`), the lower bound of tracking-log searches.
    case nodeStarted = "jpNodeStarted"
    /// The mailbox database of the journal mailbox, looked up once before the drain wait.
    case journalDatabase = "jpJournalDatabase"
    /// The servers of one stop or start step that the script asks together (gathered node by node).
    case serviceGroup = "jpServiceGroup"
    /// Per server, why it did not reach the state in time (filled by `Set-JpServiceState -Failures`).
    case serviceFailures = "jpServiceFailures"
    /// The script's `-MaxParallel` parameter: how many servers are asked at once.
    case maxParallel = "MaxParallel"
}

/// One `-Name value` pair; a nil value is a switch (`-Force`).
public struct PowerShellParameter: Sendable, Hashable {
    public var name: String
    public var value: PowerShellValue?
    /// Written as `-Name:$value` (needed for `-Confirm:$false`).
    public var colonForm: Bool

    public init(_ name: String, _ value: PowerShellValue?, colonForm: Bool = false) {
        self.name = name
        self.value = value
        self.colonForm = colonForm
    }
}
