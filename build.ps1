#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks PhotonCodec.
.DESCRIPTION
    Build : publishes the cmdlet assembly and the Core into output/PhotonCodec (the importable module), precompiled
            ReadyToRun for the runtime this pwsh runs on (the IL stays, so other runtimes JIT it); -NoReadyToRun
            publishes IL only.
    Test  : Build, then the xunit suite and the Pester suite (in a child pwsh -NoProfile -NonInteractive);
            ends with one line "N passed, N failed" summed over both, and exits non-zero on any failure.
    Demo  : Build, then converts the bundled example movie in every mode and prints the comparison.
    Bench : Build, then measures our paths against the Python peer (tifffile + numpy + zarr 2.13/numcodecs, needs
            /usr/bin/python3), warm and cold, writes output/bench/bench.json and bench.md, and exits non-zero when a
            target of the performance issue is missed (-NoGate reports only). Not part of Test.
    Fuzz  : Runs only the fuzz tests, with -Cases cases in total (split over the targets) and -Seed; every failing
            input is written to output/FuzzCrashes/<target>/ (make it a fixture under tests/PhotonCodec.Core.Tests/Fuzzing/Fixtures/).
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Fuzz -Cases 10000000 -Seed 7
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Fuzz', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Extra filter for the xunit run (dotnet test --filter syntax); Pester runs everything unless -PesterPath narrows it.
    [string] $TestFilter,

    [string[]] $PesterPath,

    # Fuzz: cases over all targets (0 = the suite's defaults) and the seed (default: the suite's fixed seed).
    [ValidateRange(0, [int]::MaxValue)]
    [int] $Cases = 0,

    [Nullable[int]] $Seed,

    # Bench: report the targets without failing on a missed one.
    [switch] $NoGate,

    # Build: IL only (no ReadyToRun precompilation), e.g. to measure what ReadyToRun saves on a cold call.
    [switch] $NoReadyToRun
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
# A log file, not a terminal: warnings and host output without colour escapes.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'

$Root = $PSScriptRoot
$Output = Join-Path $Root 'output'
$ModuleOut = Join-Path $Output 'PhotonCodec'
$Packages = Join-Path $Root '.packages'
$PesterVersion = '6.2.0'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)." }
}

function Invoke-BuildTask {
    Write-Host "== Build ($Configuration)" -ForegroundColor Cyan
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $bin = Join-Path $ModuleOut 'bin'
    # The Core targets net8.0 and netstandard2.0; building it alone compiles both (the module ships net8.0).
    Invoke-Native 'dotnet build (Core, all targets)' {
        dotnet build (Join-Path $Root 'src/PhotonCodec.Core/PhotonCodec.Core.csproj') -c $Configuration --nologo -v quiet
    }
    Invoke-Native 'dotnet publish' {
        dotnet publish (Join-Path $Root 'src/PhotonCodec/PhotonCodec.csproj') -c $Configuration -o $bin --nologo -v quiet
    }
    # Only the module's own and its dependencies' assemblies ship; PowerShell itself is the host's.
    Get-ChildItem $bin -Filter 'System.Management.Automation*' | Remove-Item -Force
    if (-not $NoReadyToRun) { Invoke-ReadyToRun $bin }
    Copy-Item (Join-Path $Root 'PhotonCodec.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'module/*') $ModuleOut -Recurse
    # MAML help from docs/help, checked against the cmdlets' parameters (fails the build when incomplete).
    $helpFile = Join-Path $ModuleOut 'en-US/PhotonCodec.dll-Help.xml'
    Invoke-Native 'help generation' {
        dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $Root 'tools/New-PhotonHelp.ps1') `
            -ModulePath (Join-Path $ModuleOut 'PhotonCodec.psd1') -OutFile $helpFile
    }
    Write-Host "Module: $ModuleOut"
}

# ReadyToRun: the module's net8.0 assemblies precompiled by crossgen2, so a first call runs native code instead of
# waiting for the JIT. A runtime reads only the images of its own ReadyToRun major version (a net8.0 image made by
# the SDK's PublishReadyToRun is refused by the .NET 10 that pwsh 7.6 runs on), so the compiler is the crossgen2 of
# the runtime this pwsh runs on, restored from NuGet, compiling against that runtime's framework. The IL stays in
# every image: any other runtime JITs it as before. Without the package (offline) the module stays IL only.
function Invoke-ReadyToRun {
    param([string] $Bin)
    $runtime = [Environment]::Version.ToString(3)
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $crossgen = Join-Path $Packages "microsoft.netcore.app.crossgen2.$rid/$runtime/tools/crossgen2"
    if ($IsWindows) { $crossgen += '.exe' }
    if (-not (Test-Path $crossgen)) {
        dotnet restore (Join-Path $Root 'tools/ReadyToRun/Crossgen2.restore.csproj') --packages $Packages --nologo -v quiet `
            "-p:Crossgen2Version=$runtime" "-p:Crossgen2Rid=$rid"
    }
    if (-not (Test-Path $crossgen)) {
        Write-Warning "crossgen2 $runtime for $rid could not be restored: the module is IL only (first calls pay the JIT)."
        return
    }
    $os, $arch = $rid -split '-', 2
    $os = @{ win = 'windows'; osx = 'osx' }[$os] ?? $os
    $framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    # Compiled from an IL copy of the folder, which is also the reference set (crossgen2 refuses an input that
    # matches a reference's simple name in another place).
    $il = Join-Path $Output 'il'
    if (Test-Path $il) { Remove-Item $il -Recurse -Force }
    New-Item -ItemType Directory $il | Out-Null
    Get-ChildItem $Bin -Filter *.dll | Move-Item -Destination $il
    foreach ($dll in Get-ChildItem $il -Filter *.dll) {
        # A response file: pwsh would expand the reference wildcards itself into extra input files.
        $rsp = Join-Path $il "$($dll.BaseName).rsp"
        Set-Content $rsp @($dll.FullName, '-o', (Join-Path $Bin $dll.Name), '-r', (Join-Path $framework '*.dll'), '-r', (Join-Path $il '*.dll'),
            '-r', (Join-Path $PSHOME 'System.Management.Automation.dll'), '--targetos', $os, '--targetarch', $arch, '-O')
        Invoke-Native "crossgen2 $($dll.Name)" { & $crossgen "@$rsp" | Where-Object { $_ -notlike 'Emitting R2R PE file*' } }
    }
    Remove-Item $il -Recurse -Force
    Write-Host "ReadyToRun: crossgen2 $runtime ($rid)"
}

function Get-PesterModulePath {
    $psd1 = Join-Path $Packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) {
        Write-Host "== Restoring Pester $PesterVersion" -ForegroundColor Cyan
        Invoke-Native 'Pester restore' {
            dotnet restore (Join-Path $Root 'tests/Pester/Pester.restore.csproj') --packages $Packages --nologo -v quiet
        }
    }
    if (-not (Test-Path $psd1)) { throw "Pester $PesterVersion was not restored to $psd1." }
    $psd1
}

function Get-TrxCounts {
    param([string] $TrxPath)
    if (-not (Test-Path $TrxPath)) { return $null }
    [xml] $trx = Get-Content -Raw $TrxPath
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $c.passed
        Failed  = [int] $c.failed + [int] $c.error + [int] $c.timeout + [int] $c.aborted
        Skipped = [int] $c.notExecuted
    }
}

# The tests read real movies and the synthetic-movie generator from ../shared beside the clone; without it every
# data-driven test would fail on its own, so say it once, before building anything.
function Assert-SharedTestData {
    $shared = [System.IO.Path]::GetFullPath((Join-Path $Root '../shared'))
    $needed = @('data/nandb-50-big.tif', 'tools/make_movie.py') | ForEach-Object { Join-Path $shared $_ }
    $missing = @($needed | Where-Object { -not (Test-Path -LiteralPath $_) })
    if ($missing) {
        Write-Host "The tests need the shared test data beside the clone: $shared (with data/ and tools/make_movie.py); missing: $($missing -join ', ')."
        exit 2
    }
}

function Invoke-TestTask {
    Assert-SharedTestData
    Invoke-BuildTask
    $results = Join-Path $Output 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory $results | Out-Null

    Write-Host "== xunit" -ForegroundColor Cyan
    $trxName = 'core.trx'
    $testArgs = @((Join-Path $Root 'tests/PhotonCodec.Core.Tests/PhotonCodec.Core.Tests.csproj'),
        '-c', $Configuration, '--nologo', '--logger', "trx;LogFileName=$trxName", '--logger', 'console;verbosity=minimal',
        '--results-directory', $results)
    if ($TestFilter) { $testArgs += @('--filter', $TestFilter) }
    dotnet test @testArgs
    $xunitExit = $LASTEXITCODE
    $xunit = Get-TrxCounts (Join-Path $results $trxName)
    if (-not $xunit) {
        Write-Warning "xunit produced no results (exit $xunitExit): counted as one failure."
        $xunit = [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    elseif ($xunitExit -ne 0 -and $xunit.Failed -eq 0) {
        Write-Warning "dotnet test exited $xunitExit with no failed test: counted as one failure."
        $xunit.Failed = 1
    }

    Write-Host "== Pester" -ForegroundColor Cyan
    $pesterPsd1 = Get-PesterModulePath
    $pesterJson = Join-Path $results 'pester.json'
    $runner = Join-Path $Root 'tests/Invoke-PesterSuite.ps1'
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $runnerArgs = @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterPath', $pesterPsd1,
        '-ModulePath', (Join-Path $ModuleOut 'PhotonCodec.psd1'), '-ResultPath', $pesterJson)
    if ($PesterPath) { $runnerArgs += @('-TestPath', ($PesterPath -join ',')) }
    dotnet $pwshDll @runnerArgs
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { $null }
    if (-not $pester -or $null -eq $pester.Passed -or $null -eq $pester.Failed) {
        Write-Warning "Pester produced no results (exit $pesterExit): counted as one failure."
        $pester = [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    elseif ($pesterExit -ne 0 -and $pester.Failed -eq 0) {
        Write-Warning "Pester exited $pesterExit with no failed test: counted as one failure."
        $pester.Failed = 1
    }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f $xunit.Passed, $xunit.Failed, $pester.Passed, $pester.Failed)
    $line = "$passed passed, $failed failed"
    if ($skipped) { $line += ", $skipped skipped" }
    Write-Output $line
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $Root 'examples/Demo.ps1') -ModulePath (Join-Path $ModuleOut 'PhotonCodec.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-BenchTask {
    Invoke-BuildTask
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    $benchArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'examples/Benchmark.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'PhotonCodec.psd1'), '-OutputPath', (Join-Path $Output 'bench'))
    if ($NoGate) { $benchArgs += '-NoGate' }
    dotnet $pwshDll @benchArgs
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-FuzzTask {
    $crashes = Join-Path $Output 'FuzzCrashes'
    $env:PHOTONCODEC_FUZZ_CRASHES = $crashes
    if ($Cases -gt 0) { $env:PHOTONCODEC_FUZZ_CASES = "$Cases" }
    if ($null -ne $Seed) { $env:PHOTONCODEC_FUZZ_SEED = "$Seed" }
    try {
        Write-Host "== Fuzz ($(if ($Cases) { "$Cases cases" } else { 'default cases' }), seed $(if ($null -ne $Seed) { $Seed } else { 'default' }))" -ForegroundColor Cyan
        dotnet test (Join-Path $Root 'tests/PhotonCodec.Core.Tests/PhotonCodec.Core.Tests.csproj') -c $Configuration --nologo `
            --filter 'FullyQualifiedName~PhotonCodec.Core.Tests.Fuzzing.FuzzTests' --logger 'console;verbosity=detailed'
        $exit = $LASTEXITCODE
    }
    finally {
        Remove-Item Env:PHOTONCODEC_FUZZ_CRASHES, Env:PHOTONCODEC_FUZZ_CASES, Env:PHOTONCODEC_FUZZ_SEED -ErrorAction SilentlyContinue
    }
    if (Test-Path $crashes) { Write-Host "Failing inputs: $crashes" }
    if ($exit -ne 0) { exit $exit }
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Demo' { Invoke-DemoTask }
        'Bench' { Invoke-BenchTask }
        'Fuzz' { Invoke-FuzzTask }
        'Clean' { Remove-Item $Output -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
finally {
    Pop-Location
}
