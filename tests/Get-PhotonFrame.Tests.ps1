BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:tif = Join-Path $TestDrive 'thunder.tif'
    Copy-Item (Join-Path $SharedData 'thunder-mouse-vs1.tif') $tif
    $script:lossless = (ConvertTo-PhotonZarr -Path $tif -Mode Lossless -DestinationPath (Join-Path $TestDrive 'l.zarr')).Destination
    $script:quantized = (ConvertTo-PhotonZarr -Path $tif -DestinationPath (Join-Path $TestDrive 'q.zarr') -Gain 1.78 -ZeroLevel 13.9 -ReadNoise 0).Destination
    # Reference frames straight from tifffile, as int16 values per frame.
    $script:reference = Invoke-Python -Script @'
import sys, tifffile
a = tifffile.imread(sys.argv[1])
for i in (0, 3, 4, 5, 499):
    print(i, ','.join(str(v) for v in a[i].ravel()))
'@ -Arguments $tif | ForEach-Object { $i, $v = $_ -split ' ', 2; [pscustomobject]@{ Index = [int]$i; Values = [int[]]($v -split ',') } }
}

Describe 'Get-PhotonFrame' {
    It 'returns frame 0 identical to the source, with a 2-D ToArray()' {
        $f = Get-PhotonFrame -Path $lossless -Index 0
        $f.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.Frame'
        $f.DType | Should -Be 'int16'
        $f.Pixels.GetType().Name | Should -Be 'Int16[]'
        [int[]]$f.Pixels | Should -Be ($reference | Where-Object Index -eq 0).Values
        $a = $f.ToArray()
        $a.Rank | Should -Be 2
        $a.GetLength(0) | Should -Be 64
        $a[1, 2] | Should -Be $f.Pixels[66]
        $f.Mean | Should -BeGreaterThan 0
    }

    It 'counts negative indices from the end and accepts ranges' {
        (Get-PhotonFrame -Path $lossless -Index -1).Index | Should -Be 499
        [int[]](Get-PhotonFrame -Path $lossless -Index -1).Pixels | Should -Be ($reference | Where-Object Index -eq 499).Values
        (Get-PhotonFrame -Path $lossless -Index (3..5)).Index | Should -Be 3, 4, 5
        (Get-PhotonFrame -Path $lossless -First 2 -Skip 10).Index | Should -Be 10, 11
    }

    It 'reports an index out of range and still returns the others' {
        $errs = $null
        $frames = Get-PhotonFrame -Path $lossless -Index 1, 500, 2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $frames.Index | Should -Be 1, 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.FrameOutOfRange*'
    }

    It 'returns codes with -Raw and levels by default' {
        (Get-PhotonFrame -Path $quantized -Index 0 -Raw).DType | Should -BeIn 'uint8', 'uint16'
        $decoded = Get-PhotonFrame -Path $quantized -Index 0
        $decoded.DType | Should -Be 'int16'
        $orig = ($reference | Where-Object Index -eq 0).Values
        $max = 0
        for ($i = 0; $i -lt $orig.Length; $i++) { $max = [math]::Max($max, [math]::Abs($decoded.Pixels[$i] - $orig[$i])) }
        $max | Should -BeLessOrEqual 20
    }

    It 'reads one chunk for one frame and each chunk once for a run' {
        $v = Get-PhotonFrame -Path $lossless -Index 250 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $v.Message | Should -BeLike '*from 1 chunk read(s)*'
        $v = Get-PhotonFrame -Path $lossless -Index (150..249) -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $v.Message | Should -BeLike '*100 frame(s) from 2 chunk read(s)*'
    }

    It 'reads a plain 3-D zarr array written by zarr-python' {
        $plain = Join-Path $TestDrive 'plain.zarr'
        Invoke-Python -Script @'
import sys, zarr, numpy as np
from numcodecs import Blosc
z = zarr.open(sys.argv[1], mode='w', shape=(12, 6, 4), chunks=(5, 6, 4), dtype='<u2', compressor=Blosc(cname='zstd', shuffle=2))
z[:] = np.arange(12 * 6 * 4, dtype='<u2').reshape(12, 6, 4)
'@ -Arguments $plain | Out-Null
        $f = Get-PhotonFrame -Path $plain -Index 11
        $f.DType | Should -Be 'uint16'
        $f.Pixels[0] | Should -Be (11 * 24)
        $f.Max | Should -Be (12 * 24 - 1)
    }

    It 'reports a corrupt chunk with CorruptChunk' {
        $copy = Join-Path $TestDrive 'corrupt.zarr'
        Copy-Item $lossless $copy -Recurse
        $chunk = Join-Path $copy '2.0.0'
        $bytes = [IO.File]::ReadAllBytes($chunk)
        for ($i = 100; $i -lt $bytes.Length; $i += 7) { $bytes[$i] = $bytes[$i] -bxor 0x5A }
        [IO.File]::WriteAllBytes($chunk, $bytes)
        $errs = $null
        Get-PhotonFrame -Path $copy -Index 250 -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.CorruptChunk*'
        $errs[0].TargetObject | Should -Be $copy
    }
}
