<#
.SYNOPSIS
    An interactive tour of PhotonCodec on a movie: photon transfer, compression per mode, frames and the round trip.
.DESCRIPTION
    Asks which movie to explore and the detector's gain, zero level and read noise (Enter keeps the default shown
    in brackets; an empty gain means "measure them from the movie"), then walks through five steps, waiting for Enter
    between them. With -NonInteractive, or when PowerShell runs non-interactively, it asks nothing and uses the
    parameters as given. All output goes to the host (Write-Host), so 6>$null silences it.
.EXAMPLE
    ./Explore.ps1                                  # asks; Enter everywhere explores the bundled example movie
.EXAMPLE
    ./Explore.ps1 -Movie ../../shared/data/thunder-mouse-vs1.tif -Gain 1.78 -ZeroLevel 13.9 -ReadNoise 0 -NonInteractive
#>
param(
    [string] $Movie = (Join-Path $PSScriptRoot 'data/nandb-50-big.tif'),
    [string] $WorkDir = (Join-Path ([System.IO.Path]::GetTempPath()) 'photoncodec-explore'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1'),
    # Detector parameters; leave Gain out to have all three measured from the movie.
    [Nullable[double]] $Gain,
    [double] $ZeroLevel = 0,
    [double] $ReadNoise = 0,
    # Ask nothing: use the parameters as given.
    [switch] $NonInteractive
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module PhotonCodec)) { Import-Module $ModulePath }
$interactive = -not $NonInteractive -and [Environment]::UserInteractive -and
    -not ([Environment]::GetCommandLineArgs() | Where-Object { $_ -like "-NonI*" })

function Show([string] $Text) { Write-Host $Text }
function Step([string] $Title) { Write-Host "`n$Title" -ForegroundColor Cyan }
function Ask([string] $Question, [string] $Default) {
    if (-not $interactive) { return $Default }
    $answer = Read-Host "$Question [$Default]"
    if ([string]::IsNullOrWhiteSpace($answer)) { $Default } else { $answer.Trim() }
}
function Pause-Tour { if ($interactive) { $null = Read-Host 'Enter for the next step' } }
function Table($InputObject) { Show (($InputObject | Format-Table | Out-String -Width 130).TrimEnd()) }

$Movie = Ask 'Movie to explore (a TIFF)' $Movie
$gainText = Ask 'Gain in levels per photon (empty: measure gain, zero level and read noise from the movie)' ($(if ($null -ne $Gain) { $Gain } else { '' }))
if ($gainText) {
    $Gain = [double]::Parse($gainText, [cultureinfo]::InvariantCulture)
    $ZeroLevel = [double]::Parse((Ask 'Zero level (the level with no light)' $ZeroLevel), [cultureinfo]::InvariantCulture)
    $ReadNoise = [double]::Parse((Ask 'Read noise in levels' $ReadNoise), [cultureinfo]::InvariantCulture)
}
else { $Gain = $null }
New-Item -ItemType Directory $WorkDir -Force | Out-Null

Step "1. The detector of $(Split-Path $Movie -Leaf): levels per photon, zero level, read noise"
$measured = Measure-PhotonTransfer -Path $Movie -WarningAction SilentlyContinue
if ($null -ne $Gain) {
    $photon = [ordered]@{ Gain = $Gain; ZeroLevel = $ZeroLevel; ReadNoise = $ReadNoise }
    Show 'Given:'
}
else {
    $photon = [ordered]@{ Gain = $measured.Gain; ZeroLevel = $measured.ZeroLevel; ReadNoise = $measured.ReadNoise }
    Show 'Measured from the movie (Measure-PhotonTransfer):'
}
foreach ($name in $photon.Keys) { Show ('  {0,-10} {1:G4}' -f $name, $photon[$name]) }
Show ("The movie's own photon transfer says gain {0:G4} ± {1:G2} (fit R² {2:0.000}); a given gain far from it means the bounds below do not hold." -f $measured.Gain, $measured.GainStdError, $measured.FitR2)
foreach ($w in $measured.Warnings) { Show "  note: $w" }
Pause-Tour

Step '2. What would each mode store? (in memory, nothing written)'
Table (Measure-PhotonCompression -Path $Movie -Baseline @photon)
Pause-Tour

Step '3. Archive it (Quantized, the default) and look inside'
$zarr = Join-Path $WorkDir ([System.IO.Path]::GetFileNameWithoutExtension($Movie) + '.zarr')
$result = ConvertTo-PhotonZarr -Path $Movie -DestinationPath $zarr -Force @photon
Show (($result | Format-List Source, Destination, Mode, Frames, DType, Ratio, Gain, ZeroLevel, ReadNoise, Beta, ParameterSource | Out-String).TrimEnd())
Table (Measure-PhotonCompression -LiteralPath $zarr -PerChunk)
Pause-Tour

Step '4. Frames are objects: statistics at a glance, pixels when you need them'
$frames = Get-PhotonFrame -LiteralPath $zarr -Index 0, 1, -1
Table $frames
$image = $frames[0].ToArray()
Show ("Frame 0 as a 2-D array: {0} x {1}, pixel [0,0] = {2}" -f $image.GetLength(0), $image.GetLength(1), $image[0, 0])
Show ("Mean of the frame means: {0:N2}" -f ($frames | Measure-Object Mean -Average).Average)
Pause-Tour

Step '5. Is the archive within its documented error bounds?'
Show ((Test-PhotonRoundTrip -LiteralPath $Movie -ZarrPath $zarr -Detailed | Format-List | Out-String).TrimEnd())
