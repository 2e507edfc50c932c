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

        function Test-JpNone {
            param([string[]]$Found = @())
            if ($Found.Count -gt 0) { Write-Host ('    found: ' + ($Found -join ', ')) }
            return ($Found.Count -eq 0)
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

    /// Whether a Windows service is installed on a server: from the table the script's preflight fills
    /// (`$jpServices`), or asked live where there is none (a `plan run` request). And
    /// ``ServiceControl``'s helper: for each service in order, every server is asked first
    /// (`ServiceController.Stop()`/`.Start()` return at once), then each is waited for with
    /// `WaitForStatus` and what is left of the timeout, so the wait is as long as the slowest server, not
    /// the sum. At most `MaxParallel` servers are asked at once (0: all). A server that fails a service is
    /// not asked for the next one. Failures go to `-Failures` (server to reason) when given; otherwise
    /// any failure throws. On-premises only.
    public static let serviceHelper = #"""
        function Test-JpService {
            param([string]$Server, [string]$Name)
            $table = Get-Variable -Name jpServices -Scope Script -ValueOnly -ErrorAction SilentlyContinue
            if ($table -and $table.ContainsKey($Server)) { return ($table[$Server] -contains $Name) }
            return (@(Get-Service -ComputerName $Server -Name $Name -ErrorAction SilentlyContinue).Count -gt 0)
        }

        function Set-JpServiceState {
            param([string[]]$Servers, [string[]]$Names, [string[]]$Optional = @(), [string]$Status, [int]$TimeoutSeconds, [int]$MaxParallel = 0, [hashtable]$Failures = $null, [switch]$NoWait)
            Add-Type -AssemblyName System.ServiceProcess
            $pending = 'StartPending'
            if ($Status -eq 'Stopped') { $pending = 'StopPending' }
            if ($NoWait) {
                $there = $true
                foreach ($server in $Servers) {
                    foreach ($name in $Names) {
                        if (($Optional -contains $name) -and -not (Test-JpService -Server $server -Name $name)) { continue }
                        $service = New-Object System.ServiceProcess.ServiceController($name, $server)
                        $now = [string]$service.Status
                        if ($now -eq $Status) { continue }
                        if ($now -ne $pending) {
                            if ($Status -eq 'Stopped') { $service.Stop() } else { $service.Start() }
                        }
                        $there = $false
                        break
                    }
                }
                return $there
            }
            $failed = @{}
            foreach ($name in $Names) {
                $left = @($Servers | Where-Object { -not $failed.ContainsKey($_) })
                $size = $left.Count
                if ($MaxParallel -gt 0 -and $MaxParallel -lt $size) { $size = $MaxParallel }
                for ($first = 0; $first -lt $left.Count; $first += $size) {
                    $last = [Math]::Min($first + $size, $left.Count) - 1
                    $asked = @()
                    foreach ($server in @($left[$first..$last])) {
                        if (($Optional -contains $name) -and -not (Test-JpService -Server $server -Name $name)) { continue }
                        try {
                            $service = New-Object System.ServiceProcess.ServiceController($name, $server)
                            try {
                                if ($Status -eq 'Stopped') { $service.Stop() } else { $service.Start() }
                            } catch {
                                # Stop() on a stopped (or stopping) service throws: that is not a failure.
                                $service.Refresh()
                                $now = [string]$service.Status
                                if ($now -ne $Status -and $now -ne $pending) { throw $_ }
                            }
                            $asked += @{ Server = $server; Service = $service }
                        } catch {
                            $failed[$server] = $name + ': ' + $_.Exception.Message
                        }
                    }
                    Write-Host ('    asked ' + $asked.Count + ' server(s) for ' + $name + ' ' + $Status + '; waiting up to ' + $TimeoutSeconds + ' s for each')
                    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
                    foreach ($entry in $asked) {
                        $remaining = $deadline - (Get-Date)
                        if ($remaining -lt [TimeSpan]::Zero) { $remaining = [TimeSpan]::Zero }
                        try {
                            $entry.Service.WaitForStatus($Status, $remaining)
                            Write-Host ('    ' + $entry.Server + ': ' + $name + ' ' + $Status)
                        } catch [System.ServiceProcess.TimeoutException] {
                            $failed[$entry.Server] = $name + ' was not ' + $Status + ' within ' + $TimeoutSeconds + ' s'
                        } catch {
                            $failed[$entry.Server] = $name + ': ' + $_.Exception.Message
                        }
                    }
                }
            }
            foreach ($server in $failed.Keys) { Write-Warning ('    ' + $server + ': ' + $failed[$server]) }
            if ($null -ne $Failures) {
                foreach ($server in $failed.Keys) { $Failures[$server] = $failed[$server] }
            } elseif ($failed.Count -gt 0) {
                throw ('The transport services did not reach ' + $Status + ' on ' + (@($failed.Keys) -join ', ') + '.')
            }
        }
        """#

    /// The end of a stop or start step the script ran at once: each node whose server reached the state
    /// is recorded in the state file (forgotten, in a rollback); then, if any server did not, the run fails there (inside the outage
    /// the compensation runs from the script's `finally`). On-premises only.
    public static let serviceGroupHelper = #"""
        function Complete-JpServiceGroup {
            param([string[]]$Servers, [string[]]$Keys, [hashtable]$Failures, [switch]$Rollback)
            for ($i = 0; $i -lt $Keys.Count; $i++) {
                if ($Failures.ContainsKey($Servers[$i])) {
                    Write-Host ('    ' + $Keys[$i] + ': FAILED: ' + $Failures[$Servers[$i]])
                } elseif ($Rollback) {
                    Remove-JpState -Keys @($Keys[$i])
                } else {
                    Add-JpState -Key $Keys[$i]
                }
            }
            if ($Failures.Count -gt 0) {
                throw ('Not every server reached the state in time: ' + (@($Failures.Keys) -join ', ') + '. The servers that did are recorded.')
            }
        }
        """#

    /// The script's preflight decides which transport services each server has (`$jpServices`, which
    /// ``serviceHelper`` reads), reports them and records them in the state file. On-premises only.
    public static let transportDiscovery = #"""
        function Find-JpTransportServices {
            param([string]$Server, [string[]]$Names)
            $found = @(Get-Service -ComputerName $Server -Name $Names -ErrorAction SilentlyContinue | ForEach-Object { [string]$_.Name })
            $script:jpServices[$Server] = $found
            $missing = @($Names | Where-Object { $found -notcontains $_ })
            $text = '    transport services on ' + $Server + ': ' + ($found -join ', ')
            if ($missing.Count -gt 0) { $text += ' (not installed there, so not stopped or started: ' + ($missing -join ', ') + ')' }
            Write-Host $text
            Save-JpRemembered -Name ('transport-services:' + $Server) -Value ($found -join ',')
        }
        """#

    /// Helpers of the script itself: state file, prompts, preflight report, times.
    ///
    /// The state file is rewritten whole for every change: written beside it (`<state>.tmp`), then moved
    /// over it with `File.Replace` (the previous version kept as `<state>.bak`), so a crash leaves the old
    /// file or the new one, never half of one. Its lines: `plan-sha256 <hex>` (a different plan is
    /// refused), `done <key>` (this run applied the step), `found <key>` (the step's effect was already in
    /// Exchange), `declined <key> <UTC time>`, and `=<name>=<value>` (values remembered for an undo).
    public static let scriptHelpers = stateHelpers + "\n\n" + rememberedReaders + "\n\n" + stateChecks

    /// Reading, writing and checkpointing the state file.
    static let stateHelpers = #"""
        function Read-JpState {
            $script:jpState = @{}
            $script:jpRemembered = @{}
            $script:jpStateLines = @()
            if (-not (Test-Path -LiteralPath $StatePath)) { return }
            $planHash = ''
            foreach ($line in @([System.IO.File]::ReadAllLines($StatePath, [System.Text.Encoding]::UTF8))) {
                if (-not $line -or $line.StartsWith('#')) { continue }
                if ($line.StartsWith('plan-sha256 ')) { $planHash = $line.Substring(12); continue }
                $script:jpStateLines += $line
                if ($line.StartsWith('=')) {
                    $split = $line.IndexOf('=', 1)
                    if ($split -gt 0) { $script:jpRemembered[$line.Substring(1, $split - 1)] = $line.Substring($split + 1) }
                } elseif ($line.StartsWith('done ')) {
                    $script:jpState[$line.Substring(5)] = 'done'
                } elseif ($line.StartsWith('found ')) {
                    $script:jpState[$line.Substring(6)] = 'found'
                }
            }
            if ($planHash -ne $jpPlanSHA256) {
                if (-not $planHash) { $planHash = 'none recorded' }
                throw ('The state file ' + $StatePath + ' belongs to another plan (plan SHA-256 ' + $planHash + '; this script was compiled from ' + $jpPlanSHA256 + '). Its completed steps are not this plan''s: nothing was changed. Finish or roll back with the script that wrote it, or pass -StatePath for a new state file.')
            }
        }

        function Write-JpStateFile {
            if ($WhatIfPreference) { return }
            $lines = @('# JournalPlan state file: written by the script; do not edit.', ('plan-sha256 ' + $jpPlanSHA256)) + $script:jpStateLines
            $temporary = $StatePath + '.tmp'
            [System.IO.File]::WriteAllLines($temporary, [string[]]$lines, (New-Object System.Text.UTF8Encoding($false)))
            if ([System.IO.File]::Exists($StatePath)) {
                [System.IO.File]::Replace($temporary, $StatePath, ($StatePath + '.bak'))
            } else {
                [System.IO.File]::Move($temporary, $StatePath)
            }
        }

        function Test-JpStateWritable {
            $probe = $StatePath + '.tmp'
            [System.IO.File]::WriteAllText($probe, '')
            [System.IO.File]::Delete($probe)
            return $true
        }

        function Save-JpRemembered {
            param([string]$Name, [string]$Value)
            if ($WhatIfPreference) { return }
            $prefix = '=' + $Name + '='
            $script:jpStateLines = @($script:jpStateLines | Where-Object { -not $_.StartsWith($prefix) }) + @($prefix + $Value)
            $script:jpRemembered[$Name] = $Value
            Write-JpStateFile
        }
        """#

    /// The readers of remembered values (`$script:jpRemembered`, a name → value table): the compiled script
    /// fills the table from its state file, a `plan run` request from the run's state; both read it here.
    public static let rememberedReaders = #"""
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
        """#

    /// What has been done, found or declined.
    static let stateChecks = #"""
        function Test-JpDone {
            param([string]$Key)
            return $script:jpState.ContainsKey($Key)
        }

        function Test-JpFound {
            param([string]$Key)
            return ($script:jpState[$Key] -eq 'found')
        }

        function Add-JpState {
            param([string]$Key, [switch]$Found)
            if ($WhatIfPreference) { return }
            $kind = 'done'
            if ($Found) { $kind = 'found' }
            $script:jpStateLines += ($kind + ' ' + $Key)
            $script:jpState[$Key] = $kind
            Write-JpStateFile
        }

        function Remove-JpState {
            param([string[]]$Keys)
            if ($WhatIfPreference) { return }
            foreach ($key in $Keys) { $script:jpState.Remove($key) }
            $script:jpStateLines = @($script:jpStateLines | Where-Object {
                -not (($_.StartsWith('done ') -and ($Keys -contains $_.Substring(5))) -or ($_.StartsWith('found ') -and ($Keys -contains $_.Substring(6))))
            })
            Write-JpStateFile
        }

        function Test-JpApproved {
            param([string]$Step)
            return $script:jpApproved.ContainsKey($Step)
        }

        function Set-JpApproved {
            param([string]$Step)
            $script:jpApproved[$Step] = $true
        }

        function Stop-JpDeclined {
            param([string]$Key)
            if ($WhatIfPreference) { return }
            $script:jpStateLines += ('declined ' + $Key + ' ' + [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture))
            Write-JpStateFile
            throw ('Declined at the prompt: ' + $Key + '. The run stops here and nothing after this step was done (a step is never skipped). Run the script again to resume at this step.')
        }

        function Write-JpNode {
            param([string]$Key, [string]$Text)
            Write-Host ''
            Write-Host ('== ' + $Key + ': ' + $Text)
        }

        function Test-JpPreflight {
            param([string]$Summary, [object[]]$Subjects = @(), [scriptblock]$Condition, [switch]$Advisory)
            $detail = ''
            try {
                if (& $Condition) { return $true }
            } catch {
                $detail = ' (' + $_.Exception.Message + ')'
            }
            $subjectText = ''
            if ($Subjects.Count -gt 0) { $subjectText = ': ' + ($Subjects -join '; ') }
            if ($Advisory) {
                Write-Warning ('Preflight warning: ' + $Summary + $subjectText + $detail)
                return $true
            }
            $script:jpPreflightFailures += ($Summary + $subjectText + $detail)
            return $false
        }

        function Get-JpEpochNow {
            $epoch = New-Object DateTime 1970, 1, 1, 0, 0, 0, ([DateTimeKind]::Utc)
            return [long]([DateTime]::UtcNow - $epoch).TotalSeconds
        }

        function Format-JpTime {
            param([long]$Seconds)
            $epoch = New-Object DateTime 1970, 1, 1, 0, 0, 0, ([DateTimeKind]::Utc)
            $utc = $epoch.AddSeconds($Seconds)
            $invariant = [System.Globalization.CultureInfo]::InvariantCulture
            return ($utc.ToString('yyyy-MM-dd HH:mm', $invariant) + ' UTC (' + $utc.ToLocalTime().ToString('yyyy-MM-dd HH:mm', $invariant) + ' local time)')
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
                    throw ('Outside the outage window, ' + (Format-JpTime $jpWindowStart) + ' to ' + (Format-JpTime $jpWindowEnd) + '; it is now ' + (Format-JpTime $now) + ': transport is not stopped. Use -IgnoreWindow to override.')
                }
            }
            """#
    }
}
