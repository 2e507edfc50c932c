/// The step sections of the script: forward execution, compensation and rollback.
extension ScriptRenderer {
    func key(_ i: Int) -> String { keyReferences[i] }
    func kind(_ i: Int) -> ActionKind { graph.kinds[nodes[i].step] }

    func comment(_ w: inout ScriptWriter, _ i: Int) {
        w.line("")
        w.line { out in
            out.append("# Node ")
            out.append(i + 1)
            out.append(" of ")
            out.append(nodes.count)
            out.append(": ")
            out.append(kind(i).rawValue)
        }
    }

    /// Indices of the nodes from the first transport stop to the last transport start.
    var outageNodes: [Int] {
        let stops = nodes.indices.filter { kind($0) == .stopTransport }
        let starts = nodes.indices.filter { kind($0) == .startTransport }
        guard let first = stops.first, let last = starts.last, first <= last else { return stops }
        return Array(first...last)
    }

    /// The stop-transport nodes, for the outage bookkeeping.
    var stopNodes: [Int] { nodes.indices.filter { kind($0) == .stopTransport } }

    /// The Windows-service action of a stop or start node (``ServiceControl``), if it is one.
    func serviceControl(_ i: Int) -> ServiceControl? {
        guard kind(i) == .stopTransport || kind(i) == .startTransport else { return nil }
        for action in programs[i].apply {
            if case .controlServices(let control) = action { return control }
        }
        return nil
    }

    /// Compensation, when the outage is still open, runs from the script's `finally` (see ``write(_:)``):
    /// after any failure, a declined prompt, or Ctrl+C, which runs `finally` but no `catch`.
    func forward(_ w: inout ScriptWriter) {
        let starts = nodes.indices.filter { kind($0) == .startTransport }
        var i = 0
        while i < nodes.count {
            var last = i
            if serviceControl(i) != nil {
                while last + 1 < nodes.count && nodes[last + 1].step == nodes[i].step && serviceControl(last + 1) != nil {
                    last += 1
                }
                serviceGroup(&w, i...last)
            } else {
                forwardNode(&w, i)
            }
            for n in i...last {
                if kind(n) == .stopTransport {
                    // On a resume the state file says transport was stopped by an earlier run.
                    w.line("if (Test-JpDone -Key ", key(n), ") { $jpOutage = $true }")
                }
                if n == starts.last {
                    let all = starts.map { "(Test-JpDone -Key \(key($0)))" }.joined(separator: " -and ")
                    w.line("if (\(all)) { $jpOutage = $false }")
                }
            }
            i = last + 1
        }
        w.line("Write-Host ''")
        w.line("Write-Host 'All steps are complete.'")
    }

    /// The nodes of one stop or start step run together, so the outage is as long as the slowest server:
    /// each node is announced, checked and asked about (ShouldProcess) as usual, and only gathered; then
    /// every gathered server is asked at once and waited for with a timeout (``ServiceControl``); then
    /// each node is recorded, and a server that did not get there fails the run (compensation follows
    /// inside the outage).
    func serviceGroup(_ w: inout ScriptWriter, _ range: ClosedRange<Int>) {
        guard let control = serviceControl(range.lowerBound) else { return }
        groupHeader(&w, count: range.count, kind: kind(range.lowerBound), rollback: false)
        for i in range { forwardNode(&w, i, gathering: serviceControl(i)?.servers) }
        groupCall(&w, control, stop: kind(range.lowerBound) == .stopTransport, rollback: false)
    }

    /// Starts gathering the servers of one stop or start step (forward, or its undos in a rollback).
    func groupHeader(_ w: inout ScriptWriter, count: Int, kind: ActionKind, rollback: Bool) {
        w.line("")
        w.line { out in
            out.append("# Together: the ")
            out.append(count)
            out.append(count == 1 ? " node" : " nodes")
            out.append(" of this ")
            out.append(kind.rawValue)
            out.append(rollback ? " step are undone together: " : " step are ")
            out.append("checked and approved one by one, then every server is asked at once and waited for.")
        }
        w.line("$", RuntimeVariable.serviceGroup.rawValue, " = @()")
        w.line("$jpServiceGroupKeys = @()")
    }

    /// An approved node of a group only adds its server (and key) to the group.
    func gather(_ w: inout ScriptWriter, _ i: Int, _ server: PowerShellValue) {
        w.line { out in
            out.append("$")
            out.append(RuntimeVariable.serviceGroup.rawValue)
            out.append(" += ")
            out.value(server)
        }
        w.line("$jpServiceGroupKeys += ", key(i))
    }

    /// Asks every gathered server at once and waits, then records (forward) or forgets (rollback) each
    /// node whose server got there, and fails the run for the others.
    func groupCall(_ w: inout ScriptWriter, _ control: ServiceControl, stop: Bool, rollback: Bool) {
        let group = RuntimeVariable.serviceGroup.rawValue
        let failures = RuntimeVariable.serviceFailures.rawValue
        w.block("if ($" + group + ".Count -gt 0) {") { w in
            // The outage begins before the first stop request: a half-done stop is compensated too.
            if stop { w.line("$jpOutage = $true") }
            if !rollback { w.line("$jpNodeStarted = Get-Date") }
            w.line("$", failures, " = @{}")
            var grouped = control
            grouped.servers = .runtime(.serviceGroup)
            w.line { $0.command(grouped.command(maxParallel: .runtime(.maxParallel), failures: .runtime(.serviceFailures))) }
            w.line(
                "Complete-JpServiceGroup -Servers $" + group + " -Keys $jpServiceGroupKeys -Failures $" + failures,
                rollback ? " -Rollback" : "")
        }
    }

    /// `Write-JpNode -Key $jpNodeN -Text '<prefix><summary>'`.
    func announce(_ w: inout ScriptWriter, _ i: Int, _ summary: String, prefix: String) {
        w.line { out in
            out.append("Write-JpNode -Key ")
            out.append(key(i))
            out.append(" -Text ")
            out.literal(summary, prefixedBy: prefix)
        }
    }

    /// How many nodes the step of node `i` has (one per server, rule or database).
    func targets(ofStepOf i: Int) -> Int { nodesPerStep[nodes[i].step] }

    /// `<opening>$PSCmdlet.ShouldProcess($jpNodeN, '<prefix><summary>')) {`. A step with several
    /// targets asks once: a Yes is remembered for the step's other nodes (`Test-JpApproved`), and under
    /// -WhatIf every node is still listed (ShouldProcess never answers Yes there).
    func shouldProcess(_ w: inout ScriptWriter, _ opening: String, _ i: Int, _ summary: String, prefix: String) {
        let count = targets(ofStepOf: i)
        let step = "$" + commands.variables.stepIDs[nodes[i].step].name
        w.line { out in
            out.append(opening)
            if count > 1 {
                out.append("(Test-JpApproved -Step ")
                out.append(prefix.isEmpty ? step : "(" + step + " + ':rollback')")
                out.append(") -or ")
            }
            out.append("$PSCmdlet.ShouldProcess(")
            out.append(key(i))
            out.append(", ")
            if count > 1 {
                out.literal(summary, prefixedBy: prefix)
                out.append(" + ")
                out.literal(" (one answer for all " + String(count) + " targets of step ")
                out.append(" + ")
                out.append(step)
                out.append(" + ')'")
            } else {
                out.literal(summary, prefixedBy: prefix)
            }
            out.append(")) {")
        }
        if count > 1 {
            w.indented { w in w.line("Set-JpApproved -Step ", prefix.isEmpty ? step : "(" + step + " + ':rollback')") }
        }
    }

    /// The end of a ShouldProcess block: outside -WhatIf a No (or No to All) stops the run there,
    /// recorded as declined; it never skips the step.
    func declined(_ w: inout ScriptWriter, _ i: Int) {
        w.line("} else {")
        w.indented { w in w.line("Stop-JpDeclined -Key ", key(i)) }
        w.line("}")
    }

    /// One node: announced, skipped when the state file or Exchange says it is done, else asked about
    /// and applied and recorded. With `gathering`, an approved node only adds its server to the step's
    /// group (``serviceGroup(_:_:)`` applies and records them together).
    func forwardNode(_ w: inout ScriptWriter, _ i: Int, gathering server: PowerShellValue? = nil) {
        let program = programs[i]
        comment(&w, i)
        announce(&w, i, program.summary, prefix: "")
        w.line("if (Test-JpDone -Key ", key(i), ") {")
        w.indented { w in w.line("Write-Host '    already completed (state file)'") }
        if let check = program.check {
            w.line("} elseif (-not $WhatIfPreference -and (")
            w.indented { w in w.conditionLines(check) }
            w.line(")) {")
            w.indented { w in
                w.line("Write-Host '    already done in Exchange (found, not changed by this run); recorded'")
                w.line("Add-JpState -Key ", key(i), " -Found")
            }
        }
        shouldProcess(&w, "} elseif (", i, program.summary, prefix: "")
        w.indented { w in
            if program.requiresWindow { w.line("Assert-JpWindow") }
            if let server {
                gather(&w, i, server)
            } else {
                // The outage begins before the first stop command: a half-done stop is compensated too.
                if kind(i) == .stopTransport { w.line("$jpOutage = $true") }
                w.line("$jpNodeStarted = Get-Date")
                for action in program.apply { w.action(action) }
                w.line("Add-JpState -Key ", key(i))
            }
        }
        declined(&w, i)
    }

    /// Journaling first, then a read-back; transport is started only when the read-back shows every rule
    /// (or database) journaling to the journal mailbox. Otherwise transport stays stopped and the script
    /// says exactly what to do by hand: mail must never flow again unjournaled.
    func compensationFunction(_ w: inout ScriptWriter) {
        let compensation = commands.compensation()
        w.block("function Invoke-JpCompensation {") { w in
            w.line("$script:jpOutage = $false")
            w.line("if ($WhatIfPreference) { return }")
            w.line("Write-Warning 'The run stopped while transport was stopped: restoring journaling to the journal mailbox first; transport is started only once journaling reads back as restored.'")
            for action in compensation.restore {
                w.block("try {", "} catch {") { w in w.action(action) }
                w.indented { w in w.line("Write-Warning ('Restoring journaling failed: ' + $_.Exception.Message)") }
                w.line("}")
            }
            w.line("$jpJournalingRestored = $false")
            w.block("try {", "} catch {") { w in
                w.line("$jpJournalingRestored = (")
                w.indented { w in w.conditionLines(compensation.verify) }
                w.line(")")
            }
            w.indented { w in w.line("Write-Warning ('Reading journaling back failed: ' + $_.Exception.Message)") }
            w.line("}")
            let keys = outageNodes.map { key($0) }
            // The outage steps are forgotten either way, so a re-run repeats them (each checks first).
            if !keys.isEmpty { w.line("Remove-JpState -Keys @(\(keys.joined(separator: ", ")))") }
            w.block("if (-not $jpJournalingRestored) {") { w in
                let banner = String(repeating: "!", count: 100)
                w.line("Write-Host ''")
                w.line("Write-Host '\(banner)'")
                w.line("Write-Host '!!! TRANSPORT IS LEFT STOPPED ON PURPOSE: journaling could not be restored and read back.'")
                w.line("Write-Host '!!! Starting transport now would let mail flow without being journaled. By hand:'")
                for line in compensation.instructions {
                    w.line { out in
                        out.gateLine(GateLine([.text("!!!   ")] + line.parts))
                    }
                }
                w.line("Write-Host '\(banner)'")
                w.line("Write-Warning 'Transport is still stopped: restore journaling by hand as above, then start transport.'")
                w.line("return")
            }
            w.line("Write-Host '    journaling reads back as restored to the journal mailbox: starting transport'")
            for action in compensation.restart {
                w.block("try {", "} catch {") { w in
                    if case .controlServices(let control) = action {
                        w.line { $0.command(control.command(maxParallel: .runtime(.maxParallel))) }
                    } else {
                        w.action(action)
                    }
                }
                w.indented { w in w.line("Write-Warning ('Starting transport failed: ' + $_.Exception.Message)") }
                w.line("}")
            }
        }
        w.line("")
    }

    /// Undoing a start stops transport again: a failure after that compensates like a forward run.
    func rollback(_ w: inout ScriptWriter) {
        w.line("Write-Host 'Rollback: undoing completed steps in reverse order.'")
        w.line("$jpRollbackStopped = $false")
        rollbackNodes(&w)
        if hasOutage {
            let stops = stopNodes.map { "(Test-JpDone -Key \(key($0)))" }.joined(separator: " -or ")
            w.line("if (-not (\(stops))) { $jpOutage = $false }")
        }
        w.line("Write-Host ''")
        w.line("Write-Host 'Rollback finished.'")
    }

    func rollbackNodes(_ w: inout ScriptWriter) {
        var i = nodes.count - 1
        while i >= 0 {
            guard let control = undoControl(i) else {
                rollbackNode(&w, i)
                i -= 1
                continue
            }
            // The undos of one stop or start step run together too: gathered node by node, then asked
            // at once and waited for, then each node is forgotten (or the run fails there).
            var first = i
            while first > 0 && nodes[first - 1].step == nodes[i].step && undoControl(first - 1) != nil { first -= 1 }
            groupHeader(&w, count: i - first + 1, kind: kind(i), rollback: true)
            for n in stride(from: i, through: first, by: -1) { rollbackNode(&w, n, gathering: undoControl(n)?.servers) }
            groupCall(&w, control, stop: kind(i) == .startTransport, rollback: true)
            i = first - 1
        }
    }

    /// The Windows-service action of a stop or start node's undo, if it is one.
    func undoControl(_ i: Int) -> ServiceControl? {
        guard kind(i) == .stopTransport || kind(i) == .startTransport else { return nil }
        for action in programs[i].undo ?? [] {
            if case .controlServices(let control) = action { return control }
        }
        return nil
    }

    func rollbackNode(_ w: inout ScriptWriter, _ i: Int, gathering server: PowerShellValue? = nil) {
        let program = programs[i]
        comment(&w, i)
        w.line("if (-not $jpRollbackStopped -and (Test-JpDone -Key ", key(i), ")) {")
        w.indented { w in
            if kind(i).isIrreversible {
                announce(&w, i, program.summary, prefix: "Rollback stops at: ")
                w.line("Write-Warning 'This step cannot be undone (point of no return): rollback stops here.'")
                w.line("$jpRollbackStopped = $true")
            } else if let undo = program.undo {
                let label = program.undoSummary ?? ("Undo: " + program.summary)
                announce(&w, i, label, prefix: "Rollback: ")
                let opening: String
                if program.undoRemovesCreated {
                    w.line("if (Test-JpFound -Key ", key(i), ") {")
                    w.indented { w in
                        w.line("Write-Host '    it existed before this run (found, not created): left in place'")
                        w.line("Remove-JpState -Keys @(", key(i), ")")
                    }
                    opening = "} elseif ("
                } else {
                    opening = "if ("
                }
                shouldProcess(&w, opening, i, label, prefix: "Rollback: ")
                w.indented { w in
                    if kind(i) == .startTransport {
                        w.line("Assert-JpWindow")
                        w.line("$jpOutage = $true")
                    }
                    if let server {
                        gather(&w, i, server)
                    } else {
                        for action in undo { w.action(action) }
                        w.line("Remove-JpState -Keys @(", key(i), ")")
                    }
                }
                declined(&w, i)
            } else {
                announce(&w, i, program.summary, prefix: "Rollback: nothing to undo for: ")
                w.line("Write-Host '    nothing to undo automatically (see the runbook)'")
                w.line("Remove-JpState -Keys @(", key(i), ")")
            }
        }
        w.line("}")
    }
}
