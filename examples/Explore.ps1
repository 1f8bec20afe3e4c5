<#
.SYNOPSIS
    An interactive tour of PhotonCodec on a movie: photon transfer, compression per mode, frames and statistics.
.EXAMPLE
    ./Explore.ps1                                  # uses the bundled example movie
.EXAMPLE
    ./Explore.ps1 -Movie ../../shared/data/thunder-mouse-vs1.tif -Gain 1.78 -ZeroLevel 13.9
#>
param(
    [string] $Movie = (Join-Path $PSScriptRoot 'data/nandb-50-big.tif'),
    [string] $WorkDir = (Join-Path ([System.IO.Path]::GetTempPath()) 'photoncodec-explore'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1'),
    [double] $Gain = 1.0,
    [double] $ZeroLevel = 0,
    [double] $ReadNoise = 0
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module PhotonCodec)) { Import-Module $ModulePath }
New-Item -ItemType Directory $WorkDir -Force | Out-Null

Write-Host "`n1. The detector: levels per photon, zero level, read noise (the bundled movie counts photons)" -ForegroundColor Cyan
$photon = @{ Gain = $Gain; ZeroLevel = $ZeroLevel; ReadNoise = $ReadNoise }
$photon | Out-Host

Write-Host "2. What would each mode store? (in memory, nothing written)" -ForegroundColor Cyan
Measure-PhotonCompression -Path $Movie -Baseline @photon | Format-Table | Out-String -Width 130 | Write-Host

Write-Host "3. Archive it (Quantized, the default) and look inside" -ForegroundColor Cyan
$zarr = Join-Path $WorkDir ([System.IO.Path]::GetFileNameWithoutExtension($Movie) + '.zarr')
$result = ConvertTo-PhotonZarr -Path $Movie -DestinationPath $zarr -Force @photon
$result | Format-List Source, Destination, Mode, Frames, DType, Ratio, Gain, ZeroLevel, ReadNoise, Beta, ParameterSource | Out-Host
Measure-PhotonCompression -Path $zarr -PerChunk | Format-Table | Out-String -Width 130 | Write-Host

Write-Host "4. Frames are objects: statistics at a glance, pixels when you need them" -ForegroundColor Cyan
$frames = Get-PhotonFrame -Path $zarr -Index 0, 1, -1
$frames | Format-Table | Out-String -Width 130 | Write-Host
$image = $frames[0].ToArray()
"Frame 0 as a 2-D array: {0} x {1}, pixel [0,0] = {2}" -f $image.GetLength(0), $image.GetLength(1), $image[0, 0] | Out-Host
"Mean of the frame means: {0:N2}" -f ($frames | Measure-Object Mean -Average).Average | Out-Host

Write-Host "5. Is the archive within its documented error bounds?" -ForegroundColor Cyan
Test-PhotonRoundTrip -Path $Movie -ZarrPath $zarr -Detailed | Format-List | Out-Host
