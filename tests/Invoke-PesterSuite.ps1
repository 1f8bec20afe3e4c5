<#
.SYNOPSIS
    Runs the Pester suite against the built module; build.ps1 starts it in a child pwsh -NoProfile -NonInteractive.
    Writes {Passed, Failed, Skipped} as JSON to -ResultPath. -FullNameFilter (comma-separated wildcards) runs only the tests whose full
    name matches (Pester's Filter.FullName). The log keeps to results and failures: plain text (no ANSI colour codes)
    when it is written to a file or a pipe.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $TestPath,
    [string] $FullNameFilter
)
$ErrorActionPreference = 'Stop'
Import-Module (Resolve-Path $PesterPath).Path -Force
$env:PHOTONCODEC_MODULE = (Resolve-Path $ModulePath).Path

$config = New-PesterConfiguration
$config.Run.Path = if ($TestPath) { $TestPath -split ',' } else { $PSScriptRoot }
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
if ($FullNameFilter) { $config.Filter.FullName = $FullNameFilter -split ',' }
if ([Console]::IsOutputRedirected) {
    # A log file, not a terminal: no colour escapes from Pester nor from PowerShell's own formatting.
    $config.Output.RenderMode = 'Plaintext'
    $PSStyle.OutputRendering = 'PlainText'
}
$result = $null
try { $result = Invoke-Pester -Configuration $config } catch { Write-Error $_ -ErrorAction Continue }
if ($null -eq $result) {
    # Pester itself failed (no test files, a broken configuration): that is a failure, never a silent zero.
    [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } | ConvertTo-Json | Set-Content -Path $ResultPath
    exit 1
}

# A container that failed to run (syntax error, failing BeforeAll) is a failure even when it reports no test.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $ResultPath
exit ([int]($failed -gt 0))
