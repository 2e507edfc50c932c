import Foundation
import JournalPlanCore
import Testing

/// What each version's script may and may not contain.
@Suite struct ScriptShapeTests {
    static func script(_ file: String) throws -> String {
        let compiled = try CompileGoldenTests.compile(file)
        return PowerShellRenderer.render(graph: compiled.graph, planSHA256: compiled.sha256, toolVersion: "0.1.0")
    }

    /// Constructs that Windows PowerShell 2.0 does not have (Exchange 2007/2010 run on it).
    static let powerShell3Constructs: [(String, String)] = [
        ("ConvertTo-Json", #"(?i)\bConvertTo-Json\b"#), ("ConvertFrom-Json", #"(?i)\bConvertFrom-Json\b"#),
        ("[ordered]", #"(?i)\[ordered\]"#), ("[pscustomobject]", #"(?i)\[pscustomobject\]"#),
        ("-in", #"(?i)\s-in\s"#), ("-notin", #"(?i)\s-notin\s"#), (".ForEach(", #"(?i)\.ForEach\("#),
        (".Where(", #"(?i)\.Where\("#), ("$using:", #"(?i)\$using:"#), ("-ErrorAction Ignore", #"(?i)-ErrorAction\s+'?Ignore"#),
        ("class", #"(?im)^\s*class\s"#), ("::new", #"(?i)::new\("#), ("$PSScriptRoot", #"(?i)\$PSScriptRoot"#),
        ("Invoke-RestMethod", #"(?i)Invoke-RestMethod"#), ("-Version 3", #"(?i)-Version\s+[3-9]"#),
        ("enum", #"(?im)^\s*enum\s"#), ("$PSCommandPath", #"(?i)\$PSCommandPath"#),
    ]

    @Test func exchange2010ScriptUsesPowerShell2SyntaxOnly() throws {
        let text = try Self.script("exchange-2010-single-hub.yaml")
        for (name, pattern) in Self.powerShell3Constructs {
            #expect(text.range(of: pattern, options: .regularExpression) == nil, "PowerShell 3+ construct \(name)")
        }
        #expect(text.contains("Set-StrictMode -Version 2.0"))
        #expect(text.contains("#Requires -Version 2.0"))
        #expect(text.contains("Get-TransportServer"))
        #expect(!text.contains("Get-TransportService"))
        #expect(!text.contains("MSExchangeFrontEndTransport"))
    }

    /// The scan itself must catch what it looks for.
    @Test func powerShell3ScanCatchesConstructs() {
        let samples = ["$a | ConvertTo-Json", "[ordered]@{}", "if ($a -in $b) {}", "$x.ForEach({})", "Get-X -ErrorAction Ignore"]
        for sample in samples {
            #expect(Self.powerShell3Constructs.contains { sample.range(of: $0.1, options: .regularExpression) != nil }, "\(sample)")
        }
    }

    @Test func onlineScriptStopsNoServiceAndRepointsAtomically() throws {
        let text = try Self.script("exchange-online.yaml")
        for cmdlet in ["Stop-Service", "Start-Service", "Get-Service", "Disable-JournalRule", "-DomainController", "Get-TransportService"] {
            #expect(!text.contains(cmdlet), "\(cmdlet)")
        }
        #expect(text.contains("Set-JournalRule -Identity $jpRule1 -JournalEmailAddress $jpContactAddress"))
        #expect(text.contains("Connect-ExchangeOnline"))
        #expect(text.contains("New-OutboundConnector"))
        // The NDR mailbox is set before any rule is repointed.
        let ndr = try #require(text.range(of: "Set-TransportConfig -JournalingReportNdrTo"))
        let repoint = try #require(text.range(of: "Set-JournalRule -Identity $jpRule1 -JournalEmailAddress $jpContactAddress"))
        #expect(ndr.lowerBound < repoint.lowerBound)
    }

    @Test func standardScriptHasNoJournalRuleCmdlets() throws {
        let text = try Self.script("exchange-2019-standard-journaling.yaml")
        // Only the preflight reads journal rules (one journaling to the journal mailbox must be in the plan).
        #expect(text.range(of: #"(?i)(Set|New|Remove|Enable|Disable)-JournalRule\b"#, options: .regularExpression) == nil)
        for db in 1...3 {
            #expect(text.contains("Set-MailboxDatabase -Identity $jpDatabase\(db) -JournalRecipient $jpContactAddress"))
        }
    }

    @Test func onPremisesChangesArePinnedToTheDomainController() throws {
        for file in ["exchange-2016-two-servers.yaml", "exchange-2019-standard-journaling.yaml"] {
            let text = try Self.script(file)
            let changes = text.split(separator: "\n").filter {
                $0.range(of: #"^\s*(New|Set|Remove|Enable|Disable)-(MailContact|TransportConfig|SendConnector|JournalRule|MailboxDatabase)\b"#, options: .regularExpression) != nil
            }
            #expect(!changes.isEmpty)
            for line in changes { #expect(line.contains("-DomainController $jpDomainController"), "\(line)") }
        }
    }

    @Test func exchange2016StopsBothTransportServicesOnEveryServerInsideTheWindow() throws {
        let text = try Self.script("exchange-2016-two-servers.yaml")
        for server in ["$jpServer1", "$jpServer2"] {
            #expect(text.contains("$jpServiceGroup += \(server)\n"))
        }
        #expect(text.contains("Set-JpServiceState -Servers $jpServiceGroup -Names @('MSExchangeFrontEndTransport', 'MSExchangeTransport') -Status 'Stopped' -TimeoutSeconds 600"))
        #expect(text.contains("Set-JpServiceState -Servers $jpServiceGroup -Names @('MSExchangeTransport', 'MSExchangeFrontEndTransport') -Status 'Running' -TimeoutSeconds 600"))
        // The window is asserted before each stop.
        let stops = text.components(separatedBy: "Assert-JpWindow\n").count - 1
        #expect(stops >= 2)
        #expect(text.contains("[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]"))
        #expect(text.contains("$ErrorActionPreference = 'Stop'"))
    }

    /// Every change in a node goes through ShouldProcess, so -WhatIf lists it: in each node section no
    /// changing command or gate comes before the node's ShouldProcess.
    @Test(arguments: ["exchange-2010-single-hub.yaml", "exchange-2016-two-servers.yaml", "exchange-2019-standard-journaling.yaml", "exchange-online.yaml"])
    func everyChangeIsGuardedByShouldProcess(_ file: String) throws {
        let text = try Self.script(file)
        let change = #"^\s*((New|Set|Remove|Enable|Disable)-(?!Jp)\w+|.*\| (Stop|Start)-Service|Set-JpServiceState|\$jpServiceGroup \+=|Confirm-JpGate|Send-MailMessage|Wait-JpCondition)"#
        let sections = text.components(separatedBy: "# Node ").dropFirst()
        #expect(sections.count > 10)
        for section in sections {
            var guarded = false
            for line in section.split(separator: "\n") {
                if line.contains("$PSCmdlet.ShouldProcess(") { guarded = true }
                if line.range(of: change, options: .regularExpression) != nil {
                    #expect(guarded, "unguarded change: \(line)")
                }
            }
        }
    }
}

/// Compensation and rollback, as rendered for the 2016 plan.
@Suite struct ScriptRecoveryTests {
    static func section(_ text: String, from start: String, to end: String) throws -> String {
        let a = try #require(text.range(of: start))
        let b = try #require(text.range(of: end, range: a.upperBound..<text.endIndex))
        return String(text[a.upperBound..<b.lowerBound])
    }

    @Test func compensationRestoresJournalingAndStartsEveryServer() throws {
        let text = try ScriptShapeTests.script("exchange-2016-two-servers.yaml")
        let body = try Self.section(text, from: "function Invoke-JpCompensation {", to: "\n}\n")
        let repoint = try #require(body.range(of: "Set-JournalRule -Identity $jpRule1 -JournalEmailAddress $jpJournalMailbox"))
        let enable = try #require(body.range(of: "Enable-JournalRule -Identity $jpRule1"))
        let start = try #require(body.range(of: "Set-JpServiceState -Servers $jpTransportServers -Names @('MSExchangeTransport', 'MSExchangeFrontEndTransport') -Status 'Running'"))
        #expect(repoint.lowerBound < enable.lowerBound && enable.lowerBound < start.lowerBound)
        // Compensation is invoked only from the catch of the forward section, when transport is down.
        #expect(text.contains("if ($jpOutage) { Invoke-JpCompensation }"))
        #expect(text.contains("if (Test-JpDone -Key $jpNode5) { $jpOutage = $true }"))
        #expect(text.contains("if ((Test-JpDone -Key $jpNode10) -and (Test-JpDone -Key $jpNode11)) { $jpOutage = $false }"))
    }

    @Test func rollbackRunsInReverseAndStopsAtThePointOfNoReturn() throws {
        let text = try ScriptShapeTests.script("exchange-2016-two-servers.yaml")
        let body = try Self.section(text, from: "if ($Rollback) {", to: "Write-Host 'Rollback finished.'")
        let deleted = try #require(body.range(of: "Test-JpDone -Key $jpNode14"))
        let unstop = try #require(body.range(of: "Test-JpDone -Key $jpNode5)"))
        #expect(deleted.lowerBound < unstop.lowerBound)
        #expect(body.contains("rollback stops here"))
        #expect(body.contains("$jpRollbackStopped = $true"))
        // Undoing the repoint points the rule back at the journal mailbox.
        #expect(body.contains("Set-JournalRule -Identity $jpRule1 -JournalEmailAddress $jpJournalMailbox"))
    }
}
