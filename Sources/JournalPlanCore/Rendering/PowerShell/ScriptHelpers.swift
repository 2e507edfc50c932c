/// The helper functions every generated script (and the runner's PowerShell session) defines. Static
/// text only: they read plan values from the `$jp…` variables, never from their own source.
/// Windows PowerShell 2.0 syntax throughout.
public enum ScriptHelpers {
    /// Helpers the rendered conditions and actions call (`Test-JpSameNames`, `Wait-JpCondition`, gates).
    public static let commandHelpers = #"""
        function Test-JpSameNames {
            param([string[]]$Actual = @(), [string[]]$Expected = @())
            $missing = @($Expected | Where-Object { $Actual -notcontains $_ })
            $extra = @($Actual | Where-Object { $Expected -notcontains $_ })
            if ($missing.Count -gt 0) { Write-Host ('    in the plan but not reported by Exchange: ' + ($missing -join ', ')) }
            if ($extra.Count -gt 0) { Write-Host ('    reported by Exchange but not in the plan: ' + ($extra -join ', ')) }
            return ($missing.Count -eq 0 -and $extra.Count -eq 0)
        }

        function Test-JpSameRecipient {
            param($Identity, [string]$Address)
            if (-not $Identity) { return $false }
            $pin = @{}
            if (Test-Path -Path 'variable:jpDomainController') { $pin['DomainController'] = $jpDomainController }
            $recipient = @(Get-Recipient -Identity $Address -ErrorAction SilentlyContinue @pin)
            if ($recipient.Count -eq 0) { return $false }
            return ([string]$recipient[0].Identity -eq [string]$Identity)
        }

        function Test-JpInteractive {
            if (-not [Environment]::UserInteractive) { return $false }
            if ($Host.Name -eq 'ServerRemoteHost') { return $false }
            foreach ($jpArgument in [Environment]::GetCommandLineArgs()) {
                if ($jpArgument -like '-noni*') { return $false }
            }
            return $true
        }

        function Confirm-JpGate {
            param([string]$StepId)
            if (-not (Test-JpInteractive)) {
                throw ('Manual gate ' + $StepId + ' needs a person to confirm it, but PowerShell is running non-interactively. Run the script again in an interactive shell; completed steps are kept.')
            }
            $answer = Read-Host ('Type ' + $StepId + ' to confirm that this step is done')
            if ($answer -cne $StepId) {
                throw ('Manual gate ' + $StepId + ' was not confirmed. Run the script again to resume here.')
            }
        }

        function Wait-JpCondition {
            param([string]$Description, [int]$TimeoutSeconds, [int]$PollSeconds, [scriptblock]$Condition)
            $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
            while ($true) {
                if (& $Condition) {
                    Write-Host ('    done: ' + $Description)
                    return
                }
                if ((Get-Date) -ge $deadline) {
                    throw ('Timed out after ' + $TimeoutSeconds + ' seconds waiting for ' + $Description + '.')
                }
                Write-Host ('    waiting for ' + $Description + '; next check in ' + $PollSeconds + ' s')
                Start-Sleep -Seconds $PollSeconds
            }
        }
        """#

    /// Helpers of the script itself: state file, preflight report, outage window.
    public static let scriptHelpers = #"""
        function Read-JpState {
            $keys = @{}
            if (Test-Path -LiteralPath $StatePath) {
                foreach ($line in @(Get-Content -LiteralPath $StatePath -Encoding UTF8)) {
                    if ($line -and -not $line.StartsWith('=')) { $keys[$line] = $true }
                }
            }
            return $keys
        }

        function Read-JpRemembered {
            $values = @{}
            if (Test-Path -LiteralPath $StatePath) {
                foreach ($line in @(Get-Content -LiteralPath $StatePath -Encoding UTF8)) {
                    if ($line -and $line.StartsWith('=')) {
                        $split = $line.IndexOf('=', 1)
                        if ($split -gt 0) { $values[$line.Substring(1, $split - 1)] = $line.Substring($split + 1) }
                    }
                }
            }
            return $values
        }

        function Save-JpRemembered {
            param([string]$Name, [string]$Value)
            if ($WhatIfPreference) { return }
            Add-Content -LiteralPath $StatePath -Value ('=' + $Name + '=' + $Value) -Encoding UTF8
            $script:jpRemembered[$Name] = $Value
        }

        function Test-JpRemembered {
            param([string]$Name)
            return $script:jpRemembered.ContainsKey($Name)
        }

        function Get-JpRemembered {
            param([string]$Name)
            $value = $script:jpRemembered[$Name]
            if (-not $value) { return $null }
            return $value
        }

        function Test-JpDone {
            param([string]$Key)
            return $script:jpState.ContainsKey($Key)
        }

        function Add-JpState {
            param([string]$Key)
            if ($WhatIfPreference) { return }
            Add-Content -LiteralPath $StatePath -Value $Key -Encoding UTF8
            $script:jpState[$Key] = $true
        }

        function Remove-JpState {
            param([string[]]$Keys)
            if ($WhatIfPreference) { return }
            foreach ($key in $Keys) { $script:jpState.Remove($key) }
            $kept = @()
            if (Test-Path -LiteralPath $StatePath) {
                $kept = @(Get-Content -LiteralPath $StatePath -Encoding UTF8 | Where-Object { $_ -and ($Keys -notcontains $_) })
            }
            Set-Content -LiteralPath $StatePath -Value $kept -Encoding UTF8
        }

        function Write-JpNode {
            param([string]$Key, [string]$Text)
            Write-Host ''
            Write-Host ('== ' + $Key + ': ' + $Text)
        }

        function Test-JpPreflight {
            param([string]$Summary, [object[]]$Subjects = @(), [scriptblock]$Condition)
            $detail = ''
            try {
                if (& $Condition) { return $true }
            } catch {
                $detail = ' (' + $_.Exception.Message + ')'
            }
            $subjectText = ''
            if ($Subjects.Count -gt 0) { $subjectText = ': ' + ($Subjects -join '; ') }
            $script:jpPreflightFailures += ($Summary + $subjectText + $detail)
            return $false
        }

        function Get-JpEpochNow {
            $epoch = New-Object DateTime 1970, 1, 1, 0, 0, 0, ([DateTimeKind]::Utc)
            return [long]([DateTime]::UtcNow - $epoch).TotalSeconds
        }
        """#

    /// The outage-window check run before transport stops; `-IgnoreWindow` overrides it.
    public static func windowCheck(hasWindow: Bool) -> String {
        guard hasWindow else {
            return #"""
                function Assert-JpWindow {
                    Write-Warning 'The plan names no outage window.'
                }
                """#
        }
        return #"""
            function Assert-JpWindow {
                if ($IgnoreWindow) {
                    Write-Warning 'The outage window is not checked (-IgnoreWindow).'
                    return
                }
                $now = Get-JpEpochNow
                if ($now -lt $jpWindowStart -or $now -ge $jpWindowEnd) {
                    throw ('Outside the outage window (Unix time ' + $jpWindowStart + ' to ' + $jpWindowEnd + ', now ' + $now + '): transport is not stopped. Use -IgnoreWindow to override.')
                }
            }
            """#
    }
}
