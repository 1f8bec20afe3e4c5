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

# Every test file runs inside a source guard (TestHelpers.ps1, Get-SourceHashes): the source movies in its test drive
# are hashed before and after each test, ../shared/data before and after the file; a change fails the test or the file.
$guard = {
    param([string] $File, [string] $Helpers)
    Describe 'Sources untouched' {
        BeforeAll {
            . $Helpers
            $script:sharedBefore = Get-SourceHashes $SharedData
        }
        BeforeEach { $script:driveBefore = Get-SourceHashes $TestDrive }
        AfterEach {
            $changed = @(Compare-SourceHashes $driveBefore (Get-SourceHashes $TestDrive))
            if ($changed) { throw "A source movie was modified or removed by this test:`n$($changed -join "`n")" }
        }
        AfterAll {
            $changed = @(Compare-SourceHashes $sharedBefore (Get-SourceHashes $SharedData))
            if ($changed) { throw "A movie in ../shared/data was modified or removed:`n$($changed -join "`n")" }
        }
        Context (Split-Path -Leaf $File) { . $File }
    }
}
$files = if ($TestPath) { @($TestPath -split ',' | ForEach-Object { Get-Item $_ }) } else { @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1') }
$helpers = Join-Path $PSScriptRoot 'TestHelpers.ps1'

$config = New-PesterConfiguration
$config.Run.Container = @($files | Sort-Object FullName | ForEach-Object { New-PesterContainer -ScriptBlock $guard -Data @{ File = $_.FullName; Helpers = $helpers } })
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
