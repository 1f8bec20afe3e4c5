<#
.SYNOPSIS
    Migrates a folder tree of TIFF movies to a mirror tree of .zarr archives, verifies each, and writes a CSV report.
.DESCRIPTION
    For every *.tif / *.tiff under -Source, writes <Destination>/<same relative folder>/<name>.zarr with
    ConvertTo-PhotonZarr, then checks it with Test-PhotonRoundTrip. Archives that already exist and verify are
    skipped (so an interrupted migration resumes where it stopped); ones that exist but do not verify are
    reported and left alone unless -Force. One failed file never stops the batch. Ctrl+C leaves no partial archive.
.EXAMPLE
    ./Convert-Archive.ps1 -Source /data/raw -Destination /archive/raw -Gain 30 -ZeroLevel 200 -ReadNoise 8 -Report /archive/raw/report.csv
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
    # The detector's photon parameters (needed by Quantized and Float modes).
    [double] $Gain,
    [double] $ZeroLevel,
    [double] $ReadNoise,
    [switch] $Force,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1')
)
$ErrorActionPreference = 'Continue'
if (-not (Get-Module PhotonCodec)) { Import-Module $ModulePath -ErrorAction Stop }

$sourceRoot = (Resolve-Path -LiteralPath $Source -ErrorAction Stop).ProviderPath
$files = @(Get-ChildItem -LiteralPath $sourceRoot -Recurse -File -Include *.tif, *.tiff)
$rows = [System.Collections.Generic.List[object]]::new()
$n = 0
foreach ($file in $files) {
    $n++
    Write-Progress -Id 10 -Activity 'Convert-Archive' -Status "$n of $($files.Count): $($file.Name)" -PercentComplete (100 * $n / [math]::Max(1, $files.Count))
    $relative = [System.IO.Path]::GetRelativePath($sourceRoot, $file.DirectoryName)
    $targetDir = Join-Path $Destination $relative
    $target = Join-Path $targetDir ($file.BaseName + '.zarr')
    $row = [ordered]@{ Source = $file.FullName; Destination = $target; Ratio = $null; Verified = $false; Status = '' }

    if ((Test-Path -LiteralPath $target) -and -not $Force) {
        $ok = Test-PhotonRoundTrip -LiteralPath $file.FullName -ZarrPath $target -ErrorAction SilentlyContinue
        if ($ok -eq $true) {
            $row.Ratio = [math]::Round((Measure-PhotonCompression -LiteralPath $target).Ratio, 2)
            $row.Verified = $true
            $row.Status = 'skipped (already archived and verified)'
        }
        else {
            $row.Status = 'exists but does not verify (use -Force to redo)'
        }
        $rows.Add([pscustomobject]$row)
        continue
    }
    if (-not $PSCmdlet.ShouldProcess($file.FullName, "Archive to $target")) { continue }
    if (-not (Test-Path -LiteralPath $targetDir)) { New-Item -ItemType Directory -Path $targetDir -Force | Out-Null }

    $errors = $null
    $photon = @{}
    # Only what the mode uses: the cmdlet warns about parameters that do not apply (Beta is Quantized's, none is Lossless's).
    if ($Mode -ne 'Lossless') { foreach ($name in 'Gain', 'ZeroLevel', 'ReadNoise') { if ($PSBoundParameters.ContainsKey($name)) { $photon[$name] = $PSBoundParameters[$name] } } }
    if ($Mode -eq 'Quantized') { $photon.Beta = $Beta }
    $result = ConvertTo-PhotonZarr -LiteralPath $file.FullName -DestinationPath $target -Mode $Mode -Force:$Force @photon -ErrorVariable errors -ErrorAction SilentlyContinue
    if (-not $result) {
        $row.Status = 'failed: ' + (($errors | ForEach-Object { $_.FullyQualifiedErrorId + ': ' + $_.Exception.Message }) -join '; ')
        Write-Warning "$($file.FullName): $($row.Status)"
        $rows.Add([pscustomobject]$row)
        continue
    }
    $row.Ratio = [math]::Round($result.Ratio, 2)
    $row.Verified = [bool](Test-PhotonRoundTrip -LiteralPath $file.FullName -ZarrPath $target)
    $row.Status = if ($row.Verified) { 'archived' } else { 'archived but verification FAILED' }
    $rows.Add([pscustomobject]$row)
}
Write-Progress -Id 10 -Activity 'Convert-Archive' -Completed

if ($rows.Count) {
    $reportDir = Split-Path $Report -Parent
    if ($reportDir -and -not (Test-Path $reportDir)) { New-Item -ItemType Directory $reportDir -Force | Out-Null }
    if ($PSCmdlet.ShouldProcess($Report, 'Write CSV report')) { $rows | Export-Csv -LiteralPath $Report -NoTypeInformation }
}
$verified = @($rows | Where-Object Verified).Count
$failed = @($rows | Where-Object { $_.Status -like 'failed*' -or $_.Status -like '*FAILED' -or $_.Status -like 'exists but*' }).Count
"{0} file(s): {1} verified, {2} need attention. Report: {3}" -f $rows.Count, $verified, $failed, $Report
$rows
