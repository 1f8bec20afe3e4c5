BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    # Every input kind, written by h5py/tifffile/numpy (the script the xunit source tests use too).
    $script:fx = Join-Path $TestDrive 'fixtures'
    $json = & $Python (Join-Path $RepoRoot 'tests/PhotonCodec.Core.Tests/Sources/make_source_fixtures.py') $fx
    if ($LASTEXITCODE -ne 0) { throw 'make_source_fixtures.py failed' }
    $script:manifest = $json | ConvertFrom-Json
    $script:photon = @{ Gain = 3; ZeroLevel = 100; ReadNoise = 1 }
    function script:Fx([string] $name) { Join-Path $fx $name }
    function script:Ids($errs) { @($errs | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) }
    # A synthetic two-photon movie (known gain) as HDF5, raw and a TIFF sequence, for photon-transfer estimates.
    $script:movie = Join-Path $TestDrive 'movie.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 100 -Height 64 -Width 64 -Seed 3
    Invoke-Python -Arguments $movie, $TestDrive -Script @'
import os, sys, h5py, tifffile
m = tifffile.imread(sys.argv[1]); out = sys.argv[2]
with h5py.File(os.path.join(out, 'movie.h5'), 'w') as f:
    f.create_dataset('frames', data=m, chunks=(16, 64, 64), compression='gzip', shuffle=True)
m.tofile(os.path.join(out, 'movie.bin'))
os.makedirs(os.path.join(out, 'movie-seq'))
for i, frame in enumerate(m):
    tifffile.imwrite(os.path.join(out, 'movie-seq', 'f_%d.tif' % i), frame)
import numpy as np
tifffile.imwrite(os.path.join(out, 'movie-2c.tif'), np.stack([m, m[::-1]], axis=1), imagej=True, metadata={'axes': 'TCYX'})
'@ | Out-Null
}

Describe 'Input sources' {
    Context 'bad input: a stable error id, nothing written, the batch goes on' {
        It 'truncated HDF5 (CorruptHdf5) and a 2-D dataset (UnsupportedHdf5) beside a good file' {
            $out = Join-Path $TestDrive 'bad-h5'
            $r = ConvertTo-PhotonZarr -Path (Fx truncated.h5), (Fx flat.h5), (Fx contiguous_u16.h5) -Mode Lossless -DestinationPath $out -ErrorVariable errs -ErrorAction SilentlyContinue
            Ids $errs | Should -Be @('PhotonCodec.CorruptHdf5', 'PhotonCodec.UnsupportedHdf5')
            $errs[0].Exception.Message | Should -Match 'truncated'
            $errs[1].Exception.Message | Should -Match '3 or more dimensions.*16×12'
            @($r).Count | Should -Be 1
            (Get-ChildItem -LiteralPath $out -Force).Name | Should -Be 'contiguous_u16.zarr'
        }

        It 'a sequence with one odd frame names that file (UnsupportedTiff) and writes nothing' {
            $out = Join-Path $TestDrive 'bad-seq'
            ConvertTo-PhotonZarr -Path (Fx sequence_odd) -AsSequence -Mode Lossless -DestinationPath $out -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Ids $errs | Should -Be 'PhotonCodec.UnsupportedTiff'
            $errs[0].Exception.Message | Should -Match 'img004\.tif'
            Test-Path $out | Should -BeFalse
        }

        It 'a raw file of the wrong size (InvalidSelection, with the numbers) beside one that fits' {
            $out = Join-Path $TestDrive 'bad-raw'
            $r = ConvertTo-PhotonZarr -Path (Fx wrong_size.bin), (Fx data.bin) -RawShape 16, 12 -RawDType uint16 -Mode Lossless -DestinationPath $out -ErrorVariable errs -ErrorAction SilentlyContinue
            Ids $errs | Should -Be 'PhotonCodec.InvalidSelection'
            $errs[0].Exception.Message | Should -Match '9219 bytes'
            $r.Destination | Should -Be (Join-Path $out 'data.zarr')
            (Get-ChildItem -LiteralPath $out -Force).Name | Should -Be 'data.zarr'
        }

        It 'an unknown channel index (InvalidSelection) beside a file that has it' {
            $out = Join-Path $TestDrive 'bad-channel'
            $r = ConvertTo-PhotonZarr -Path (Fx float32.tif), (Fx hyperstack_2c.tif) -Channel 1 -Mode Lossless -DestinationPath $out -ErrorVariable errs -ErrorAction SilentlyContinue
            Ids $errs | Should -Be 'PhotonCodec.InvalidSelection'
            $r.Destination | Should -Be (Join-Path $out 'hyperstack_2c.zarr')
            (Get-ChildItem -LiteralPath $out -Force).Name | Should -Be 'hyperstack_2c.zarr'
        }

        It 'an unknown format is UnsupportedFormat naming its bytes; a refused HDF5 filter is named' {
            ConvertTo-PhotonZarr -Path (Fx archive.zip), (Fx lzf.h5) -Mode Lossless -DestinationPath (Join-Path $TestDrive 'bad-format') -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Ids $errs | Should -Be @('PhotonCodec.UnsupportedFormat', 'PhotonCodec.UnsupportedHdf5')
            $errs[0].Exception.Message | Should -Match '50 4B 03 04'
            $errs[1].Exception.Message | Should -Match "'lzf'"
        }

        It 'several HDF5 candidates are listed; -Dataset picks one, with or without the leading /' {
            ConvertTo-PhotonZarr -Path (Fx two_candidates.h5) -Mode Lossless -DestinationPath (Join-Path $TestDrive 'cand') -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Ids $errs | Should -Be 'PhotonCodec.InvalidSelection'
            $errs[0].Exception.Message | Should -Match '/a \(24×16×12 uint16\), /b \(24×16×12 int16\)'
            (ConvertTo-PhotonZarr -Path (Fx two_candidates.h5) -Dataset b -Mode Lossless -DestinationPath (Join-Path $TestDrive 'cand/b.zarr')).DType | Should -Be 'int16'
            (ConvertTo-PhotonZarr -Path (Fx two_candidates.h5) -Dataset /a -Mode Lossless -DestinationPath (Join-Path $TestDrive 'cand/a.zarr')).DType | Should -Be 'uint16'
        }
    }

    Context 'round trips: source → archive (every mode) → read back' {
        It '<Name> in every mode passes Test-PhotonRoundTrip, exactly in Lossless' -TestCases @(
            @{ Name = 'HDF5 chunked int16'; File = 'chunked_i16.h5'; Select = @{} }
            @{ Name = 'NWB TwoPhotonSeries'; File = 'session.nwb'; Select = @{} }
            @{ Name = 'NWB series by -Dataset'; File = 'two_series.nwb'; Select = @{ Dataset = 'MotionCorrected' } }
            @{ Name = 'raw binary'; File = 'data.bin'; Select = @{ RawShape = 16, 12; RawDType = 'uint16' } }
            @{ Name = 'raw big-endian'; File = 'big_endian.raw'; Select = @{ RawShape = 24, 16, 12; RawDType = 'int16'; RawByteOrder = 'BigEndian' } }
            @{ Name = 'TIFF sequence'; File = 'sequence'; Select = @{ AsSequence = $true } }
            @{ Name = 'one channel of a hyperstack'; File = 'hyperstack_2c.tif'; Select = @{ Channel = 1 } }
            @{ Name = 'one plane of a 3-plane hyperstack'; File = 'hyperstack_3z2c.tif'; Select = @{ Plane = 1; Channel = 0 } }
            @{ Name = 'one channel of a 4-D HDF5'; File = 'channels_4d.h5'; Select = @{ Channel = 0 } }
        ) {
            param($Name, $File, $Select)
            foreach ($mode in 'Lossless', 'Quantized', 'Float') {
                $z = Join-Path $TestDrive ("rt-" + ($Name -replace '\W', '') + "-$mode.zarr")
                $p = if ($mode -eq 'Lossless') { @{} } else { $photon }
                $r = ConvertTo-PhotonZarr -Path (Fx $File) -Mode $mode @p @Select -DestinationPath $z
                $r.Destination | Should -Be $z
                $d = Test-PhotonRoundTrip -Path (Fx $File) -ZarrPath $z @Select -Detailed
                $d.Passed | Should -BeTrue -Because "$Name $mode"
                if ($mode -eq 'Lossless') { $d.MismatchedPixels | Should -Be 0 }
                (Get-PhotonFrame -Path $z -Index -1).Index | Should -Be ($r.Frames - 1)
            }
        }

        It 'a Lossless archive of every input kind holds exactly what h5py/tifffile/numpy wrote' {
            $checks = @(
                @{ File = 'chunked_i16.h5'; Raw = 'chunked_i16.c0.raw'; Select = @{} }
                @{ File = 'session.nwb'; Raw = 'nwb.c0.raw'; Select = @{} }
                @{ File = 'data.bin'; Raw = 'raw.c0.raw'; Select = @{ RawShape = 16, 12; RawDType = 'uint16' } }
                @{ File = 'sequence'; Raw = 'sequence.c0.raw'; Select = @{ AsSequence = $true } }
                @{ File = 'float32.tif'; Raw = 'float32.c0.raw'; Select = @{} }
            )
            foreach ($c in $checks) {
                $z = Join-Path $TestDrive ('exact-' + $c.File + '.zarr')
                $sel = $c.Select
                ConvertTo-PhotonZarr -Path (Fx $c.File) -Mode Lossless @sel -DestinationPath $z | Out-Null
                Invoke-Python -Arguments $z, (Fx $c.Raw) -Script @'
import sys, numpy as np, zarr
a = zarr.open(sys.argv[1], mode='r')[:]
print(np.array_equal(a, np.fromfile(sys.argv[2], dtype=a.dtype.newbyteorder('<')).reshape(a.shape)))
'@ | Should -Be 'True' -Because $c.File
            }
        }

        It 'a 2-channel stack without -Channel becomes a Zarr group c0/c1 that Test-PhotonRoundTrip checks per channel' {
            $z = Join-Path $TestDrive 'group.zarr'
            $r = ConvertTo-PhotonZarr -Path (Fx hyperstack_2c.tif) -Mode Quantized @photon -DestinationPath $z
            $r.Destination | Should -Be @((Join-Path $z 'c0'), (Join-Path $z 'c1'))
            Test-Path (Join-Path $z '.zgroup') | Should -BeTrue
            $attrs = Get-Content -Raw (Join-Path $z '.zattrs') | ConvertFrom-Json
            $attrs.channels.path | Should -Be @('c0', 'c1')
            $attrs.source.file_name | Should -Be 'hyperstack_2c.tif'
            $d = Test-PhotonRoundTrip -Path (Fx hyperstack_2c.tif) -ZarrPath $z -Detailed
            $d.Channel | Should -Be @(0, 1)
            $d.Passed | Should -Be @($true, $true)
            # Piped results: each channel's array against its own channel.
            @($r | Test-PhotonRoundTrip) | Should -Be @($true, $true)
        }

        It 'Measure-PhotonCompression reads the new sources through the same parameters' {
            $m = Measure-PhotonCompression -Path (Fx channels_4d.h5) -Mode Lossless
            $m.Channel | Should -Be @(0, 1)
            (Measure-PhotonCompression -Path (Fx two_series.nwb) -Dataset /acquisition/TwoPhotonSeries -Mode Quantized @photon).Ratio | Should -BeGreaterThan 1
            (Measure-PhotonCompression -Path (Fx sequence) -AsSequence -Mode Lossless).InputBytes | Should -Be (12 * 16 * 12 * 2)
        }

        It 'Measure-PhotonTransfer measures the gain from HDF5, raw and a sequence alike' {
            $h5 = Measure-PhotonTransfer -Path (Join-Path $TestDrive 'movie.h5') -WarningAction SilentlyContinue
            $raw = Measure-PhotonTransfer -Path (Join-Path $TestDrive 'movie.bin') -RawShape 64, 64 -RawDType uint16 -WarningAction SilentlyContinue
            $seq = Get-ChildItem (Join-Path $TestDrive 'movie-seq/*.tif') | Measure-PhotonTransfer -AsSequence -WarningAction SilentlyContinue
            $tif = Measure-PhotonTransfer -Path $movie -WarningAction SilentlyContinue
            foreach ($e in $h5, $raw, $seq) {
                $e.Gain | Should -Be $tif.Gain
                [math]::Abs($e.Gain / $truth.gain - 1) | Should -BeLessThan 0.15
            }
        }
    }

    Context 'channels in Measure-PhotonTransfer' {
        It 'measures each channel of a stack on its own, one curve file per channel' {
            $plot = Join-Path $TestDrive 'ptc.svg'
            $r = Measure-PhotonTransfer -Path (Join-Path $TestDrive 'movie-2c.tif') -PlotPath $plot -WarningAction SilentlyContinue
            $r.Channel | Should -Be @(0, 1)
            $r.PlotPath | Should -Be @((Join-Path $TestDrive 'ptc.c0.svg'), (Join-Path $TestDrive 'ptc.c1.svg'))
            $r.PlotPath | ForEach-Object { Test-Path $_ | Should -BeTrue }
            (Measure-PhotonTransfer -Path (Join-Path $TestDrive 'movie-2c.tif') -Channel 1 -WarningAction SilentlyContinue).Channel | Should -BeNullOrEmpty
        }
    }

    Context 'float input' {
        It 'Lossless stores float32 exactly; Quantized and Float refuse it with UnsupportedInput and the right hint' {
            $z = Join-Path $TestDrive 'float.zarr'
            (ConvertTo-PhotonZarr -Path (Fx float64.tif) -Mode Lossless -DestinationPath $z).DType | Should -Be 'float64'
            Test-PhotonRoundTrip -Path (Fx float64.tif) -ZarrPath $z | Should -BeTrue
            foreach ($mode in 'Quantized', 'Float') {
                ConvertTo-PhotonZarr -Path (Fx float32.tif) -Mode $mode @photon -DestinationPath (Join-Path $TestDrive "f-$mode.zarr") -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
                Ids $errs | Should -Be 'PhotonCodec.UnsupportedInput'
                $errs[0].Exception.Message | Should -Match '-Mode Lossless'
                Test-Path (Join-Path $TestDrive "f-$mode.zarr") | Should -BeFalse
            }
        }
    }

    Context 'sequences' {
        It 'takes a folder, a wildcard or piped files as ONE movie in natural order; -WhatIf writes nothing' {
            $a = ConvertTo-PhotonZarr -Path (Fx sequence) -AsSequence -Mode Lossless -DestinationPath (Join-Path $TestDrive 'seq-a.zarr')
            $b = ConvertTo-PhotonZarr -Path (Join-Path (Fx sequence) 'frame_*.tif') -AsSequence -Mode Lossless -DestinationPath (Join-Path $TestDrive 'seq-b.zarr')
            $c = Get-ChildItem (Fx sequence) | Sort-Object Name -Descending | ConvertTo-PhotonZarr -AsSequence -Mode Lossless -DestinationPath (Join-Path $TestDrive 'seq-c.zarr')
            @($a).Count + @($b).Count + @($c).Count | Should -Be 3
            $a.Frames, $b.Frames, $c.Frames | Should -Be @(12, 12, 12)
            $files = (Get-Content -Raw (Join-Path $TestDrive 'seq-c.zarr/.zattrs') | ConvertFrom-Json).source.files
            $files.file_name | Should -Be @(0..11 | ForEach-Object { "frame_$_.tif" })
            $files[10].sha256 | Should -Be ((Get-FileHash (Join-Path (Fx sequence) 'frame_10.tif') -Algorithm SHA256).Hash.ToLowerInvariant())
            # In a runspace of its own (no host): the What if: line stays out of the test log.
            (Invoke-InRunspace "ConvertTo-PhotonZarr -LiteralPath '$(Fx sequence)' -AsSequence -DestinationPath '$(Join-Path $TestDrive 'seq-whatif.zarr')' -WhatIf").Output | Should -BeNullOrEmpty
            Test-Path (Join-Path $TestDrive 'seq-whatif.zarr') | Should -BeFalse
        }
    }
}
