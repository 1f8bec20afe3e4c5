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
        $a.GetLength(1) | Should -Be 64
        $a.GetType().GetElementType().Name | Should -Be 'Int16'
        $ref = ($reference | Where-Object Index -eq 0).Values
        $bad = 0
        for ($y = 0; $y -lt 64; $y++) { for ($x = 0; $x -lt 64; $x++) { if ($a[$y, $x] -ne $ref[$y * 64 + $x]) { $bad++ } } }
        $bad | Should -Be 0 -Because 'ToArray()[row, column] is the row-major frame'
        $f.Min | Should -Be ($ref | Measure-Object -Minimum).Minimum
        $f.Max | Should -Be ($ref | Measure-Object -Maximum).Maximum
        $f.Mean | Should -BeGreaterThan 0
        [math]::Round($f.Mean, 6) | Should -Be ([math]::Round(($ref | Measure-Object -Average).Average, 6))
        $f.Height, $f.Width | Should -Be 64, 64
    }

    It 'binds the Destination of a conversion result from the pipeline' {
        $r = ConvertTo-PhotonZarr -Path $tif -Mode Lossless -DestinationPath (Join-Path $TestDrive 'piped.zarr')
        $f = $r | Get-PhotonFrame -Index 4
        $f | Should -HaveCount 1
        [int[]]$f.Pixels | Should -Be ($reference | Where-Object Index -eq 4).Values
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
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.FrameOutOfRange*'
        $errs[0].TargetObject | Should -Be $lossless
        $errs[0].Exception.Message | Should -BeLike '*500*'
        $errs = $null
        (Get-PhotonFrame -Path $lossless -Index -501, -500 -ErrorVariable errs -ErrorAction SilentlyContinue).Index | Should -Be 0
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
        $v = Get-PhotonFrame -Path $lossless -Index (0..199) -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $v.Message | Should -BeLike '*200 frame(s) from 2 chunk read(s)*'
    }

    It 'does not touch the chunks it does not need (the others are corrupt and it still works)' {
        $copy = Join-Path $TestDrive 'mostly-corrupt.zarr'
        Copy-Item $lossless $copy -Recurse
        foreach ($c in 0, 1, 3, 4) {
            $chunk = Join-Path $copy "$c.0.0"
            $bytes = [IO.File]::ReadAllBytes($chunk)
            for ($i = 16; $i -lt $bytes.Length; $i++) { $bytes[$i] = 0xFF }
            [IO.File]::WriteAllBytes($chunk, $bytes)
        }
        $f = Get-PhotonFrame -Path $copy -Index 250, 299, -250 -ErrorAction Stop
        $f.Index | Should -Be 250, 299, 250
        [int[]]$f[0].Pixels | Should -Not -BeNullOrEmpty
        { Get-PhotonFrame -Path $copy -Index 100 -ErrorAction Stop } | Should -Throw -ErrorId 'PhotonCodec.CorruptChunk*'
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
        $a = $f.ToArray()
        $a.GetLength(0), $a.GetLength(1) | Should -Be 6, 4
        $a[5, 3] | Should -Be (11 * 24 + 5 * 4 + 3)
        $v = Get-PhotonFrame -Path $plain -Index (3..6) -Verbose 4>&1
        ($v | Where-Object { $_ -is [PhotonCodec.Frame] }).Index | Should -Be 3, 4, 5, 6
        ($v | Where-Object { $_ -is [PhotonCodec.Frame] })[2].Pixels[0] | Should -Be (5 * 24)
        ($v | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -BeLike '*4 frame(s) from 2 chunk read(s)*'
        (Get-PhotonFrame -Path $plain -Index -1 -Raw).Pixels[-1] | Should -Be (12 * 24 - 1)
    }

    It 'refuses arrays it cannot read with UnsupportedZarr, naming the compressor, and reads an uncompressed one' {
        Invoke-Python -Script @'
import sys, os, zarr, numpy as np
from numcodecs import BZ2
root = sys.argv[1]
a = np.arange(4 * 3 * 2, dtype='<i2').reshape(4, 3, 2)
zarr.open(os.path.join(root, 'bz2.zarr'), mode='w', shape=a.shape, chunks=(2, 3, 2), dtype=a.dtype, compressor=BZ2())[:] = a
zarr.open(os.path.join(root, 'raw.zarr'), mode='w', shape=a.shape, chunks=(3, 3, 2), dtype=a.dtype, compressor=None)[:] = a
zarr.open(os.path.join(root, 'flat.zarr'), mode='w', shape=(3, 2), chunks=(3, 2), dtype=a.dtype)[:] = a[0]
'@ -Arguments $TestDrive | Out-Null
        $errs = $null
        $f = Get-PhotonFrame -Path (Join-Path $TestDrive 'bz2.zarr'), (Join-Path $TestDrive 'raw.zarr'), (Join-Path $TestDrive 'flat.zarr') -Index 3 -ErrorVariable errs -ErrorAction SilentlyContinue
        $f | Should -HaveCount 1
        $f.Path | Should -Be (Join-Path $TestDrive 'raw.zarr')
        [int[]]$f.Pixels | Should -Be (18..23)
        $f.DType | Should -Be 'int16'
        $errs | Should -HaveCount 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.UnsupportedZarr*'
        $errs[0].TargetObject | Should -Be (Join-Path $TestDrive 'bz2.zarr')
        $errs[0].Exception.Message | Should -BeLike '*bz2*'
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.UnsupportedZarr*'
        $errs[1].TargetObject | Should -Be (Join-Path $TestDrive 'flat.zarr')
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
