/// What one script did in the PowerShell host.
public struct HostResult: Sendable, Equatable {
    /// `true` when the script raised no error record (terminating or not).
    public var succeeded: Bool
    /// The script's output objects, formatted by `Out-String -Stream -Width 4096`, without the blank
    /// lines PowerShell's formatting puts before and after.
    public var output: [String]
    /// Every error record, terminating or not, in the order raised.
    public var errors: [HostErrorRecord]
    /// The last output object when it is a Boolean: the answer of a check script; `nil` otherwise.
    public var value: Bool?
    /// Lines the host printed outside the response (warnings, `Write-Host`, banners), at most
    /// ``PowerShellHostConfiguration/hostOutputLimit`` of them.
    public var hostOutput: [String]

    /// A result from its parts.
    public init(
        succeeded: Bool, output: [String] = [], errors: [HostErrorRecord] = [], value: Bool? = nil,
        hostOutput: [String] = []
    ) {
        self.succeeded = succeeded
        self.output = output
        self.errors = errors
        self.value = value
        self.hostOutput = hostOutput
    }
}

/// One PowerShell error record, reduced to what a runner reports.
public struct HostErrorRecord: Sendable, Equatable, CustomStringConvertible {
    /// The error's text (`ErrorRecord.ToString()`).
    public var message: String
    /// The error category (`ObjectNotFound`, `InvalidOperation`, …).
    public var category: String
    /// The target object as text, empty when there is none.
    public var target: String
    /// The fully qualified error id, empty when unknown.
    public var errorID: String

    /// A record from its parts.
    public init(message: String, category: String = "", target: String = "", errorID: String = "") {
        self.message = message
        self.category = category
        self.target = target
        self.errorID = errorID
    }

    /// `message (category, target)`.
    public var description: String {
        let context = [category, target].filter { !$0.isEmpty }.joined(separator: ", ")
        return context.isEmpty ? message : "\(message) (\(context))"
    }
}
