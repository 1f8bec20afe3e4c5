<#
.SYNOPSIS
    Migrates a folder tree of TIFF movies to a mirror tree of .zarr archives, resumably, with a CSV report.
.DESCRIPTION
    One ConvertTo-PhotonZarr call does the work: -SourceRoot mirrors the tree (<Destination>/<same relative
    folder>/<name>.zarr), -SkipExisting skips archives of the same source (size and SHA-256) whose checksums verify,
    so rerunning the same command after a crash, Ctrl+C or kill resumes where it stopped, and -ReportPath appends a
    row per file to the CSV as each file ends (nothing is lost on Ctrl+C). Files are converted concurrently
    (-ThrottleLimit). Each movie's photon parameters are estimated on its own unless given: give -Gain/-ZeroLevel/
    -ReadNoise only when every movie comes from one detector at one setting. Archives that exist but record another
    source, or fail their checksums, are reported and left alone unless -Force. Newly written archives are then
    checked against their sources with Test-PhotonRoundTrip (the accuracy promise); skipped ones are not read again.
.EXAMPLE
    ./Convert-Archive.ps1 -Source /data/raw -Destination /archive/raw -Report /archive/raw/report.csv
.EXAMPLE
    ./Convert-Archive.ps1 -Source /data/raw -Destination /archive/raw -Mode Lossless -WhatIf
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Source,
    [Parameter(Mandatory)] [string] $Destination,
    [string] $Report = (Join-Path $Destination 'photon-archive-report.csv'),
    [ValidateSet('Quantized', 'Lossless', 'Float')] [string] $Mode = 'Quantized',
    [double] $Beta = 0.5,
    # The detector's photon parameters, for every movie of the tree (default: each movie's own estimate).
    [double] $Gain,
    [double] $ZeroLevel,
    [double] $ReadNoise,
    # Files converted at once (default: the cmdlet's, one per processor).
    [int] $ThrottleLimit,
    [switch] $Force,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1')
)
$ErrorActionPreference = 'Continue'
if (-not (Get-Module PhotonCodec)) { Import-Module $ModulePath -ErrorAction Stop }

$sourceRoot = (Resolve-Path -LiteralPath $Source -ErrorAction Stop).ProviderPath
$files = @(Get-ChildItem -LiteralPath $sourceRoot -Recurse -File -Include *.tif, *.tiff)
$convert = @{ SourceRoot = $sourceRoot; DestinationPath = $Destination; ReportPath = $Report; SkipExisting = $true; Mode = $Mode; Force = $Force }
# Only what the mode uses: the cmdlet warns about parameters that do not apply (Beta is Quantized's, none is Lossless's).
if ($Mode -ne 'Lossless') { foreach ($name in 'Gain', 'ZeroLevel', 'ReadNoise') { if ($PSBoundParameters.ContainsKey($name)) { $convert[$name] = $PSBoundParameters[$name] } } }
if ($Mode -eq 'Quantized') { $convert.Beta = $Beta }
if ($ThrottleLimit -gt 0) { $convert.ThrottleLimit = $ThrottleLimit }

$failed = $null
$results = @($files | ConvertTo-PhotonZarr @convert -ErrorVariable failed -ErrorAction SilentlyContinue)
foreach ($e in $failed) { Write-Warning "$($e.TargetObject): $($e.FullyQualifiedErrorId.Split(',')[0]): $($e.Exception.Message)" }

$rows = foreach ($r in $results) {
    $verified = if ($r.Status -eq 'Skipped') { $true } else { [bool](Test-PhotonRoundTrip -LiteralPath $r.Source -ZarrPath $r.Destination) }
    if (-not $verified) { Write-Warning "$($r.Source): archived, but Test-PhotonRoundTrip FAILED for $($r.Destination)" }
    [pscustomobject]@{ Source = $r.Source; Destination = $r.Destination; Status = $r.Status; Ratio = [math]::Round($r.Ratio, 2); Verified = $verified }
}
"{0} file(s): {1} converted, {2} skipped, {3} failed, {4} not verified. Report: {5}" -f $files.Count,
    @($rows | Where-Object Status -eq 'Converted').Count, @($rows | Where-Object Status -eq 'Skipped').Count, @($failed).Count,
    @($rows | Where-Object { -not $_.Verified }).Count, $Report
$rows
