<#
.SYNOPSIS
    Regenerates the README's "A session, for real" transcript from the built module.
.DESCRIPTION
    Copies the movies of ../shared/data into -WorkDir (default /tmp/readme, so the paths in the transcript stay the
    same from run to run), runs each command there as a user would type it, and writes "PS> command" followed by its
    output (Out-String -Width 120, plain text). With -UpdateReadme it replaces the text block of that README section.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build; dotnet pwsh ./tools/New-ReadmeSession.ps1 -UpdateReadme
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1'),
    [string] $WorkDir = '/tmp/readme',
    [switch] $UpdateReadme
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module (Resolve-Path $ModulePath).Path -Force
$shared = Join-Path $PSScriptRoot '../../shared/data'
if (Test-Path $WorkDir) { Remove-Item $WorkDir -Recurse -Force }
New-Item -ItemType Directory $WorkDir | Out-Null
Copy-Item (Join-Path $shared '*.tif') $WorkDir

$errorsAsText = '2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId + '': '' + $_.Exception.Message } else { $_ } }'
$commands = @(
    'Get-ChildItem *.tif | ConvertTo-PhotonZarr -DestinationPath default 3>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.WarningRecord]) { ''WARNING: '' + $_.Message } else { $_ } }'
    'Get-ChildItem *.tif | ConvertTo-PhotonZarr -Mode Lossless -DestinationPath lossless'
    'ConvertTo-PhotonZarr -Path thunder-mouse-vs1.tif -Gain 1.78 -ZeroLevel 13.9 -ReadNoise 0 -DestinationPath thunder.zarr'
    'Get-PhotonFrame -Path thunder.zarr -Index 0, 1, -1'
    'Get-PhotonFrame -Path thunder.zarr -Index 0 -Raw | Format-List Index, Mode, Raw, DType, Min, Max, Mean'
    'Measure-PhotonCompression -Path thunder-mouse-vs1.tif -Baseline -Gain 1.78 -ZeroLevel 13.9 -ReadNoise 0'
    'Measure-PhotonCompression -Path thunder.zarr -PerChunk'
    'Test-PhotonRoundTrip -Path thunder-mouse-vs1.tif -ZarrPath thunder.zarr'
    'Test-PhotonRoundTrip -Path thunder-mouse-vs1.tif -ZarrPath thunder.zarr -Detailed | Format-List'
    'Copy-Item nandb-50-big.tif -Destination ''run[2].tif''; ConvertTo-PhotonZarr -LiteralPath ''run[2].tif'' -Mode Lossless | Test-PhotonRoundTrip -Detailed | Format-List Passed, Path, ZarrPath, Mode'
    "ConvertTo-PhotonZarr -Path missing.tif, nandb-50-big.tif -Mode Lossless -DestinationPath lossless $errorsAsText"
    "Get-PhotonFrame -Path 'run[2].zarr', thunder.zarr -Index (498..600) $errorsAsText"
    'Measure-PhotonTransfer -Path nandb-50-big.tif, detrendr-bleached.tif, thunder-mouse-vs1.tif -PlotPath . -WarningAction SilentlyContinue'
    'ConvertTo-PhotonZarr -Path nandb-50-big.tif -DestinationPath estimated.zarr -Verbose 4>&1 | Where-Object Message -like ''*estimated*'' | ForEach-Object Message'
    'ConvertTo-PhotonZarr -Path nandb-50-big.tif -DestinationPath estimated2.zarr -Gain 1.05 -WarningAction SilentlyContinue | Format-List Gain, ZeroLevel, ReadNoise, ParameterSource'
    'ConvertTo-PhotonZarr -Path thunder-mouse-vs1.tif -Gain 30 -ZeroLevel 0 -ReadNoise 0 -DestinationPath wrong-gain.zarr 3>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.WarningRecord]) { ''WARNING: '' + $_.Message } else { $_ } }'
    'Test-PhotonRoundTrip -Path thunder-mouse-vs1.tif -ZarrPath wrong-gain.zarr -Detailed | Format-List Passed, WorstRmsVsDeclared, WorstRmsVsMeasured, Reason'
    'ConvertTo-PhotonZarr -Path thunder-mouse-vs1.tif -Format ZarrV3 -DestinationPath thunder-v3.zarr -WarningAction SilentlyContinue'
    'Export-PhotonTiff -Path lossless/thunder-mouse-vs1.zarr -DestinationPath restored'
)

$lines = [System.Collections.Generic.List[string]]::new()
Push-Location $WorkDir
# As a user's session: errors are records to show, not a reason to stop.
$ErrorActionPreference = 'Continue'
try {
    foreach ($command in $commands) {
        $lines.Add("PS> $command")
        $text = (Invoke-Expression $command | Out-String -Width 120).TrimEnd()
        # Out-String pads table rows; the README keeps lines without trailing blanks.
        $lines.Add((($text -split "`r?`n") | ForEach-Object TrimEnd) -join "`n")
        $lines.Add('')
    }
}
finally { Pop-Location }
$transcript = ($lines -join "`n").TrimEnd()

if (-not $UpdateReadme) { return $transcript }
$readme = Join-Path $PSScriptRoot '../README.md'
$text = Get-Content -Raw $readme
$pattern = '(?s)(## A session, for real.*?```text\n).*?(\n```)'
if ($text -notmatch $pattern) { throw "README.md has no '## A session, for real' text block." }
$text = [regex]::Replace($text, $pattern, { param($m) $m.Groups[1].Value + $transcript + $m.Groups[2].Value }, 'None', [timespan]::FromSeconds(10))
Set-Content -Path $readme -Value $text -NoNewline -Encoding utf8NoBOM
"README.md: session transcript regenerated ($($commands.Count) commands)."
