<#
.SYNOPSIS
    What build.ps1 -Task Demo runs: converts the bundled example movie in every mode and prints the comparison.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1'),
    [string] $Movie = (Join-Path $PSScriptRoot 'data/nandb-50-big.tif'),
    [string] $OutDir = (Join-Path $PSScriptRoot '../output/demo')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

if (Test-Path $OutDir) { Remove-Item $OutDir -Recurse -Force }
New-Item -ItemType Directory $OutDir | Out-Null

Write-Host "`n== Photon transfer of $(Split-Path $Movie -Leaf): gain, zero level and read noise measured from the movie" -ForegroundColor Cyan
$ptc = Measure-PhotonTransfer -Path $Movie -PlotPath (Join-Path $OutDir 'photon-transfer.svg')
$ptc | Format-Table | Out-String -Width 130 | Write-Host

Write-Host "== Converting in each mode" -ForegroundColor Cyan
$results = foreach ($mode in 'Quantized', 'Lossless', 'Float') {
    ConvertTo-PhotonZarr -Path $Movie -DestinationPath (Join-Path $OutDir "$mode.zarr") -Mode $mode
}
$results | Format-Table | Out-String -Width 130 | Write-Host

Write-Host "== Does each archive read back within its documented bounds?" -ForegroundColor Cyan
$results | ForEach-Object { Test-PhotonRoundTrip -Path $Movie -ZarrPath $_.Destination -Detailed } | Format-Table | Out-String -Width 130 | Write-Host

Write-Host "== What the photon codec buys over raw integers under the same Blosc (in memory)" -ForegroundColor Cyan
Measure-PhotonCompression -Path $Movie -Baseline | Format-Table | Out-String -Width 130 | Write-Host

Write-Host "== First frames of the quantized archive, decoded" -ForegroundColor Cyan
Get-PhotonFrame -Path (Join-Path $OutDir 'Quantized.zarr') -First 3 | Format-Table | Out-String -Width 130 | Write-Host
Write-Host "Archives and the photon-transfer curve (photon-transfer.svg) are in $OutDir"
