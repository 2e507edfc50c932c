/// What the tool knows about a cmdlet it sends: its verb, whether it prompts on its own, whether it takes
/// `-DomainController`, whether it changes state. Every classifier reads this one description (the
/// `-Confirm:$false` and `-DomainController` rules of ``ExchangeCommands``, ``PowerShellCommand/isChange``),
/// so they cannot disagree about a cmdlet.
public struct CmdletDescription: Sendable, Hashable {
    /// The full name, `Verb-Noun`.
    public let name: String
    /// The part before the first `-` (the whole name when there is none).
    public let verb: String

    public init(_ name: String) {
        self.name = name
        verb = name.firstIndex(of: "-").map { String(name[..<$0]) } ?? name
    }

    /// Whether running it changes anything. Reads, tests and the pipeline cmdlets do not.
    public var changesState: Bool { !Self.readingVerbs.contains(verb) }

    /// Whether the cmdlet asks for confirmation on its own under `-Confirm` (Exchange's changing verbs):
    /// the script has already asked once through ShouldProcess, so such cmdlets are sent `-Confirm:$false`.
    public var asksForConfirmation: Bool { Self.confirmingVerbs.contains(verb) }

    /// Whether the cmdlet takes `-DomainController`. Windows service and queue cmdlets, which go to the
    /// server itself, and Exchange Online's message trace do not.
    public var takesDomainController: Bool { !Self.withoutDomainController.contains(name) }

    private static let readingVerbs: Set<String> = ["Get", "Test", "Compare", "Where", "ForEach", "Select"]
    private static let confirmingVerbs: Set<String> = ["New", "Set", "Remove", "Enable", "Disable"]
    private static let withoutDomainController: Set<String> = [
        "Get-Service", "Stop-Service", "Start-Service", "Get-Queue", "Get-MessageTraceV2", "Get-ConnectionInformation",
    ]
}
