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

    func forward(_ w: inout ScriptWriter) {
        guard hasOutage else {
            for i in nodes.indices { forwardNode(&w, i) }
            w.line("Write-Host ''")
            w.line("Write-Host 'All steps are complete.'")
            return
        }
        let starts = nodes.indices.filter { kind($0) == .startTransport }
        w.block("try {", "} catch {") { w in
            for i in nodes.indices {
                forwardNode(&w, i)
                if kind(i) == .stopTransport {
                    w.line("if (Test-JpDone -Key ", key(i), ") { $jpOutage = $true }")
                }
                if i == starts.last {
                    let all = starts.map { "(Test-JpDone -Key \(key($0)))" }.joined(separator: " -and ")
                    w.line("if (\(all)) { $jpOutage = $false }")
                }
            }
        }
        w.indented { w in
            w.line("if ($jpOutage) { Invoke-JpCompensation }")
            w.line("throw")
        }
        w.line("}")
        w.line("Write-Host ''")
        w.line("Write-Host 'All steps are complete.'")
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

    /// `<opening>$PSCmdlet.ShouldProcess($jpNodeN, '<prefix><summary>')) {`.
    func shouldProcess(_ w: inout ScriptWriter, _ opening: String, _ i: Int, _ summary: String, prefix: String) {
        w.line { out in
            out.append(opening)
            out.append("$PSCmdlet.ShouldProcess(")
            out.append(key(i))
            out.append(", ")
            out.literal(summary, prefixedBy: prefix)
            out.append(")) {")
        }
    }

    func forwardNode(_ w: inout ScriptWriter, _ i: Int) {
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
                w.line("Write-Host '    already done in Exchange; recorded'")
                w.line("Add-JpState -Key ", key(i))
            }
        }
        shouldProcess(&w, "} elseif (", i, program.summary, prefix: "")
        w.indented { w in
            if program.requiresWindow { w.line("Assert-JpWindow") }
            w.line("$jpNodeStarted = Get-Date")
            for action in program.apply { w.action(action) }
            w.line("Add-JpState -Key ", key(i))
        }
        w.line("}")
    }

    func compensationFunction(_ w: inout ScriptWriter) {
        let actions = commands.compensation()
        w.block("function Invoke-JpCompensation {") { w in
            w.line("Write-Warning 'A step failed while transport was stopped: restoring journaling to the journal mailbox and starting transport on every server.'")
            for action in actions {
                w.block("try {", "} catch {") { w in w.action(action) }
                w.indented { w in w.line("Write-Warning ('Compensation step failed: ' + $_.Exception.Message)") }
                w.line("}")
            }
            let keys = outageNodes.map { key($0) }
            if !keys.isEmpty { w.line("Remove-JpState -Keys @(\(keys.joined(separator: ", ")))") }
        }
        w.line("")
    }

    /// Undoing a start stops transport again: a failure after that compensates like a forward run.
    func rollback(_ w: inout ScriptWriter) {
        w.line("Write-Host 'Rollback: undoing completed steps in reverse order.'")
        w.line("$jpRollbackStopped = $false")
        guard hasOutage else {
            rollbackNodes(&w)
            w.line("Write-Host ''")
            w.line("Write-Host 'Rollback finished.'")
            return
        }
        w.block("try {", "} catch {") { w in rollbackNodes(&w) }
        w.indented { w in
            w.line("if ($jpOutage) { Invoke-JpCompensation }")
            w.line("throw")
        }
        w.line("}")
        w.line("Write-Host ''")
        w.line("Write-Host 'Rollback finished.'")
    }

    func rollbackNodes(_ w: inout ScriptWriter) {
        for i in nodes.indices.reversed() {
            let program = programs[i]
            comment(&w, i)
            w.line("if (-not $jpRollbackStopped -and (Test-JpDone -Key ", key(i), ")) {")
            w.indented { w in
                announce(&w, i, program.summary, prefix: "Undo: ")
                if kind(i).isIrreversible {
                    w.line("Write-Warning 'This step cannot be undone (point of no return): rollback stops here.'")
                    w.line("$jpRollbackStopped = $true")
                } else if let undo = program.undo {
                    shouldProcess(&w, "if (", i, program.summary, prefix: "Undo: ")
                    w.indented { w in
                        if kind(i) == .startTransport {
                            w.line("Assert-JpWindow")
                            w.line("$jpOutage = $true")
                        }
                        for action in undo { w.action(action) }
                        w.line("Remove-JpState -Keys @(", key(i), ")")
                    }
                    w.line("}")
                } else {
                    w.line("Write-Host '    nothing to undo automatically (see the runbook)'")
                    w.line("Remove-JpState -Keys @(", key(i), ")")
                }
            }
            w.line("}")
        }
    }
}
