<#
.SYNOPSIS
    What build.ps1 -Task Bench runs: speed and size of PhotonCodec against zarr-python + numcodecs (c-blosc 1.21)
    on the same movie in the same run, reported as ratios (no absolute thresholds: machines differ).
.DESCRIPTION
    Makes the synthetic two-photon movie of ../shared/tools/make_movie.py (default 1000 frames of 256×256 uint16),
    then times: ConvertTo-PhotonZarr in each mode; zarr-python writing the same raw integers (Lossless's peer) and the
    same quantized codes with the same Blosc settings; reading every frame back with Get-PhotonFrame (Core path) and
    with zarr-python. Prints one table.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
.EXAMPLE
    dotnet pwsh ./examples/Benchmark.ps1 -Frames 300
#>
param(
    [int] $Frames = 1000,
    [int] $Size = 256,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$work = Join-Path ([IO.Path]::GetTempPath()) ("photoncodec-bench-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory $work | Out-Null
try {
    $movie = Join-Path $work 'movie.tif'
    & /usr/bin/python3 (Join-Path $PSScriptRoot '../../shared/tools/make_movie.py') $movie --frames $Frames --size $Size $Size | Out-Host
    $truth = Get-Content -Raw "$movie.json" | ConvertFrom-Json
    $photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
    $inputMB = $Frames * $Size * $Size * 2 / 1e6

    $rows = [System.Collections.Generic.List[object]]::new()
    foreach ($mode in 'Lossless', 'Quantized', 'Float') {
        $given = if ($mode -eq 'Lossless') { @{} } else { $photon }   # Lossless takes no photon parameters
        $r = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work "$mode.zarr") -Mode $mode @given
        $rows.Add([pscustomobject]@{ What = "ConvertTo-PhotonZarr $mode"; Seconds = [math]::Round($r.Seconds, 2); MBps = [math]::Round($r.MBPerSecond, 1); Ratio = [math]::Round($r.Ratio, 2) })
    }
    # Photon-transfer estimation as a conversion pays for it (the issue: ≤ 20 % of the conversion's wall time):
    # the same Quantized conversion with the parameters left out, against the one above that was given them.
    # Measured after Measure-PhotonTransfer has run once, so both conversions are timed warm, as in a batch.
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $ptc = Measure-PhotonTransfer -Path $movie -WarningAction SilentlyContinue
    $rows.Add([pscustomobject]@{ What = 'Measure-PhotonTransfer alone (opens the TIFF, reads 220 frames)'; Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 2); MBps = $null; Ratio = $null })

    $estimated = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'Estimated.zarr') -WarningAction SilentlyContinue
    $rows.Add([pscustomobject]@{ What = ("ConvertTo-PhotonZarr Quantized, parameters estimated (gain {0:N2}, truth {1})" -f $estimated.Gain, $truth.gain); Seconds = [math]::Round($estimated.Seconds, 2); MBps = [math]::Round($estimated.MBPerSecond, 1); Ratio = [math]::Round($estimated.Ratio, 2) })

    $clock = [Diagnostics.Stopwatch]::StartNew()
    $n = (Get-PhotonFrame -Path (Join-Path $work 'Quantized.zarr') | Measure-Object).Count
    $read = $clock.Elapsed.TotalSeconds
    $rows.Add([pscustomobject]@{ What = "Get-PhotonFrame all $n frames (Quantized, decoded, as objects)"; Seconds = [math]::Round($read, 2); MBps = [math]::Round($inputMB / $read, 1); Ratio = $null })

    # One-frame latency: v2 with 100-frame chunks decodes a whole chunk per frame; v3 sharded reads the shard index
    # and one inner chunk. Each call opens the archive afresh, as a viewer asking for one frame would.
    $v3 = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'QuantizedV3.zarr') -Format ZarrV3 @photon
    $rows.Add([pscustomobject]@{ What = 'ConvertTo-PhotonZarr Quantized -Format ZarrV3 (100-frame shards, 1-frame inner chunks)'; Seconds = [math]::Round($v3.Seconds, 2); MBps = [math]::Round($v3.MBPerSecond, 1); Ratio = [math]::Round($v3.Ratio, 2) })
    $picks = 0..19 | ForEach-Object { ($_ * 7919 + 13) % $Frames }
    $latency = @{}
    foreach ($name in 'Quantized.zarr', 'QuantizedV3.zarr') {
        $null = Get-PhotonFrame -Path (Join-Path $work $name) -Index 0   # warm
        $clock = [Diagnostics.Stopwatch]::StartNew()
        foreach ($f in $picks) { $null = Get-PhotonFrame -Path (Join-Path $work $name) -Index $f }
        $latency[$name] = 1000 * $clock.Elapsed.TotalSeconds / $picks.Count
    }
    $rows.Add([pscustomobject]@{ What = ('Get-PhotonFrame one frame, v2 100-frame chunks: {0:N1} ms; v3 sharded: {1:N1} ms ({2:N1}x)' -f $latency['Quantized.zarr'], $latency['QuantizedV3.zarr'], ($latency['Quantized.zarr'] / $latency['QuantizedV3.zarr'])); Seconds = $null; MBps = $null; Ratio = $null })
    # The same through the Core alone (open the archive, decode one frame), without the cmdlet's per-frame objects.
    $core = @{}
    foreach ($name in 'Quantized.zarr', 'QuantizedV3.zarr') {
        $buffer = [byte[]]::new($Size * $Size * 2)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        foreach ($f in $picks) { [PhotonCodec.Core.Pipeline.PhotonArchive]::Open((Join-Path $work $name)).ReadFrames($f, 1, $buffer, $false) }
        $core[$name] = 1000 * $clock.Elapsed.TotalSeconds / $picks.Count
    }
    $rows.Add([pscustomobject]@{ What = ('PhotonArchive open + one frame (Core), v2: {0:N1} ms; v3 sharded: {1:N2} ms ({2:N0}x)' -f $core['Quantized.zarr'], $core['QuantizedV3.zarr'], ($core['Quantized.zarr'] / $core['QuantizedV3.zarr'])); Seconds = $null; MBps = $null; Ratio = $null })

    # The peer: zarr-python + numcodecs writing the same values with the same Blosc settings, and reading them back.
    $py = @'
import sys, time, json, numpy as np, tifffile, zarr
from numcodecs import Blosc
movie, work = sys.argv[1], sys.argv[2]
t = time.perf_counter(); a = tifffile.imread(movie); t_read_tiff = time.perf_counter() - t
comp = Blosc(cname='zstd', clevel=5, shuffle=Blosc.BITSHUFFLE)
chunks = (min(100, a.shape[0]),) + a.shape[1:]
def size(p):
    import os
    return sum(os.path.getsize(os.path.join(p, f)) for f in os.listdir(p) if not f.startswith('.'))
t = time.perf_counter(); zarr.save_array(work + '/peer-raw.zarr', a, chunks=chunks, compressor=comp); t_raw = time.perf_counter() - t
codes = zarr.open(work + '/Quantized.zarr', mode='r')[:]
t = time.perf_counter(); zarr.save_array(work + '/peer-codes.zarr', codes, chunks=chunks, compressor=comp); t_codes = time.perf_counter() - t
t = time.perf_counter(); z = zarr.open(work + '/Quantized.zarr', mode='r'); lut = np.asarray(z.attrs['photon']['decode_lut']); dec = lut[z[:]]; t_dec = time.perf_counter() - t
print(json.dumps(dict(tiff=t_read_tiff, raw=t_raw, raw_size=size(work + '/peer-raw.zarr'), codes=t_codes, codes_size=size(work + '/peer-codes.zarr'), decode=t_dec, nbytes=a.nbytes)))
'@
    $pyFile = Join-Path $work 'peer.py'
    Set-Content $pyFile $py
    $peer = & /usr/bin/python3 $pyFile $movie $work | ConvertFrom-Json
    $rows.Add([pscustomobject]@{ What = 'peer: tifffile.imread + zarr.save_array raw (Lossless peer)'; Seconds = [math]::Round($peer.tiff + $peer.raw, 2); MBps = [math]::Round($inputMB / ($peer.tiff + $peer.raw), 1); Ratio = [math]::Round($peer.nbytes / $peer.raw_size, 2) })
    $rows.Add([pscustomobject]@{ What = 'peer: zarr.save_array of our codes (codes only, no transform)'; Seconds = [math]::Round($peer.codes, 2); MBps = [math]::Round($inputMB / $peer.codes, 1); Ratio = [math]::Round($peer.nbytes / $peer.codes_size, 2) })
    $rows.Add([pscustomobject]@{ What = 'peer: zarr-python read + numpy decode_lut of the Quantized archive'; Seconds = [math]::Round($peer.decode, 2); MBps = [math]::Round($inputMB / $peer.decode, 1); Ratio = $null })
    $rows | Format-Table -AutoSize | Out-String -Width 140 | Write-Host

    $ours = $rows | Where-Object What -eq 'ConvertTo-PhotonZarr Lossless'
    $q = $rows | Where-Object What -eq 'ConvertTo-PhotonZarr Quantized'
    "Lossless: {0:N2}x the peer's speed, stored size {1:N3}x the peer's." -f (($peer.tiff + $peer.raw) / $ours.Seconds), ($peer.nbytes / $peer.raw_size / $ours.Ratio)
    "Quantized chunks vs numcodecs on the same codes: size {0:N3}x." -f ((Get-ChildItem (Join-Path $work 'Quantized.zarr') -File | Where-Object Name -notlike '.*' | Measure-Object Length -Sum).Sum / $peer.codes_size)
    "Photon-transfer estimation added {0:N0} % to the Quantized conversion's wall time ({1:N2} s vs {2:N2} s given the parameters)." -f (100 * ($estimated.Seconds - $q.Seconds) / $q.Seconds), $estimated.Seconds, $q.Seconds
    "Quantized ratio {0:N2} vs Lossless {1:N2}: the photon codec stores {2:N2}x less than raw integers." -f $q.Ratio, $ours.Ratio, ($q.Ratio / $ours.Ratio)
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
