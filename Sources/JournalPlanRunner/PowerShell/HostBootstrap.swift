import Foundation

/// The PowerShell program that turns a plain shell into a request/response host (protocol `JP1`).
///
/// It is written for Windows PowerShell 2.0 (Exchange 2007/2010) as much as for PowerShell 7: no
/// `ConvertTo-Json`, no `3>&1`, no classes. It reads framed requests from standard input, runs each
/// script, and writes one framed response per request; see ``HostFrame`` for the wire format.
/// The shell receives it as a single line (``launcher``), so a shell reading commands line by line
/// (`-Command -`) runs it as soon as the line arrives; the program then reads the following lines itself.
/// The runner writes nothing more until `JP1 READY` arrives, so no request can be stranded in a buffer
/// of the shell's own input reader. Progress bars are switched off and PowerShell 7's ANSI styling is
/// set to plain text, so neither can leak into the output.
enum HostBootstrap {
    /// The program itself.
    static let program = #"""
        $ErrorActionPreference = 'Continue'
        $ProgressPreference = 'SilentlyContinue'
        if ($null -ne $PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
        function JP1-Decode([string]$text) {
            if (-not $text) { return '' }
            [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($text))
        }
        function JP1-Encode($text) {
            if ($null -eq $text) { $text = '' }
            [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes([string]$text))
        }
        $jp1Out = [System.Console]::Out
        $jp1In = [System.Console]::In
        $jp1Out.WriteLine('JP1 READY')
        $jp1Out.Flush()
        while ($true) {
            $jp1Line = $jp1In.ReadLine()
            if ($null -eq $jp1Line) { break }
            if (-not $jp1Line.StartsWith('JP1 BEGIN ')) { continue }
            $jp1Id = $jp1Line.Substring(10)
            $jp1Kind = 'script'
            $jp1Script = New-Object System.Text.StringBuilder
            while ($true) {
                $jp1Line = $jp1In.ReadLine()
                if ($null -eq $jp1Line) { break }
                if ($jp1Line -eq ('JP1 END ' + $jp1Id)) { break }
                $jp1Colon = $jp1Line.IndexOf(':')
                if ($jp1Colon -lt 0) { continue }
                $jp1Name = $jp1Line.Substring(0, $jp1Colon)
                $jp1Value = $jp1Line.Substring($jp1Colon + 1)
                if ($jp1Name -eq 'kind') { $jp1Kind = JP1-Decode $jp1Value }
                elseif ($jp1Name -eq 'script') { [void]$jp1Script.Append($jp1Value) }
            }
            if ($null -eq $jp1Line) { break }
            $jp1Results = New-Object System.Collections.ArrayList
            $jp1Errors = New-Object System.Collections.ArrayList
            try {
                $jp1Block = [System.Management.Automation.ScriptBlock]::Create((JP1-Decode $jp1Script.ToString()))
                if ($jp1Kind -eq 'connect') {
                    . $jp1Block 2>&1 | ForEach-Object { [void]$jp1Results.Add($_) }
                } else {
                    & $jp1Block 2>&1 | ForEach-Object { [void]$jp1Results.Add($_) }
                }
            } catch {
                [void]$jp1Errors.Add($_)
            }
            $jp1Objects = New-Object System.Collections.ArrayList
            foreach ($jp1Item in $jp1Results) {
                if ($jp1Item -is [System.Management.Automation.ErrorRecord]) { [void]$jp1Errors.Add($jp1Item) }
                else { [void]$jp1Objects.Add($jp1Item) }
            }
            $jp1Status = 'ok'
            if ($jp1Errors.Count -gt 0) { $jp1Status = 'failed' }
            $jp1Out.WriteLine('JP1 BEGIN ' + $jp1Id)
            $jp1Out.WriteLine('status:' + (JP1-Encode $jp1Status))
            if ($jp1Objects.Count -gt 0) {
                $jp1Last = $jp1Objects[$jp1Objects.Count - 1]
                if ($jp1Last -is [bool]) { $jp1Out.WriteLine('value:' + (JP1-Encode ([string]$jp1Last))) }
                foreach ($jp1Text in ($jp1Objects | Out-String -Stream -Width 4096)) {
                    $jp1Out.WriteLine('out:' + (JP1-Encode $jp1Text))
                }
            }
            foreach ($jp1Error in $jp1Errors) {
                $jp1Target = ''
                if ($null -ne $jp1Error.TargetObject) { $jp1Target = [string]$jp1Error.TargetObject }
                $jp1Out.WriteLine('err:' + (JP1-Encode $jp1Error.ToString()) + ':' + (JP1-Encode ([string]$jp1Error.CategoryInfo.Category)) + ':' + (JP1-Encode $jp1Target) + ':' + (JP1-Encode $jp1Error.FullyQualifiedErrorId))
            }
            $jp1Out.WriteLine('JP1 END ' + $jp1Id)
            $jp1Out.Flush()
        }
        """#

    /// The one line written to the shell's standard input: the program, base64-encoded, run with
    /// `Invoke-Expression` in the global scope.
    static var launcher: String {
        let encoded = Data(program.utf8).base64EncodedString()
        return "$jp1Boot = '\(encoded)'; Invoke-Expression ([System.Text.Encoding]::UTF8.GetString("
            + "[System.Convert]::FromBase64String($jp1Boot)))"
    }
}
