extension PowerShellRenderer {
    /// A self-contained script for one request of `plan run`'s PowerShell adapter: the command helpers, the
    /// declarations of the plan values `commands` use, the node's start time (for tracking searches), the
    /// values remembered for undo (each key and value a single-quoted literal), then `body`.
    ///
    /// The compiled script keeps remembered values in its state file; a run keeps them in its own state and
    /// hands them over here, so both render through this one renderer.
    public static func standaloneScript(
        declaring commands: [PowerShellCommand], body: [String], startedAt: String?,
        remembered: [String: String] = [:]
    ) -> String {
        var lines = [ScriptHelpers.commandHelpers]
        if body.contains(where: { $0.contains("Test-JpService") || $0.contains(ServiceControl.helper) }) { lines.append(ScriptHelpers.serviceHelper) }
        lines += declarations(for: commands)
        if let startedAt {
            lines.append(
                "$\(RuntimeVariable.nodeStarted.rawValue) = [datetime]::Parse(\(PowerShellQuoting.literal(startedAt))).ToUniversalTime()"
            )
        }
        if body.contains(where: { $0.contains("JpRemembered") }) {
            let entries = remembered.keys.sorted().map {
                "\(PowerShellQuoting.literal($0)) = \(PowerShellQuoting.literal(remembered[$0]!))"
            }
            lines.append("$script:jpRemembered = @{ " + entries.joined(separator: "; ") + " }")
            lines.append(ScriptHelpers.rememberedReaders)
        }
        return (lines + body).joined(separator: "\n")
    }
}
