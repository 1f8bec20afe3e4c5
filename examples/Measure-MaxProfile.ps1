<#
.SYNOPSIS
    Produces the README's "The Max profile" table: per movie, the ratio of the default profile, the Max profile, the
    reference photon codec's layout and raw Blosc, the order-0 entropy bound of the codes, and encode/decode speed.
.DESCRIPTION
    Movies: the synthetic two-photon movie of make_movie.py with its defaults (500 × 256 × 256 uint16, true
    parameters from its .json) and every TIFF in ../shared/data (parameters estimated once, as a default conversion
    does, then given to every row so all rows quantize the same way).
    Columns: Quantized ratio, default profile (codes + Blosc zstd5 bitshuffle) and Max (-Profile Max), and Max over
    default; the reference codec's layout (-Transform Anscombe codes under the same Blosc); raw Blosc (the input
    integers under Blosc zstd5 bitshuffle = Lossless default); the order-0 entropy bound of the default codes
    (input bits per pixel / entropy of the codes); Lossless default and Max; encode and decode seconds of a
    Quantized archive written to disk (ConvertTo-PhotonZarr with the parameters given, Get-PhotonFrame of every
    frame), default and Max, and Max's speed relative to the default's. Decoded levels of Max and default archives
    are compared (Same). A function perf's -Task Bench can call: Measure-MaxProfile (dot-source this script).
.EXAMPLE
    dotnet pwsh ./examples/Measure-MaxProfile.ps1 -Markdown
.EXAMPLE
    . ./examples/Measure-MaxProfile.ps1 -NoRun; Measure-MaxProfile -Movie ../shared/data/thunder-mouse-vs1.tif
#>
param(
    [string[]] $Movie,
    [string] $WorkPath = (Join-Path ([IO.Path]::GetTempPath()) 'photoncodec-max'),
    [switch] $Markdown,
    [switch] $NoRun
)

$repo = Split-Path $PSScriptRoot -Parent
if (-not (Get-Module PhotonCodec)) { Import-Module (Join-Path $repo 'output/PhotonCodec/PhotonCodec.psd1') }

function Measure-MaxProfile {
    param([string[]] $Movie, [string] $WorkPath = (Join-Path ([IO.Path]::GetTempPath()) 'photoncodec-max'))
    New-Item -ItemType Directory -Force $WorkPath | Out-Null
    if (-not $Movie) {
        $synthetic = Join-Path $WorkPath 'synthetic-2p.tif'
        if (-not (Test-Path $synthetic)) { $null = & /usr/bin/python3 (Join-Path $repo '../shared/tools/make_movie.py') $synthetic }
        $Movie = @($synthetic) + (Get-ChildItem (Join-Path $repo '../shared/data') -Filter *.tif | ForEach-Object FullName)
    }
    foreach ($m in $Movie) {
        $truthFile = "$m.json"
        $p = if (Test-Path $truthFile) {
            $t = Get-Content -Raw $truthFile | ConvertFrom-Json
            @{ Gain = $t.ptc_gain; ZeroLevel = $t.zero_level; ReadNoise = $t.read_noise }
        }
        else {
            $e = Measure-PhotonTransfer -Path $m -WarningAction SilentlyContinue
            @{ Gain = $e.Gain; ZeroLevel = $e.ZeroLevel; ReadNoise = $e.ReadNoise }
        }
        $q = Measure-PhotonCompression -Path $m -Mode Quantized, Lossless @p -WarningAction SilentlyContinue
        $qm = Measure-PhotonCompression -Path $m -Mode Quantized, Lossless -Profile Max @p -WarningAction SilentlyContinue
        $ref = Measure-PhotonCompression -Path $m -Mode Quantized -Transform Anscombe @p -WarningAction SilentlyContinue
        $inBits = $q[0].BitsPerPixel * $q[0].Ratio # input bits per pixel
        $stem = Join-Path $WorkPath ([IO.Path]::GetFileNameWithoutExtension($m))
        $times = @{}
        foreach ($profile in 'Default', 'Max') {
            $zarr = "$stem-$profile.zarr"
            $w = [Diagnostics.Stopwatch]::StartNew()
            $null = ConvertTo-PhotonZarr -Path $m -DestinationPath $zarr -Profile $profile -Force @p -WarningAction SilentlyContinue
            $encode = $w.Elapsed.TotalSeconds
            $w.Restart()
            $frames = Get-PhotonFrame -Path $zarr
            $decode = $w.Elapsed.TotalSeconds
            $times[$profile] = @{ Encode = $encode; Decode = $decode; Levels = ($frames | ForEach-Object { $_.Pixels -join ',' }) -join ';' }
        }
        [pscustomobject]@{
            Movie             = [IO.Path]::GetFileName($m)
            Default           = [math]::Round($q[0].Ratio, 2)
            Max               = [math]::Round($qm[0].Ratio, 2)
            MaxOverDefault    = [math]::Round($qm[0].Ratio / $q[0].Ratio, 3)
            ReferenceLayout   = [math]::Round($ref.Ratio, 2)
            RawBlosc          = [math]::Round($q[1].Ratio, 2)
            EntropyBound      = [math]::Round($inBits / $q[0].EntropyBitsPerPixel, 2)
            Lossless          = [math]::Round($q[1].Ratio, 2)
            LosslessMax       = [math]::Round($qm[1].Ratio, 2)
            LosslessMaxOver   = [math]::Round($qm[1].Ratio / $q[1].Ratio, 3)
            EncodeSeconds     = '{0:N2} / {1:N2}' -f $times.Default.Encode, $times.Max.Encode
            EncodeSpeed       = [math]::Round($times.Default.Encode / $times.Max.Encode, 2)
            DecodeSeconds     = '{0:N2} / {1:N2}' -f $times.Default.Decode, $times.Max.Decode
            DecodeSpeed       = [math]::Round($times.Default.Decode / $times.Max.Decode, 2)
            Same              = $times.Default.Levels -eq $times.Max.Levels
            LosslessExact     = $qm[1].MaxAbsError -eq 0
        }
    }
}

if (-not $NoRun) {
    $rows = Measure-MaxProfile -Movie $Movie -WorkPath $WorkPath
    if ($Markdown) {
        $cols = $rows[0].PSObject.Properties.Name
        '| ' + ($cols -join ' | ') + ' |'
        '|' + (($cols | ForEach-Object { '---' }) -join '|') + '|'
        foreach ($r in $rows) { '| ' + (($cols | ForEach-Object { $r.$_ }) -join ' | ') + ' |' }
    }
    else { $rows | Format-Table -AutoSize | Out-String -Width 250 }
}
