<#
.SYNOPSIS
    What build.ps1 -Task Bench runs: PhotonCodec against the Python peer (tifffile + numpy + zarr 2.13/numcodecs with
    the same Blosc zstd 5 bitshuffle and chunks) on the same movie in the same run, warm and cold, with the targets
    of the performance issue as gates.
.DESCRIPTION
    Makes the synthetic two-photon movie of ../shared/tools/make_movie.py (1000 × 256 × 256 uint16, gain 30). Each of
    our paths runs in a fresh pwsh (examples/bench/Measure-Ours.ps1): its first call is the cold figure (JIT
    included), the median of -Repeat more calls the warm one. The peer (examples/bench/peer.py) does the same in one
    Python process. Rows: Quantized and Lossless encode (TIFF → archive on disk), decode in the Core and through
    Get-PhotonFrame, one random frame (v2 with 100-frame chunks, v3 sharded), peak memory converting 8000 vs 1000
    frames, a batch of 16 small movies with -ThrottleLimit vs one at a time, the estimation's share of a conversion
    (the conversion's own EstimationSeconds over its Seconds, so never negative) and the stored bytes against
    numcodecs on identical values. Prints the table, writes bench.json and bench.md under -OutputPath, and exits 1
    when a target is missed unless -NoGate.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench -NoGate
.EXAMPLE
    dotnet pwsh ./examples/Benchmark.ps1 -Frames 300 -NoGate
#>
param(
    [int] $Frames = 1000,
    [int] $Size = 256,
    [int] $Repeat = 3,
    [int] $MemoryFrames = 8000,
    [int] $BatchFiles = 16,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../output/bench'),
    [switch] $NoGate
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).Path
$python = '/usr/bin/python3'
$makeMovie = Join-Path $PSScriptRoot '../../shared/tools/make_movie.py'
$worker = Join-Path $PSScriptRoot 'bench/Measure-Ours.ps1'
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$work = Join-Path ([IO.Path]::GetTempPath()) ("photoncodec-bench-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory $work | Out-Null

function Get-Median([double[]] $Values) {
    $s = @($Values | Sort-Object)
    if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}

# One case of ours in a fresh process; its last output line is the JSON.
function Invoke-Ours([string] $Case, [string] $Movie, [int] $Times = $Repeat) {
    Write-Host "  ours: $Case"
    $out = & dotnet $pwshDll -NoProfile -NonInteractive -File $worker -ModulePath $ModulePath -Case $Case -Movie $Movie -Work $work `
        -Repeat $Times -Gain $truth.gain -ZeroLevel $truth.zero_level -ReadNoise $truth.read_noise
    if ($LASTEXITCODE -ne 0) { throw "bench case $Case failed (exit $LASTEXITCODE): $($out -join "`n")" }
    @($out)[-1] | ConvertFrom-Json
}

function New-Movie([string] $Path, [int] $Count, [int] $Height, [int] $Width, [int] $Seed = 0) {
    $null = & $python $makeMovie $Path --frames $Count --size $Height $Width --gain 30 --seed $Seed
    if ($LASTEXITCODE -ne 0) { throw "make_movie.py failed for $Path" }
    Get-Content -Raw "$Path.json" | ConvertFrom-Json
}

try {
    $load = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3
    Write-Host "== Bench: $Frames × $Size × $Size uint16, $([Environment]::ProcessorCount) cores, load average $($load -join ' ')" -ForegroundColor Cyan
    $movie = Join-Path $work 'movie.tif'
    $truth = New-Movie $movie $Frames $Size $Size
    $movieMB = [long]$Frames * $Size * $Size * 2 / 1e6

    $q = Invoke-Ours Quantized $movie
    $l = Invoke-Ours Lossless $movie
    $e = Invoke-Ours Estimated $movie
    $dc = Invoke-Ours DecodeCore (Join-Path $work 'Quantized.zarr')
    $do = Invoke-Ours DecodeObjects (Join-Path $work 'Quantized.zarr')
    $f2 = Invoke-Ours FrameV2 (Join-Path $work 'Quantized.zarr')
    Import-Module $ModulePath
    $null = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'QuantizedV3.zarr') -Format ZarrV3 -Gain $truth.gain -ZeroLevel $truth.zero_level -ReadNoise $truth.read_noise
    $f3 = Invoke-Ours FrameV3 (Join-Path $work 'QuantizedV3.zarr')
    $b1 = Invoke-Ours BloscOneThread (Join-Path $work 'Quantized.zarr')

    Write-Host "  peer: tifffile + numpy + zarr $(& $python -c 'import zarr, numcodecs; print(zarr.__version__, numcodecs.__version__)')"
    $peerJson = & $python (Join-Path $PSScriptRoot 'bench/peer.py') $movie $work $Repeat
    if ($LASTEXITCODE -ne 0) { throw "peer.py failed (exit $LASTEXITCODE)" }
    $peer = $peerJson | Select-Object -Last 1 | ConvertFrom-Json

    # Memory: the 1000-frame movie and the same frames eight times over, each converted in its own process.
    Write-Host "  memory: $Frames vs $MemoryFrames frames"
    $long = Join-Path $work 'long.tif'
    & $python -c @"
import sys, tifffile, numpy as np
a = tifffile.imread(sys.argv[1])
with tifffile.TiffWriter(sys.argv[2], bigtiff=True) as w:
    for i in range(int(sys.argv[3]) // a.shape[0]):
        w.write(a, contiguous=True)
"@ $movie $long $MemoryFrames
    if ($LASTEXITCODE -ne 0) { throw 'writing the long movie failed' }
    $mShort = Invoke-Ours Memory $movie 0
    $mLong = Invoke-Ours Memory $long 0
    Remove-Item -LiteralPath $long, (Join-Path $work 'memory.zarr') -Recurse -Force -ErrorAction SilentlyContinue

    # Batch: 16 small movies through the pipeline with -ThrottleLimit, and one ConvertTo-PhotonZarr call per file.
    Write-Host "  batch: $BatchFiles movies"
    $batch = Join-Path $work 'batch'
    New-Item -ItemType Directory $batch | Out-Null
    $small = New-Movie (Join-Path $batch 'movie-00.tif') 200 128 128 1
    Remove-Item (Join-Path $batch 'movie-00.tif.json')
    1..($BatchFiles - 1) | ForEach-Object { Copy-Item (Join-Path $batch 'movie-00.tif') (Join-Path $batch ('movie-{0:d2}.tif' -f $_)) }
    $bc = Invoke-Ours BatchConcurrent $batch 1
    $bs = Invoke-Ours BatchSequential $batch 1

    $ms = { param($s) [math]::Round(1000 * $s, 2) }
    $rows = [System.Collections.Generic.List[object]]::new()
    function Add-Row([string] $Path, [string] $Unit, $OursWarm, $OursCold, $PeerWarm, $PeerCold, [string] $Native, [string] $Target, [double] $Limit, [bool] $HigherIsBetter = $true, $Value = $null) {
        # Speeds and latencies alike: ours over the peer's (a speed target is a floor, a latency target a ceiling).
        $ratio = if ($null -ne $Value) { $Value } elseif ($PeerWarm) { $OursWarm / $PeerWarm } else { $null }
        $coldRatio = if ($PeerCold -and $null -ne $OursCold) { $OursCold / $PeerCold } else { $null }
        $met = if ($null -eq $ratio) { $false } elseif ($HigherIsBetter) { $ratio -ge $Limit } else { $ratio -le $Limit }
        $rows.Add([pscustomobject]@{
                Path = $Path; Unit = $Unit
                OursWarm = $OursWarm; OursCold = $OursCold; PeerWarm = $PeerWarm; PeerCold = $PeerCold
                Ratio = $ratio; ColdRatio = $coldRatio; Native = $Native; Target = $Target; Met = $met
            })
    }
    $mbps = { param($seconds) if ($seconds) { $movieMB / $seconds } else { $null } }
    $warm = { param($r) Get-Median @($r.Calls | Select-Object -Skip 1 | ForEach-Object Seconds) }
    $cold = { param($r) $r.Calls[0].Seconds }
    $oursCompress = & $mbps (Get-Median @($b1.Calls | Select-Object -Skip 1 | ForEach-Object Seconds))
    $oursDecompress = & $mbps (Get-Median @($b1.Calls | Select-Object -Skip 1 | ForEach-Object DecompressSeconds))
    $nativeEncode = 'Blosc on the codes, 1 thread: c-blosc {0:N0} MB/s, ours {1:N0} MB/s; tifffile read {2:N0} MB/s' -f (& $mbps $peer.Native.CompressCodes), $oursCompress, (& $mbps $peer.Native.TiffRead)
    $nativeDecode = 'Blosc on the codes, 1 thread: c-blosc {0:N0} MB/s, ours {1:N0} MB/s' -f (& $mbps $peer.Native.DecompressCodes), $oursDecompress

    Add-Row 'Quantized encode (parameters given)' 'MB/s' (& $mbps (& $warm $q)) (& $mbps (& $cold $q)) (& $mbps (Get-Median $peer.Quantized.warm)) (& $mbps $peer.Quantized.cold) $nativeEncode '>= 2x' 2
    Add-Row 'Lossless encode' 'MB/s' (& $mbps (& $warm $l)) (& $mbps (& $cold $l)) (& $mbps (Get-Median $peer.Lossless.warm)) (& $mbps $peer.Lossless.cold) $nativeEncode '>= 1.5x' 1.5
    Add-Row 'decode, Core ReadFrames' 'MB/s' (& $mbps (& $warm $dc)) (& $mbps (& $cold $dc)) (& $mbps (Get-Median $peer.Decode.warm)) (& $mbps $peer.Decode.cold) $nativeDecode '>= 2x' 2
    Add-Row 'decode, Get-PhotonFrame objects' 'MB/s' (& $mbps (& $warm $do)) (& $mbps (& $cold $do)) (& $mbps (Get-Median $peer.Decode.warm)) (& $mbps $peer.Decode.cold) $nativeDecode '>= 1.5x' 1.5
    $peerFrame = Get-Median $peer.Frame.warm
    Add-Row 'one random frame, v2 100-frame chunks (Get-PhotonFrame)' 'ms' (& $ms (& $warm $f2)) (& $ms (& $cold $f2)) (& $ms $peerFrame) (& $ms $peer.Frame.cold) ('Core alone: {0:N2} ms' -f (& $ms (Get-Median $f2.Extra.CoreSeconds))) '<= 0.1x' 0.1 $false
    Add-Row 'one random frame, v3 sharded (Get-PhotonFrame)' 'ms' (& $ms (& $warm $f3)) (& $ms (& $cold $f3)) (& $ms $peerFrame) (& $ms $peer.Frame.cold) ('Core alone: {0:N2} ms' -f (& $ms (Get-Median $f3.Extra.CoreSeconds))) '<= 0.05x' 0.05 $false
    Add-Row "memory: peak working set converting $MemoryFrames frames" 'MB' ($mLong.Extra.PeakWorkingSet / 1e6) $null $null $null ('{0:N0} MB converting {1} frames' -f ($mShort.Extra.PeakWorkingSet / 1e6), $Frames) '<= 1.10x' 1.10 $false ($mLong.Extra.PeakWorkingSet / $mShort.Extra.PeakWorkingSet)
    $seqSeconds = & $warm $bs; $conSeconds = & $warm $bc
    Add-Row "batch: $BatchFiles movies in one pipeline, -ThrottleLimit $([Environment]::ProcessorCount)" 's' $conSeconds (& $cold $bc) $null $null ('one ConvertTo-PhotonZarr per file, -ThrottleLimit 1: {0:N2} s' -f $seqSeconds) '>= 1.6x' 1.6 $true ($seqSeconds / $conSeconds)
    $shareWarm = Get-Median @($e.Calls | Select-Object -Skip 1 | ForEach-Object { $_.EstimationSeconds / $_.Seconds })
    $shareCold = $e.Calls[0].EstimationSeconds / $e.Calls[0].Seconds
    $estText = 'conversion {0:N2} s warm, {1:N2} s cold' -f (& $warm $e), (& $cold $e)
    Add-Row 'estimation share of a conversion, warm' '%' (100 * $shareWarm) $null $null $null $estText '<= 15 %' 0.15 $false $shareWarm
    Add-Row 'estimation share of a conversion, cold' '%' $null (100 * $shareCold) $null $null $estText '<= 30 %' 0.30 $false $shareCold
    $qParity = $q.Extra.ChunkBytes / $peer.ChunkBytes.Quantized
    $lParity = $l.Extra.ChunkBytes / $peer.ChunkBytes.Lossless
    Add-Row 'stored bytes vs numcodecs, Quantized codes' 'MB' ($q.Extra.ChunkBytes / 1e6) $null ($peer.ChunkBytes.Quantized / 1e6) $null '' 'within 1 %' 0.01 $false ([math]::Abs($qParity - 1))
    Add-Row 'stored bytes vs numcodecs, Lossless' 'MB' ($l.Extra.ChunkBytes / 1e6) $null ($peer.ChunkBytes.Lossless / 1e6) $null '' 'within 1 %' 0.01 $false ([math]::Abs($lParity - 1))

    $fmt = { param($v, $digits = 1) if ($null -eq $v -or ($v -is [string] -and $v -eq '')) { '' } else { [math]::Round([double]$v, $digits).ToString() } }
    $ratioText = {
        param($r)
        if ($r.Path -like 'stored bytes*') { '{0:N3}x' -f ($r.OursWarm / $r.PeerWarm) }
        elseif ($r.Unit -eq '%') { '{0:N1} %' -f (100 * $r.Ratio) }
        else { '{0:N2}x' -f $r.Ratio }
    }
    $table = $rows | ForEach-Object {
        [pscustomobject]@{
            Path = $_.Path; Unit = $_.Unit
            'Ours warm' = & $fmt $_.OursWarm; 'Ours cold' = & $fmt $_.OursCold
            'Peer warm' = & $fmt $_.PeerWarm; 'Peer cold' = & $fmt $_.PeerCold
            Ratio = & $ratioText $_; 'Cold ratio' = if ($null -ne $_.ColdRatio) { '{0:N2}x' -f $_.ColdRatio } else { '' }
            Target = $_.Target; Met = $_.Met; 'Native limit' = $_.Native
        }
    }
    $table | Format-Table -AutoSize | Out-String -Width 250 | Write-Host

    $jit = [ordered]@{}
    foreach ($r in $q, $l, $e, $dc, $do, $f2, $f3, $b1) { $jit[$r.Case] = [ordered]@{ ImportSeconds = $r.ImportSeconds; JitMethods = $r.JitMethods } }
    $report = [ordered]@{
        Date = (Get-Date).ToUniversalTime().ToString('o')
        Movie = "$Frames x $Size x $Size uint16, make_movie.py gain 30"
        Cores = [Environment]::ProcessorCount
        LoadAverage = $load -join ' '
        Repeat = $Repeat
        PeerBloscThreads = $peer.Native.BloscThreads
        Rows = $rows
        Processes = $jit
    }
    New-Item -ItemType Directory $OutputPath -Force | Out-Null
    $report | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $OutputPath 'bench.json')
    $md = [System.Text.StringBuilder]::new()
    $null = $md.AppendLine('| path | ours warm | ours cold | peer warm | peer cold | ratio (warm) | ratio (cold) | target | met | native limit |')
    $null = $md.AppendLine('|---|---|---|---|---|---|---|---|---|---|')
    foreach ($t in $table) {
        $null = $md.AppendLine(('| {0} ({1}) | {2} | {3} | {4} | {5} | {6} | {7} | {8} | {9} | {10} |' -f $t.Path, $t.Unit, $t.'Ours warm', $t.'Ours cold', $t.'Peer warm', $t.'Peer cold', $t.Ratio, $t.'Cold ratio', $t.Target, $(if ($t.Met) { 'yes' } else { '**no**' }), $t.'Native limit'))
    }
    $md.ToString() | Set-Content (Join-Path $OutputPath 'bench.md')
    Write-Host "Written: $(Join-Path $OutputPath 'bench.json'), bench.md (load average at start: $($load -join ' '); now: $(((Get-Content /proc/loadavg) -split ' ' | Select-Object -First 3) -join ' '))"

    $missed = @($rows | Where-Object { -not $_.Met })
    if ($missed) {
        Write-Host "Targets missed: $($missed.Path -join '; ')"
        if (-not $NoGate) { exit 1 }
    }
    else { Write-Host 'Every target met.' }
}
finally {
    Remove-Module PhotonCodec -ErrorAction SilentlyContinue
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
