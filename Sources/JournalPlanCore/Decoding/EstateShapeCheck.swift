/// Checks that the `exchange` section fits its version and journaling type.
enum EstateShapeCheck {
    static func run(_ estate: ExchangeEstate, fields: Set<String>, pairs: [YAMLPair], _ s: DecodeSession) {
        let version = estate.version.value
        let journaling = estate.journaling.value
        func range(_ key: String) -> SourceRange { pairs.first { $0.name == key }?.key.range ?? estate.version.range }
        let versionNote = s.note("the version is set here", at: estate.version.range)
        let typeNote = s.note("the journaling type is set here", at: estate.journaling.range)

        if version.isOnline {
            if fields.contains("transportServers") {
                s.report(
                    StructureRules.versionIncompatible,
                    "Exchange Online has no transport servers; remove 'transportServers'", at: range("transportServers"),
                    notes: [versionNote])
            }
            if journaling == .standard {
                s.report(
                    StructureRules.versionIncompatible,
                    "Exchange Online supports only premium (rule-based) journaling", at: estate.journaling.range,
                    notes: [versionNote])
            }
            if estate.ndrMailbox == nil {
                s.report(
                    StructureRules.missingField,
                    "Exchange Online requires 'ndrMailbox' (JournalingReportNdrTo) before journal rules can be used",
                    at: SourceRange(at: estate.range.start), notes: [versionNote])
            }
        } else if estate.transportServers.isEmpty {
            s.report(
                StructureRules.missingField,
                "list every server that runs the transport service in 'transportServers'",
                at: fields.contains("transportServers") ? range("transportServers") : SourceRange(at: estate.range.start))
        }
        if version == .v2003, journaling == .premium {
            s.report(
                StructureRules.versionIncompatible,
                "Exchange 2003 has no journal rules; use standard (per-store) journaling", at: estate.journaling.range,
                notes: [versionNote])
        }
        switch journaling {
        case .premium:
            if estate.journalRules.isEmpty {
                s.report(
                    StructureRules.missingField, "premium journaling needs at least one entry in 'journalRules'",
                    at: fields.contains("journalRules") ? range("journalRules") : SourceRange(at: estate.range.start),
                    notes: [typeNote])
            }
            if fields.contains("databases") {
                s.report(
                    StructureRules.versionIncompatible,
                    "'databases' applies to standard journaling; premium journaling uses 'journalRules'",
                    at: range("databases"), notes: [typeNote])
            }
        case .standard:
            if estate.databases.isEmpty {
                s.report(
                    StructureRules.missingField, "standard journaling needs at least one entry in 'databases'",
                    at: fields.contains("databases") ? range("databases") : SourceRange(at: estate.range.start),
                    notes: [typeNote])
            }
            if fields.contains("journalRules") {
                s.report(
                    StructureRules.versionIncompatible,
                    "'journalRules' applies to premium journaling; standard journaling uses 'databases'",
                    at: range("journalRules"), notes: [typeNote])
            }
        }
    }
}
