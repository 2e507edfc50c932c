import Foundation
import JournalPlanCore
import JournalPlanDigest
import Testing

/// How the generated script behaves when Windows PowerShell and the Exchange Management Shell run it
/// (issue 13): -WhatIf, declined prompts, compensation, the outage flag, the remote shell's one pipeline
/// at a time, split-role 2013 servers, the state file, rollback of what the run created, and what the
/// administrator reads. Each test reads the rendered structure the way PowerShell would run it.
@Suite struct ScriptBehaviourTests {
    struct Script {
        var name: String
        var text: String
        var graph: StepGraph
    }

    /// The example plans and starter plans for every scripted version and journaling type (several
    /// servers, rules and databases), compiled.
    static let scripts: [Script] = {
        var out: [Script] = []
        for file in ExamplePlansTests.planFiles {
            let compiled = try! CompileGoldenTests.compile(file)
            out.append(Script(name: file, text: render(compiled.graph, compiled.sha256), graph: compiled.graph))
        }
        let versions: [ExchangeVersion] = [.v2007, .v2010, .v2013, .v2016, .v2019, .subscriptionEdition]
        for version in versions {
            for journaling in [JournalingType.premium, .standard] {
                var options = StarterPlanOptions()
                options.version = version
                options.journaling = journaling
                options.servers = ["EX01", "EX02", "EX03"]
                if journaling == .premium { options.rules = ["Journal All Mail", "Journal Legal"] } else { options.databases = ["DB01", "DB02", "DB03"] }
                options.name = "starter-\(version.rawValue.lowercased())-\(journaling.rawValue)"
                options.window = (Timestamp("2026-12-05T22:00:00+01:00")!, Timestamp("2026-12-06T04:00:00+01:00")!)
                out.append(starter(options))
            }
        }
        var online = StarterPlanOptions()
        online.version = .online
        online.rules = ["Journal All Mail", "Journal Legal"]
        online.name = "starter-online"
        out.append(starter(online))
        return out
    }()

    static func render(_ graph: StepGraph, _ sha: String) -> String {
        PowerShellRenderer.render(graph: graph, planSHA256: sha, toolVersion: "0.1.0")
    }

    static func starter(_ options: StarterPlanOptions) -> Script {
        let text = try! StarterPlan.text(options)
        let bytes = Array(text.utf8)
        let result = PlanValidator().validate(bytes, file: options.name! + ".yaml")
        let graph = result.graph!
        return Script(name: options.name!, text: render(graph, SHA256.hex(bytes)), graph: graph)
    }

    static var onPremises: [Script] { scripts.filter { !$0.graph.plan.exchange.version.value.isOnline } }
    static var withOutage: [Script] { scripts.filter { $0.graph.steps.contains { $0.kind == .stopTransport } } }

    static func section(_ text: String, from start: String, to end: String) throws -> String {
        try ScriptRecoveryTests.section(text, from: start, to: end)
    }

    static func position(_ text: String, _ needle: String, after: String.Index? = nil) -> String.Index? {
        text.range(of: needle, range: (after ?? text.startIndex)..<text.endIndex)?.lowerBound
    }

    @Test func theCorpusCoversEveryVersionAndJournalingType() {
        #expect(Self.scripts.count == ExamplePlansTests.planFiles.count + 13)
        for script in Self.scripts { #expect(script.text.hasPrefix("#Requires") || script.text.hasPrefix("\u{FEFF}#Requires"), "\(script.name)") }
    }

    // MARK: 2. -WhatIf

    /// Under -WhatIf, Start-Transcript honours ShouldProcess and starts nothing; the transcript is not a
    /// change, so it is started with -WhatIf:$false, and only a started one is stopped, in a try so it
    /// can never hide the run's own result.
    @Test func theTranscriptStartsUnderWhatIfAndOnlyAStartedOneIsStopped() throws {
        for script in Self.scripts {
            let text = script.text
            let start = try #require(text.split(separator: "\n").first { $0.contains("Start-Transcript") }, "\(script.name)")
            #expect(start.contains("-WhatIf:$false") && start.contains("-Confirm:$false"), "\(script.name): \(start)")
            let started = try Self.section(text, from: String(start), to: "} catch {")
            #expect(started.contains("$jpTranscript = $true"))
            let finally = try Self.section(text, from: "\n} finally {\n", to: "\n}\n")
            #expect(finally.contains("if ($jpTranscript) {\n        try { Stop-Transcript | Out-Null } catch {"), "\(script.name)")
            #expect(!text.contains("if ($jpTranscript) { Stop-Transcript | Out-Null }"))
        }
    }

    // MARK: 3. Declined prompts

    /// Every ShouldProcess block, forward and rollback, ends in an else that stops the run through
    /// Stop-JpDeclined for that very node (under -WhatIf it returns and the listing goes on).
    @Test func aDeclinedPromptStopsTheRunAtThatNode() throws {
        for script in Self.scripts {
            let lines = script.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var prompts = 0
            for (n, line) in lines.enumerated() where line.contains("$PSCmdlet.ShouldProcess($jpNode") {
                prompts += 1
                let key = try #require(line.range(of: #"\$jpNode[0-9]+"#, options: .regularExpression).map { String(line[$0]) })
                let indent = line.prefix { $0 == " " }
                // The matching else at the block's own indentation.
                let close = try #require(lines[(n + 1)...].firstIndex { $0.hasPrefix(indent + "}") }, "\(script.name): \(line)")
                #expect(lines[close] == indent + "} else {", "\(script.name): \(line)")
                #expect(lines[close + 1].trimmingCharacters(in: .whitespaces) == "Stop-JpDeclined -Key " + key, "\(script.name): \(line)")
                #expect(lines[close + 2] == indent + "}")
            }
            #expect(prompts == script.graph.nodeCount * 2 - Self.withoutUndoPrompt(script.graph), "\(script.name)")
        }
    }

    /// Nodes whose rollback asks nothing: no undo, or the point of no return.
    static func withoutUndoPrompt(_ graph: StepGraph) -> Int {
        let commands = ExchangeCommands(graph: graph)
        return graph.nodes.filter { graph.steps[$0.step].kind.isIrreversible || commands.program(for: $0).undo == nil }.count
    }

    /// The helper records the refusal in the state file and throws; under -WhatIf it returns at once.
    @Test func stopJpDeclinedRecordsAndThrowsOutsideWhatIf() throws {
        let body = try Self.section(ScriptHelpers.scriptHelpers, from: "function Stop-JpDeclined {", to: "\n}\n")
        let whatIf = try #require(body.range(of: "if ($WhatIfPreference) { return }"))
        let record = try #require(body.range(of: "$script:jpStateLines += ('declined ' + $Key"))
        let write = try #require(body.range(of: "Write-JpStateFile"))
        let raise = try #require(body.range(of: "throw ('Declined at the prompt: ' + $Key"))
        #expect(whatIf.lowerBound < record.lowerBound && record.lowerBound < write.lowerBound && write.lowerBound < raise.lowerBound)
    }

    /// A No inside the outage compensates first: every Stop-JpDeclined lies inside the try whose
    /// finally runs the compensation while the outage is open.
    @Test func aDeclinedPromptInsideTheOutageIsCompensated() throws {
        for script in Self.withOutage {
            let text = script.text
            let outer = try #require(text.range(of: "\ntry {\n    Read-JpState\n"))
            let finally = try #require(text.range(of: "\n} finally {\n    if ($jpOutage) { Invoke-JpCompensation }\n"))
            var searchFrom = text.startIndex
            var count = 0
            while let declined = text.range(of: "Stop-JpDeclined -Key $jpNode", range: searchFrom..<text.endIndex) {
                #expect(outer.upperBound < declined.lowerBound && declined.upperBound < finally.lowerBound, "\(script.name)")
                searchFrom = declined.upperBound
                count += 1
            }
            #expect(count > 0)
            // No catch between swallows the error.
            #expect(!text.contains("} catch {\n        if ($jpOutage) { Invoke-JpCompensation }"))
        }
    }

    /// A step that acts on several servers (rules, databases) asks once: a Yes is remembered for the
    /// step, and the prompt says it answers for all of its targets.
    @Test func aStepWithSeveralTargetsAsksOnce() throws {
        let script = try #require(Self.scripts.first { $0.name == "starter-2016-premium" })
        let stops = script.text.split(separator: "\n").filter { $0.contains("ShouldProcess(") && $0.contains("'Stop the transport services'") }
        #expect(stops.count == 3)
        for line in stops {
            #expect(line.contains("(Test-JpApproved -Step $jpStep"))
            #expect(line.contains("' (one answer for all 3 targets of step '"))
        }
        #expect(script.text.contains("Set-JpApproved -Step $jpStep"))
        // A step with one target asks plainly.
        #expect(script.text.contains("} elseif ($PSCmdlet.ShouldProcess($jpNode1, 'Create the journal contact')) {"))
    }

    @Test func theHelpSaysHowToRunUnattendedAndWhatANoDoes() throws {
        for script in Self.scripts {
            let help = try Self.section(script.text, from: "<#", to: "#>")
            #expect(help.contains("-WhatIf"))
            #expect(help.contains("unattended with -Confirm:$false"))
            #expect(help.contains("Answering No or No to All stops the run at that step"))
        }
    }

    // MARK: 4. Compensation restores journaling first

    /// Journaling is restored, then read back; transport is started only after the read-back passed,
    /// and when it did not, the function says loudly what to do and returns with transport stopped.
    @Test func compensationStartsTransportOnlyWhenJournalingReadsBack() throws {
        for script in Self.withOutage {
            let body = try Self.section(script.text, from: "function Invoke-JpCompensation {", to: "\n}\n")
            let premium = script.graph.plan.exchange.journaling.value == .premium
            let restore = try #require(Self.position(body, premium ? "Set-JournalRule -Identity $jpRule1 -JournalEmailAddress $jpJournalMailbox" : "Set-MailboxDatabase -Identity $jpDatabase1 -JournalRecipient $jpJournalMailbox"))
            let verify = try #require(Self.position(body, "$jpJournalingRestored = ("))
            let readBack = try #require(Self.position(body, premium ? "Get-JournalRule -Identity $jpRule1" : "Get-MailboxDatabase -Identity $jpDatabase1", after: verify))
            if premium {
                #expect(body[readBack...].prefix(400).contains("$_.Enabled -eq $true"))
                #expect(body[readBack...].prefix(400).contains("-eq $jpJournalMailbox"))
            } else {
                #expect(body[readBack...].prefix(400).contains("Test-JpSameRecipient -Identity $_.JournalRecipient -Address $jpJournalMailbox"))
            }
            let refuse = try #require(Self.position(body, "if (-not $jpJournalingRestored) {"))
            let refusal = try Self.section(body, from: "if (-not $jpJournalingRestored) {", to: "        return\n")
            #expect(refusal.contains("TRANSPORT IS LEFT STOPPED ON PURPOSE"))
            #expect(refusal.contains(premium ? "'Journal rule ' + $jpRule1" : "'Mailbox database ' + $jpDatabase1"))
            #expect(refusal.contains("'Only then start the transport services"))
            #expect(!refusal.contains("Set-JpServiceState"))
            let firstStart = try #require(Self.position(body, "Set-JpServiceState -Servers $jpTransportServers"))
            #expect(body.contains("-Status 'Running' -TimeoutSeconds 600 -MaxParallel $MaxParallel"))
            #expect(restore < verify && verify < refuse && refuse < firstStart, "\(script.name)")
        }
    }

    // MARK: 5. The outage flag

    /// The outage is marked inside the stop node before its first stop command, and compensation runs
    /// from the script's finally (which Ctrl+C runs too), not from a catch.
    @Test func theOutageBeginsBeforeTheFirstStopAndIsCompensatedFromFinally() throws {
        for script in Self.withOutage {
            let text = script.text
            let forward = try Self.section(text, from: "Write-Host 'Rollback finished.'", to: "Write-Host 'All steps are complete.'")
            let firstStopNode = try #require(forward.range(of: #"# Node [0-9]+ of [0-9]+: stop-transport"#, options: .regularExpression))
            let flag = try #require(forward.range(of: "$jpOutage = $true", range: firstStopNode.upperBound..<forward.endIndex))
            let stop = try #require(forward.range(of: "Set-JpServiceState", range: firstStopNode.upperBound..<forward.endIndex))
            let prompt = try #require(forward.range(of: "$PSCmdlet.ShouldProcess(", range: firstStopNode.upperBound..<forward.endIndex))
            #expect(prompt.lowerBound < flag.lowerBound && flag.lowerBound < stop.lowerBound, "\(script.name)")
            let finally = try Self.section(text, from: "\n} finally {\n", to: "\n}\n")
            #expect(finally.hasPrefix("    if ($jpOutage) { Invoke-JpCompensation }"))
            // Compensation runs once: it closes the outage first.
            let body = try Self.section(text, from: "function Invoke-JpCompensation {", to: "\n}\n")
            #expect(body.hasPrefix("\n    $script:jpOutage = $false\n    if ($WhatIfPreference) { return }"))
        }
    }

    // MARK: 6. One pipeline at a time

    /// Cmdlets that are not Exchange's (they run locally, not through the remote session).
    static let localCmdlets: Set<String> = [
        "Where-Object", "ForEach-Object", "Select-Object", "Get-Service", "Stop-Service", "Start-Service", "Get-Date",
        "Get-Command", "Get-Content", "Get-Variable", "Get-Location",
        "Write-Host", "Write-Warning", "Out-Null", "Join-Path", "Split-Path", "Test-Path", "New-Object", "Read-Host",
        "Start-Sleep", "Start-Transcript", "Stop-Transcript", "Set-StrictMode",
    ]

    /// Script functions that call Exchange cmdlets (so they must not run inside an Exchange pipeline).
    static let exchangeFunctions: Set<String> = ["Test-JpSameRecipient"]

    static func isExchange(_ name: String) -> Bool {
        if exchangeFunctions.contains(name) { return true }
        if localCmdlets.contains(name) || name.contains("-Jp") { return false }
        return name.range(of: #"^[A-Z][a-z]+-[A-Z][A-Za-z]+$"#, options: .regularExpression) != nil
    }

    /// Each `… | Where-Object { … }` / `ForEach-Object { … }` whose pipeline starts with a bare Exchange
    /// cmdlet (not collected first with `@( )`) and whose block calls Exchange: `head -> inner`.
    static func nestedPipelines(_ text: String) -> [String] {
        var found: [String] = []
        let bytes = Array(text.utf8)
        let word = try! NSRegularExpression(pattern: #"[A-Z][a-z]+-[A-Z][A-Za-z]+"#)
        func words(_ s: String) -> [String] {
            word.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }
        }
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "|") else { i += 1; continue }
            let rest = String(decoding: bytes[(i + 1)..<min(bytes.count, i + 20)], as: UTF8.self)
            guard rest.hasPrefix(" Where-Object {") || rest.hasPrefix(" ForEach-Object {") else { i += 1; continue }
            // The pipeline's head: back to an unmatched '(' or '{', a ';' or the line start.
            var j = i - 1
            var depth = 0
            while j >= 0 {
                let b = bytes[j]
                if b == UInt8(ascii: "\n") || (depth == 0 && (b == UInt8(ascii: "(") || b == UInt8(ascii: "{") || b == UInt8(ascii: ";"))) { break }
                if b == UInt8(ascii: ")") || b == UInt8(ascii: "}") { depth += 1 }
                if b == UInt8(ascii: "(") || b == UInt8(ascii: "{") { depth -= 1 }
                j -= 1
            }
            let head = String(decoding: bytes[(j + 1)..<i], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            // The block: from its '{' to the matching '}'.
            var k = i + 1
            while bytes[k] != UInt8(ascii: "{") { k += 1 }
            let open = k
            depth = 0
            repeat {
                if bytes[k] == UInt8(ascii: "{") { depth += 1 }
                if bytes[k] == UInt8(ascii: "}") { depth -= 1 }
                k += 1
            } while depth > 0 && k < bytes.count
            let block = String(decoding: bytes[open..<k], as: UTF8.self)
            if let first = words(head).first, head.hasPrefix(first), isExchange(first) {
                for inner in words(block) where isExchange(inner) { found.append("\(first) -> \(inner)") }
            }
            i += 1
        }
        return found
    }

    /// The scan finds what it looks for, and accepts the collected form.
    @Test func theNestedPipelineScanCatchesNesting() {
        #expect(Self.nestedPipelines("(@(Get-Queue -Server $s | Where-Object { $_.N -eq ([string](Get-Mailbox -Identity $m)) }).Count)") == ["Get-Queue -> Get-Mailbox"])
        #expect(Self.nestedPipelines("(@(Get-MailboxDatabase -Identity $d | Where-Object { (Test-JpSameRecipient -Identity $_.J -Address $a) }).Count)") == ["Get-MailboxDatabase -> Test-JpSameRecipient"])
        #expect(Self.nestedPipelines("(@(@(Get-MailboxDatabase -Identity $d) | Where-Object { (Test-JpSameRecipient -Identity $_.J -Address $a) }).Count)").isEmpty)
        #expect(Self.nestedPipelines("@(Get-Service -ComputerName $s -Name 'X') | Where-Object { [string]$_.Status -eq 'Stopped' }").isEmpty)
    }

    /// The remote Exchange Management Shell (2010 and later) runs one pipeline at a time: no Exchange
    /// cmdlet (or helper that calls one) runs inside another Exchange cmdlet's streaming pipeline.
    @Test func noExchangeCmdletRunsInsideAnotherExchangePipeline() {
        for script in Self.scripts {
            #expect(Self.nestedPipelines(script.text).isEmpty, "\(script.name): \(Self.nestedPipelines(script.text))")
        }
        // The runner sends the same rendering (conditions through PowerShellRenderer).
        for script in Self.scripts {
            let commands = ExchangeCommands(graph: script.graph)
            for check in commands.preflight {
                let text = PowerShellRenderer.condition(check.condition)
                #expect(Self.nestedPipelines(text).isEmpty, "\(script.name): \(text)")
            }
        }
    }

    /// The queue's name (the journal mailbox's database) is looked up once before the drain wait, not
    /// once per queue object and per poll inside it.
    @Test func theDrainWaitLooksTheDatabaseUpOnceBeforeItPolls() throws {
        for script in Self.onPremises where script.graph.steps.contains(where: { $0.kind == .waitConnectorDrained }) {
            let text = script.text
            let lookup = try #require(Self.position(text, "$jpJournalDatabase = ([string](Get-Mailbox -Identity "), "\(script.name)")
            let wait = try #require(Self.position(text, "Wait-JpCondition -Description 'the journal mailbox Inbox", after: lookup))
            let block = try Self.section(String(text[wait...]), from: "-Condition {", to: "\n            }\n")
            #expect(!block.contains("Get-Mailbox "), "\(script.name)")
            #expect(block.contains("[string]$_.NextHopDomain -eq $jpJournalDatabase"))
        }
    }

    // MARK: 7. Exchange 2013 split roles

    /// On 2013 the Front End Transport service is controlled only where the preflight found it; the
    /// preflight reports each server's services and requires MSExchangeTransport.
    @Test func exchange2013ControlsOnlyTheServicesEachServerHas() throws {
        let script = try #require(Self.scripts.first { $0.name == "starter-2013-premium" })
        let text = script.text
        for server in ["$jpServer1", "$jpServer2", "$jpServer3"] {
            #expect(text.contains("Find-JpTransportServices -Server \(server) -Names @('MSExchangeFrontEndTransport', 'MSExchangeTransport')"))
            #expect(text.contains("Get-Service -ComputerName \(server) -Name 'MSExchangeTransport' -ErrorAction SilentlyContinue).Count -gt 0)"))
        }
        // Every stop or start names the Front End service optional (controlled only where Test-JpService
        // finds it); MSExchangeTransport never is.
        let controls = text.split(separator: "\n").filter { $0.contains("Set-JpServiceState -Servers") }
        #expect(controls.count == 5)  // stop, start, their undos, the compensation's restart
        for line in controls { #expect(line.contains("-Optional @('MSExchangeFrontEndTransport') "), "\(line)") }
        let helper = try Self.section(ScriptHelpers.serviceHelper + "\n", from: "function Set-JpServiceState {", to: "\n}\n")
        #expect(helper.contains("if (($Optional -contains $name) -and -not (Test-JpService -Server $server -Name $name)) { continue }"))
        // The preflight's table is filled before anything changes and reported.
        let found = try #require(Self.position(text, "Find-JpTransportServices -Server $jpServer1"))
        let passed = try #require(Self.position(text, "Write-Host 'Preflight passed.'"))
        #expect(found < passed)
        #expect(text.contains("(not installed there, so not stopped or started: "))
        // 2016 and later need both services on every server: nothing is guarded there.
        let later = try #require(Self.scripts.first { $0.name == "starter-2016-premium" })
        #expect(!later.text.contains("-Optional @("))
    }

    // MARK: 8. The state file knows its plan

    @Test func theStateFileCarriesThePlanHashAndIsRewrittenAtomically() throws {
        for script in Self.scripts {
            let text = script.text
            let hash = try #require(text.range(of: #"Plan SHA-256: ([0-9a-f]{64})"#, options: .regularExpression))
            let sha = String(text[hash].suffix(64))
            #expect(text.contains("$jpPlanSHA256 = '\(sha)'"), "\(script.name)")
            // Nothing appends to or overwrites the state file in place.
            #expect(!text.contains("Add-Content -LiteralPath $StatePath"))
            #expect(!text.contains("Set-Content -LiteralPath $StatePath"))
            // Its writability is a preflight check, before anything changes.
            let writable = try #require(Self.position(text, "(Test-JpStateWritable)"))
            let passed = try #require(Self.position(text, "Write-Host 'Preflight passed.'"))
            let firstChange = try #require(Self.position(text, "$jpNodeStarted = Get-Date", after: passed))
            #expect(writable < passed && passed < firstChange)
            // The state is read inside the try (a refusal still stops the transcript).
            #expect(text.contains("\ntry {\n    Read-JpState\n"))
        }
        let helpers = ScriptHelpers.scriptHelpers
        let read = try Self.section(helpers, from: "function Read-JpState {", to: "\n}\n")
        #expect(read.contains("if ($planHash -ne $jpPlanSHA256) {"))
        #expect(read.contains("belongs to another plan"))
        let write = try Self.section(helpers, from: "function Write-JpStateFile {", to: "\n}\n")
        let beside = try #require(Self.position(write, "[System.IO.File]::WriteAllLines($temporary"))
        let move = try #require(Self.position(write, "[System.IO.File]::Replace($temporary, $StatePath"))
        #expect(beside < move)
        #expect(write.contains("('plan-sha256 ' + $jpPlanSHA256)"))
    }

    // MARK: 9. Found existing is not created

    /// A check that finds the effect in place records `found`, and rollback leaves a found contact or
    /// connector in place: it removes only what this run created.
    @Test func rollbackRemovesOnlyWhatTheRunCreated() throws {
        for script in Self.scripts {
            let text = script.text
            #expect(!text.contains("Write-Host '    already done in Exchange; recorded'\n"))
            #expect(text.contains("Add-JpState -Key $jpNode1 -Found"))
            let rollback = try Self.section(text, from: "if ($Rollback) {", to: "Write-Host 'Rollback finished.'")
            let removes = rollback.split(separator: "\n").filter { $0.range(of: #"^\s*Remove-(MailContact|SendConnector|OutboundConnector) "#, options: .regularExpression) != nil }
            #expect(!removes.isEmpty, "\(script.name)")
            for remove in removes {
                let at = try #require(rollback.range(of: String(remove)))
                let before = rollback[..<at.lowerBound].suffix(400)
                #expect(before.contains("if (Test-JpFound -Key $jpNode"), "\(script.name): \(remove)")
                #expect(before.contains("left in place"))
            }
            // A state change (rule, transport) is always undone: only the removals are guarded.
            #expect(rollback.components(separatedBy: "if (Test-JpFound -Key ").count - 1 == removes.count, "\(script.name)")
        }
    }

    // MARK: 10. What the admin reads

    /// Rollback names what the undo does, never the forward action behind "Undo:".
    @Test func rollbackLabelsNameWhatTheUndoDoes() throws {
        for script in Self.scripts {
            #expect(!script.text.contains("'Undo: "), "\(script.name)")
        }
        let text = try #require(Self.scripts.first { $0.name == "exchange-2016-two-servers.yaml" }).text
        let rollback = try Self.section(text, from: "if ($Rollback) {", to: "Write-Host 'Rollback finished.'")
        let undoStop = try Self.section(rollback, from: "# Node 5 of 14: stop-transport", to: "# Node 4")
        #expect(undoStop.contains("-Text 'Rollback: Start the transport services again'"))
        #expect(undoStop.contains("Set-JpServiceState -Servers $jpServiceGroup -Names @('MSExchangeTransport', 'MSExchangeFrontEndTransport') -Status 'Running'"))
        let undoStart = try Self.section(rollback, from: "# Node 10 of 14: start-transport", to: "# Node 9")
        #expect(undoStart.contains("-Text 'Rollback: Stop the transport services again'"))
        #expect(rollback.contains("-Text 'Rollback: Point the journal rule back at the journal mailbox'"))
        #expect(rollback.contains("-Text 'Rollback: Enable the journal rule again'"))
        #expect(rollback.contains("-Text 'Rollback: Remove the journal contact'"))
    }

    /// The window is shown as UTC and local time, never as Unix seconds.
    @Test func theWindowIsShownAsUTCAndLocalTime() throws {
        for script in Self.onPremises {
            #expect(script.text.range(of: "Unix", options: .caseInsensitive) == nil, "\(script.name)")
            let runbook = RunbookRenderer(graph: script.graph, planSHA256: "").render()
            #expect(runbook.range(of: "Unix", options: .caseInsensitive) == nil, "\(script.name)")
        }
        let script = try #require(Self.scripts.first { $0.name == "starter-2016-premium" })
        #expect(script.text.contains("Window: 2026-12-05 21:00 UTC to 2026-12-06 03:00 UTC."))
        let runbook = RunbookRenderer(graph: script.graph, planSHA256: "").render()
        #expect(runbook.contains("| Outage window | 2026-12-05 21:00 UTC to 2026-12-06 03:00 UTC (in the plan: 2026-12-05T22:00:00+01:00 to 2026-12-06T04:00:00+01:00) |"))
        let window = ScriptHelpers.windowCheck(hasWindow: true)
        #expect(window.contains("(Format-JpTime $jpWindowStart) + ' to ' + (Format-JpTime $jpWindowEnd)"))
        let format = try Self.section(ScriptHelpers.scriptHelpers + "\n", from: "function Format-JpTime {", to: "\n}\n")
        #expect(format.contains("' UTC ('") && format.contains("ToLocalTime()") && format.contains("' local time)'"))
    }

    /// The probe is a message a person sends signed in (journaled by an Internal-scope rule), not an
    /// anonymous, obsolete Send-MailMessage.
    @Test func theProbeIsAnAuthenticatedMessage() throws {
        for script in Self.scripts { #expect(!script.text.contains("Send-MailMessage"), "\(script.name)") }
        let text = try #require(Self.scripts.first { $0.name == "exchange-2010-single-hub.yaml" }).text
        let forward = try Self.section(text, from: "Write-Host 'Rollback finished.'", to: "All steps are complete.")
        let confirm = try Self.section(forward, from: "# Node 11 of 14: confirm-journaling", to: "Wait-JpCondition")
        #expect(confirm.contains("Write-Host ('Send a test message from ' + $jpStep11ProbeFrom + ' to ' + $jpStep11ProbeTo)"))
        #expect(confirm.contains("signed in as the sender"))
        #expect(confirm.contains("Confirm-JpGate"))
    }

    // MARK: 11. The outage as short as the slowest server (issue 18)

    /// The servers of one stop or start step are asked together: each node is announced, checked and
    /// approved on its own (ShouldProcess, so -WhatIf lists every server and gathers none), its server is
    /// only gathered; then one Set-JpServiceState call asks them all and waits, and each node is recorded
    /// after it. No service command runs one server at a time in the forward run.
    @Test func theServersOfAStopOrStartStepAreAskedTogether() throws {
        for script in Self.withOutage {
            let text = script.text
            let forward = try Self.section(text, from: "Write-Host 'Rollback finished.'", to: "Write-Host 'All steps are complete.'")
            #expect(!forward.contains("Stop-Service") && !forward.contains("Start-Service"), "\(script.name)")
            let graph = script.graph
            for step in graph.order where [.stopTransport, .startTransport].contains(graph.steps[step].kind) {
                let indices = graph.nodes.indices.filter { graph.nodes[$0].step == step }
                let firstComment = try #require(forward.range(of: "# Node \(indices.first! + 1) of "), "\(script.name)")
                let lastComment = try #require(forward.range(of: "# Node \(indices.last! + 1) of "))
                let call = try #require(
                    forward.range(of: "Set-JpServiceState -Servers $jpServiceGroup ", range: lastComment.upperBound..<forward.endIndex))
                let gather = try #require(forward.range(of: "$jpServiceGroup = @()", options: .backwards, range: forward.startIndex..<firstComment.lowerBound))
                // The group is gathered fresh for this step: no other step's gathering in between.
                #expect(!forward[gather.upperBound..<firstComment.lowerBound].contains("# Node "))
                for i in indices {
                    let node = try Self.section(String(forward[firstComment.lowerBound...]), from: "# Node \(i + 1) of ", to: "} else {\n")
                    #expect(node.contains("$PSCmdlet.ShouldProcess($jpNode\(i + 1)"), "\(script.name) node \(i + 1)")
                    #expect(node.contains("$jpServiceGroupKeys += $jpNode\(i + 1)\n"))
                    #expect(!node.contains("Add-JpState -Key $jpNode\(i + 1)\n"), "recorded only after the wait")
                }
                let line = String(forward[call.lowerBound...].prefix { $0 != "\n" })
                #expect(line.contains("-MaxParallel $MaxParallel -Failures $jpServiceFailures"), "\(line)")
                #expect(line.contains(graph.steps[step].kind == .stopTransport ? "-Status 'Stopped'" : "-Status 'Running'"))
                #expect(forward[call.lowerBound...].dropFirst(line.count).trimmingCharacters(in: .whitespacesAndNewlines)
                    .hasPrefix("Complete-JpServiceGroup -Servers $jpServiceGroup -Keys $jpServiceGroupKeys -Failures $jpServiceFailures"))
                // Only an approved server is asked: the call is skipped when none was gathered (-WhatIf).
                let guardLine = try #require(forward.range(of: "if ($jpServiceGroup.Count -gt 0) {", range: lastComment.upperBound..<call.lowerBound))
                #expect(!forward[guardLine.upperBound..<call.lowerBound].contains("# Node "))
            }
            // Front end after transport when starting, before it when stopping, as before.
            let names = TransportServices.names(for: graph.plan.exchange.version.value)
            let stopNames = "-Names @(" + names.map { "'\($0)'" }.joined(separator: ", ") + ")"
            let startNames = "-Names @(" + names.reversed().map { "'\($0)'" }.joined(separator: ", ") + ")"
            #expect(forward.contains("$jpServiceGroup " + stopNames) && forward.contains("$jpServiceGroup " + startNames), "\(script.name)")
        }
    }

    /// The helper asks every server before it waits for any (Stop()/Start() return at once), waits with
    /// what is left of one deadline (so the waits overlap: the slowest server, not the sum), catches the
    /// ServiceController's timeout as a failure of that server, and throttles to MaxParallel.
    @Test func theServiceHelperAsksEveryServerThenWaitsForEachWithATimeout() throws {
        let helper = try Self.section(ScriptHelpers.serviceHelper + "\n", from: "function Set-JpServiceState {", to: "\n}\n")
        // Every server of the wave is asked in one loop, then a second loop waits.
        let askLoop = try #require(Self.position(helper, "foreach ($server in @($left[$first..$last])) {"))
        let ask = try #require(Self.position(helper, "$service.Stop()", after: askLoop))
        let start = try #require(Self.position(helper, "$service.Start()", after: askLoop))
        let deadline = try #require(Self.position(helper, "$deadline = (Get-Date).AddSeconds($TimeoutSeconds)"))
        let wait = try #require(Self.position(helper, "$entry.Service.WaitForStatus($Status, $remaining)"))
        #expect(ask < deadline && start < deadline && deadline < wait)
        let waitLoop = try #require(Self.position(helper, "foreach ($entry in $asked) {"))
        #expect(askLoop < ask && ask < waitLoop && waitLoop < wait)
        #expect(helper.contains("$remaining = $deadline - (Get-Date)"))
        #expect(helper.contains("} catch [System.ServiceProcess.TimeoutException] {"))
        #expect(helper.contains("if ($MaxParallel -gt 0 -and $MaxParallel -lt $size) { $size = $MaxParallel }"))
        // One request per server and service (the controller is opened without a query); Stop() on a
        // service already stopped or stopping throws, which is then read back and not a failure.
        #expect(helper.contains("$service = New-Object System.ServiceProcess.ServiceController($name, $server)"))
        #expect(helper.contains("if ($now -ne $Status -and $now -ne $pending) { throw $_ }"))
        // Without a failure table (plan run, rollback, compensation) a failure throws.
        #expect(helper.contains("} elseif ($failed.Count -gt 0) {\n        throw ("))
        // No PowerShell 3.0 syntax.
        #expect(!helper.contains("[ordered]") && !helper.contains("::new(") && !helper.contains(".ForEach("))
    }

    /// A server that does not reach the state in time fails the run at its step, after the servers that
    /// did are recorded; inside the outage that failure runs the compensation from the finally (the
    /// group lies inside the outer try and after the outage flag).
    @Test func aServerThatMissesTheTimeoutFailsItsNodeAndIsCompensated() throws {
        let complete = try Self.section(ScriptHelpers.serviceGroupHelper + "\n", from: "function Complete-JpServiceGroup {", to: "\n}\n")
        let record = try #require(Self.position(complete, "Add-JpState -Key $Keys[$i]"))
        #expect(complete.contains("} elseif ($Rollback) {\n            Remove-JpState -Keys @($Keys[$i])"))
        let failed = try #require(Self.position(complete, "if ($Failures.ContainsKey($Servers[$i])) {"))
        let raise = try #require(Self.position(complete, "throw ('Not every server reached the state in time: "))
        #expect(failed < record && record < raise)
        for script in Self.withOutage {
            let text = script.text
            let outer = try #require(text.range(of: "\ntry {\n    Read-JpState\n"))
            let finally = try #require(text.range(of: "\n} finally {\n    if ($jpOutage) { Invoke-JpCompensation }\n"))
            var from = outer.upperBound
            var groups = 0
            var rollbacks = 0
            while let call = text.range(of: "Complete-JpServiceGroup -Servers", range: from..<finally.lowerBound) {
                let flag = text.range(of: "$jpOutage = $true", options: .backwards, range: outer.upperBound..<call.lowerBound)
                #expect(flag != nil, "\(script.name)")
                let line = text[call.lowerBound...].prefix { $0 != "\n" }
                if line.hasSuffix(" -Rollback") { rollbacks += 1 } else { groups += 1 }
                from = call.upperBound
            }
            // Forward stops and starts, and their undos in a rollback (which forget instead of record).
            let steps = script.graph.steps.filter { [.stopTransport, .startTransport].contains($0.kind) }.count
            #expect(groups == steps && rollbacks == steps, "\(script.name)")
            let rollback = try Self.section(text, from: "if ($Rollback) {", to: "Write-Host 'Rollback finished.'")
            #expect(!rollback.contains("Set-JpServiceState -Servers $jpServer"), "\(script.name): rollback undoes node by node")
        }
    }

    /// -MaxParallel is a parameter of every on-premises script, with its default and help.
    @Test func theThrottleIsAParameter() throws {
        for script in Self.scripts {
            let online = script.graph.plan.exchange.version.value.isOnline
            #expect(script.text.contains("    [int]$MaxParallel = 256\n") == !online, "\(script.name)")
            #expect(script.text.contains(".PARAMETER MaxParallel\n") == !online)
        }
    }
}

