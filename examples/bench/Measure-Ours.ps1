<#
.SYNOPSIS
    One case of build.ps1 -Task Bench, in a fresh process: the first call is the cold figure (JIT included), then
    -Repeat more calls give the warm figures. Writes one JSON object to stdout (the last line).
.DESCRIPTION
    Cases: Quantized, Lossless (ConvertTo-PhotonZarr with the parameters given), Estimated (parameters measured: the
    conversion's own EstimationSeconds over its Seconds), DecodeCore (PhotonArchive.ReadFrames of every frame),
    DecodeObjects (Get-PhotonFrame of every frame as objects), FrameV2 / FrameV3 (Get-PhotonFrame -Index of one random
    frame, 20 picks; also the Core alone), Memory (one conversion, peak working set), Batch (16 movies through the
    pipeline with -ThrottleLimit, or one ConvertTo-PhotonZarr call per file).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)]
    [ValidateSet('Quantized', 'Lossless', 'Estimated', 'DecodeCore', 'DecodeObjects', 'FrameV2', 'FrameV3', 'Memory', 'BatchConcurrent', 'BatchSequential', 'BloscOneThread')]
    [string] $Case,
    [Parameter(Mandatory)] [string] $Movie,   # a TIFF, an archive, or (Batch) a folder of TIFFs
    [Parameter(Mandatory)] [string] $Work,
    [int] $Repeat = 3,
    [double] $Gain, [double] $ZeroLevel, [double] $ReadNoise,
    [int] $ThrottleLimit = [Environment]::ProcessorCount
)
$ErrorActionPreference = 'Stop'
$importClock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModulePath -Force
$importSeconds = $importClock.Elapsed.TotalSeconds
$photon = @{ Gain = $Gain; ZeroLevel = $ZeroLevel; ReadNoise = $ReadNoise }

function Measure-Call([scriptblock] $Call) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $value = & $Call
    [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Value = $value }
}

$calls = [System.Collections.Generic.List[object]]::new()
$extra = @{}
switch ($Case) {
    { $_ -in 'Quantized', 'Lossless', 'Estimated' } {
        $given = if ($Case -eq 'Quantized') { $photon } else { @{} }
        $mode = if ($Case -eq 'Lossless') { 'Lossless' } else { 'Quantized' }
        for ($i = 0; $i -le $Repeat; $i++) {
            # The last call's archive is kept (as <Case>.zarr) for the decode cases and the ratio check.
            $dest = Join-Path $Work "$Case.zarr"
            $m = Measure-Call { ConvertTo-PhotonZarr -Path $Movie -DestinationPath $dest -Mode $mode -Force -WarningAction SilentlyContinue @given }
            $calls.Add([pscustomobject]@{ Seconds = $m.Seconds; EstimationSeconds = $m.Value.EstimationSeconds; InputBytes = $m.Value.InputBytes })
        }
        $extra.ChunkBytes = (Get-ChildItem -LiteralPath $dest -File | Where-Object Name -notlike '.*' | Measure-Object Length -Sum).Sum
    }
    'DecodeCore' {
        $archive = [PhotonCodec.Core.Pipeline.PhotonArchive]::Open($Movie)
        $buffer = [byte[]]::new([long]$archive.FrameCount * $archive.FramePixels * 2)
        for ($i = 0; $i -le $Repeat; $i++) {
            $m = Measure-Call { [PhotonCodec.Core.Pipeline.PhotonArchive]::Open($Movie).ReadFrames(0, $archive.FrameCount, $buffer, $false) }
            $calls.Add([pscustomobject]@{ Seconds = $m.Seconds; InputBytes = $buffer.LongLength })
        }
    }
    'DecodeObjects' {
        for ($i = 0; $i -le $Repeat; $i++) {
            $m = Measure-Call { $frames = Get-PhotonFrame -Path $Movie; $frames.Count }
            $archive = [PhotonCodec.Core.Pipeline.PhotonArchive]::Open($Movie)
            $calls.Add([pscustomobject]@{ Seconds = $m.Seconds; Frames = $m.Value; InputBytes = [long]$archive.FrameCount * $archive.FramePixels * 2 })
        }
    }
    { $_ -in 'FrameV2', 'FrameV3' } {
        $count = [PhotonCodec.Core.Pipeline.PhotonArchive]::Open($Movie).FrameCount
        $picks = 0..19 | ForEach-Object { ($_ * 7919 + 13) % $count }
        # Each call opens the archive afresh, as a viewer asking for one frame would.
        $calls.Add([pscustomobject]@{ Seconds = (Measure-Call { Get-PhotonFrame -Path $Movie -Index $picks[0] }).Seconds })
        foreach ($f in $picks) { $calls.Add([pscustomobject]@{ Seconds = (Measure-Call { Get-PhotonFrame -Path $Movie -Index $f }).Seconds }) }
        $archive = [PhotonCodec.Core.Pipeline.PhotonArchive]::Open($Movie)
        $buffer = [byte[]]::new($archive.FramePixels * 2)
        $core = foreach ($f in $picks) { (Measure-Call { [PhotonCodec.Core.Pipeline.PhotonArchive]::Open($Movie).ReadFrames($f, 1, $buffer, $false) }).Seconds }
        $extra.CoreSeconds = @($core)
    }
    'BloscOneThread' {
        # Our Blosc on one thread over the archive's codes, chunk by chunk: beside c-blosc's single-thread figure it
        # measures ZstdSharp against native zstd (the same frames, so the same work).
        $archive = [PhotonCodec.Core.Pipeline.PhotonArchive]::Open($Movie)
        $perChunk = $archive.FramesPerChunk
        $chunks = for ($first = 0; $first -lt $archive.FrameCount; $first += $perChunk) {
            $n = [math]::Min($perChunk, $archive.FrameCount - $first)
            $codes = [byte[]]::new($n * $archive.FramePixels * [PhotonCodec.Core.PixelTypeInfo]::Size($archive.StoredType))
            $archive.ReadFrames($first, $n, $codes, $true)
            , $codes
        }
        for ($i = 0; $i -le $Repeat; $i++) {
            $frames = [System.Collections.Generic.List[byte[]]]::new()
            $c = Measure-Call { foreach ($codes in $chunks) { $frames.Add([PhotonCodec.Core.Codecs.BloscCodec]::Compress($codes, [PhotonCodec.Core.PixelTypeInfo]::Size($archive.StoredType), 5, 'Bit', 0)) } }
            $d = Measure-Call { for ($k = 0; $k -lt $frames.Count; $k++) { $null = [PhotonCodec.Core.Codecs.BloscCodec]::Decompress($frames[$k], $chunks[$k]) } }
            $calls.Add([pscustomobject]@{ Seconds = $c.Seconds; DecompressSeconds = $d.Seconds })
        }
    }
    'Memory' {
        $m = Measure-Call { ConvertTo-PhotonZarr -Path $Movie -DestinationPath (Join-Path $Work 'memory.zarr') -Force -WarningAction SilentlyContinue @photon }
        $calls.Add([pscustomobject]@{ Seconds = $m.Seconds; InputBytes = $m.Value.InputBytes })
        $p = [Diagnostics.Process]::GetCurrentProcess()
        $p.Refresh()
        $extra.PeakWorkingSet = $p.PeakWorkingSet64
    }
    { $_ -in 'BatchConcurrent', 'BatchSequential' } {
        for ($i = 0; $i -le $Repeat; $i++) {
            $out = Join-Path $Work "$Case-$i"
            New-Item -ItemType Directory $out -Force | Out-Null
            $m = if ($Case -eq 'BatchConcurrent') {
                Measure-Call { @(Get-ChildItem -LiteralPath $Movie -Filter *.tif | ConvertTo-PhotonZarr -DestinationPath $out -ThrottleLimit $ThrottleLimit @photon).Count }
            }
            else {
                Measure-Call { $n = 0; foreach ($f in Get-ChildItem -LiteralPath $Movie -Filter *.tif) { $null = ConvertTo-PhotonZarr -LiteralPath $f.FullName -DestinationPath $out -ThrottleLimit 1 @photon; $n++ }; $n }
            }
            $calls.Add([pscustomobject]@{ Seconds = $m.Seconds; Files = $m.Value })
            Remove-Item -LiteralPath $out -Recurse -Force
        }
    }
}
[pscustomobject]@{
    Case = $Case
    ImportSeconds = $importSeconds
    JitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    Calls = @($calls)
    Extra = $extra
} | ConvertTo-Json -Depth 5 -Compress
