# Export-PhotonTiff: archives back to TIFF, checked with tifffile (Debian's) and our own reader.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'export'
    New-Item -ItemType Directory $work | Out-Null
    $script:tif = Join-Path $work 'movie.tif'
    $script:truth = New-SyntheticMovie -Path $tif -Frames 40 -Height 32 -Width 24 -Seed 3
    $script:params = @{ Gain = $truth.ptc_gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
    $script:lossless = (ConvertTo-PhotonZarr -Path $tif -Mode Lossless -DestinationPath (Join-Path $work 'l.zarr')).Destination
    $script:quantized = (ConvertTo-PhotonZarr -Path $tif -DestinationPath (Join-Path $work 'q.zarr') @params).Destination

    # tifffile's view of TIFF files: dtype, shape, pages, compression, ImageJ metadata, series, and a SHA-256 of the pixels.
    function Get-TiffInfo {
        param([Parameter(Mandatory)] [string[]] $Path)
        Invoke-Python -Script @'
import sys, json, hashlib, tifffile
for p in sys.argv[1:]:
    with tifffile.TiffFile(p) as t:
        a = t.asarray()
        s = t.series[0]
        print(json.dumps({"dtype": str(a.dtype), "shape": list(a.shape), "pages": len(t.pages), "bigtiff": t.is_bigtiff,
                          "compression": int(t.pages[0].compression), "imagej": t.imagej_metadata,
                          "series_shape": list(s.shape), "axes": s.axes,
                          "sha256": hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()}))
'@ -Arguments $Path | ForEach-Object { $_ | ConvertFrom-Json }
    }
    # SHA-256 of the pixels tifffile reads, one line per argument; 'a.tif|b.tif' stacks files along a new axis 1 (T, C, Y, X).
    function Get-PixelHash {
        param([Parameter(Mandatory)] [string[]] $Path)
        Invoke-Python -Script @'
import sys, hashlib, numpy, tifffile
for arg in sys.argv[1:]:
    a = [tifffile.imread(p) for p in arg.split('|')]
    a = a[0] if len(a) == 1 else numpy.stack(a, axis=1)
    print(hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest())
'@ -Arguments $Path
    }
    # Two single-channel archives as one channel group x.zarr/c0, x.zarr/c1 (the layout multi-channel sources write).
    function New-ChannelGroup {
        param([string] $Path, [string[]] $Movies)
        New-Item -ItemType Directory $Path | Out-Null
        Set-Content -LiteralPath (Join-Path $Path '.zgroup') -Value '{"zarr_format": 2}'
        for ($c = 0; $c -lt $Movies.Count; $c++) {
            $tmp = Join-Path $TestDrive ("ch-" + [guid]::NewGuid().ToString('N') + '.zarr')
            $null = ConvertTo-PhotonZarr -Path $Movies[$c] -Mode Lossless -DestinationPath $tmp
            Move-Item -LiteralPath $tmp -Destination (Join-Path $Path "c$c")
        }
        $Path
    }
    $script:tifHash = Get-PixelHash $tif
}

Describe 'Export-PhotonTiff' {
    It 'exports a Lossless archive beside itself, bit-identical to the original (tifffile and our reader)' {
        $r = Export-PhotonTiff -Path $lossless
        $r.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.ExportResult'
        $r.Destination | Should -Be (Join-Path $work 'l.tif')
        $r.Frames, $r.DType, $r.Compression, $r.BigTiff | Should -Be 40, 'uint16', 'None', $false
        $r.Bytes | Should -Be (Get-Item $r.Destination).Length
        $r.Bytes | Should -BeGreaterThan (40 * 32 * 24 * 2)
        $info = Get-TiffInfo $r.Destination
        $info.dtype | Should -Be 'uint16'
        $info.shape | Should -Be 40, 32, 24
        $info.compression | Should -Be 1
        $info.sha256 | Should -Be $tifHash
        $check = Test-PhotonRoundTrip -Path $r.Destination -ZarrPath $lossless -Detailed -WarningAction SilentlyContinue
        $check.MismatchedPixels | Should -Be 0
        # Pixel-identical, but not the file the archive was written from (the archive records its size and SHA-256).
        $check.Passed | Should -BeFalse
        $check.Reason | Should -BeLike '*not the same file*'
        Test-PhotonRoundTrip -Path $tif -ZarrPath $lossless | Should -BeTrue
        ($r | Format-Table | Out-String -Width 120) | Should -Match 'Compression'
        $r | Get-WideLine | Should -BeNullOrEmpty
    }

    It 'exports a Quantized archive as its decoded levels, and with -Raw its stored codes' {
        $out = Join-Path $work 'q-out'
        $q = Export-PhotonTiff -Path $quantized -DestinationPath $out
        $q.Destination | Should -Be (Join-Path $out 'q.tif')
        (Test-PhotonRoundTrip -Path $q.Destination -ZarrPath $quantized -Detailed).MaxAbsError | Should -Be 0 -Because 'the export holds exactly the decoded levels'
        Test-PhotonRoundTrip -Path $tif -ZarrPath $quantized | Should -BeTrue -Because 'those levels are within the bounds of the original'
        (Get-PixelHash $q.Destination) | Should -Not -Be $tifHash

        $raw = Export-PhotonTiff -Path $quantized -DestinationPath (Join-Path $work 'q-raw.tif') -Raw
        $raw.Raw | Should -BeTrue
        $raw.DType | Should -Be (Get-PhotonFrame -Path $quantized -Index 0 -Raw).DType
        $codes = Invoke-Python -Script @'
import sys, tifffile
a = tifffile.imread(sys.argv[1])
print(str(a.dtype)); print(','.join(str(v) for v in a[7].ravel()))
'@ -Arguments $raw.Destination
        $codes[0] | Should -Be $raw.DType
        [int[]]($codes[1] -split ',') | Should -Be ([int[]](Get-PhotonFrame -Path $quantized -Index 7 -Raw).Pixels)
    }

    It 'restores the ImageJ header recorded at conversion' {
        $ij = Join-Path $work 'ij.tif'
        Invoke-Python -Script @'
import sys, numpy, tifffile
rng = numpy.random.default_rng(4)
a = (rng.poisson(3, (12, 16, 16)) * 30 + 200).astype('uint16')
tifffile.imwrite(sys.argv[1], a, imagej=True, metadata={'axes': 'TYX', 'unit': 'um', 'finterval': 0.05})
'@ -Arguments $ij | Out-Null
        $z = (ConvertTo-PhotonZarr -Path $ij -Mode Lossless).Destination
        $r = Export-PhotonTiff -Path $z -DestinationPath (Join-Path $work 'ij-out.tif') -Compression Deflate
        $r.DescriptionRestored | Should -BeTrue
        $info, $original = Get-TiffInfo $r.Destination, $ij
        $info.compression | Should -Be 8
        $info.imagej.unit | Should -Be 'um'
        $info.imagej.finterval | Should -Be 0.05
        $info.imagej.images | Should -Be 12
        $info.sha256 | Should -Be $original.sha256
    }

    It 'writes BigTIFF with -BigTiff and LZW or Zstd with -Compression' {
        $big = Export-PhotonTiff -Path $lossless -DestinationPath (Join-Path $work 'big.tif') -BigTiff -Compression LZW
        $big.BigTiff | Should -BeTrue
        $bytes = [IO.File]::ReadAllBytes($big.Destination)
        $bytes[2] | Should -Be 43
        # tifffile needs imagecodecs for LZW; our reader (LibTiff) decodes it.
        (Test-PhotonRoundTrip -Path $big.Destination -ZarrPath $lossless -Detailed).MismatchedPixels | Should -Be 0
        $z = Export-PhotonTiff -Path $lossless -DestinationPath (Join-Path $work 'zstd.tif') -Compression Zstd
        $z.Compression | Should -Be 'Zstd'
        $z.Bytes | Should -BeLessThan $big.Bytes
        Invoke-Python -Script @'
import sys, tifffile
with tifffile.TiffFile(sys.argv[1]) as t: print(int(t.pages[0].compression), len(t.pages))
'@ -Arguments $z.Destination | Should -Be '50000 40'
    }

    It 'writes nothing with -WhatIf' {
        $dest = Join-Path $work 'whatif'
        # In a runspace of its own (no host): the What if: line stays out of the test log.
        $r = Invoke-InRunspace "Export-PhotonTiff -LiteralPath '$lossless' -DestinationPath '$dest' -WhatIf"
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -BeNullOrEmpty
        Test-Path $dest | Should -BeFalse
        @(Get-ChildItem -LiteralPath $work -Force -Filter '*.partial') | Should -HaveCount 0
    }

    It 'refuses an existing destination without -Force, and replaces it with -Force' {
        $dest = Join-Path $work 'exists.tif'
        Set-Content -LiteralPath $dest -Value 'keep'
        $e = $null
        Export-PhotonTiff -Path $lossless -DestinationPath $dest -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.DestinationExists*'
        $e[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content -LiteralPath $dest | Should -Be 'keep'
        $r = Export-PhotonTiff -Path $lossless -DestinationPath $dest -Force
        (Get-TiffInfo $r.Destination).sha256 | Should -Be $tifHash
    }

    It 'reports a corrupt archive and a TIFF given as input, exports the rest, and leaves no partial file' {
        $out = Join-Path $work 'batch'
        $bad = New-CorruptCopy -Zarr $lossless -Destination (Join-Path $work 'bad.zarr')
        $e = $null
        $r = Export-PhotonTiff -Path $bad, $tif, $lossless -DestinationPath $out -ErrorVariable e -ErrorAction SilentlyContinue
        $r | Should -HaveCount 1
        $r.Destination | Should -Be (Join-Path $out 'l.tif')
        $e | Should -HaveCount 2
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.CorruptChunk*'
        $e[0].TargetObject | Should -Be $bad
        $e[1].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.UnsupportedInput*'
        (Get-ChildItem -LiteralPath $out -Force).Name | Should -Be 'l.tif'
    }

    It 'takes names with [ ] through -LiteralPath, Get-ChildItem and conversion results from the pipeline' {
        $odd = Join-Path $work 'run[1].zarr'
        Copy-Item -LiteralPath $lossless -Destination $odd -Recurse
        $r = Export-PhotonTiff -LiteralPath $odd
        $r.Destination | Should -Be (Join-Path $work 'run[1].tif')
        Test-Path -LiteralPath $r.Destination | Should -BeTrue
        $piped = Get-Item -LiteralPath $odd | Export-PhotonTiff -DestinationPath (Join-Path $work 'piped')
        $piped.Destination | Should -Be (Join-Path $work 'piped/run[1].tif')
        $conv = ConvertTo-PhotonZarr -Path $tif -Mode Lossless -DestinationPath (Join-Path $work 'conv[2].zarr') | Export-PhotonTiff
        $conv.Destination | Should -Be (Join-Path $work 'conv[2].tif')
        (Get-TiffInfo $conv.Destination).sha256 | Should -Be $tifHash
    }

    It 'exports a channel group as one TIFF per channel, or as an ImageJ hyperstack' {
        $second = Join-Path $work 'second.tif'
        $null = New-SyntheticMovie -Path $second -Frames 40 -Height 32 -Width 24 -Seed 9
        $group = New-ChannelGroup -Path (Join-Path $work 'two.zarr') -Movies $tif, $second
        $files = Export-PhotonTiff -Path $group
        $files | Should -HaveCount 2
        $files.Destination | Should -Be (Join-Path $work 'two_c0.tif'), (Join-Path $work 'two_c1.tif')
        $files.Source | Should -Be (Join-Path $group 'c0'), (Join-Path $group 'c1')
        $hs = Export-PhotonTiff -Path $group -Hyperstack -DestinationPath (Join-Path $work 'hs.tif')
        $hs.Channels | Should -Be 2
        $c0, $c1, $info = Get-TiffInfo $files[0].Destination, $files[1].Destination, $hs.Destination
        $secondHash, $stackHash = Get-PixelHash $second, "$tif|$second"
        $c0.sha256 | Should -Be $tifHash
        $c1.sha256 | Should -Be $secondHash
        $info.pages | Should -Be 80
        $info.imagej.channels | Should -Be 2
        $info.imagej.frames | Should -Be 40
        $info.imagej.hyperstack | Should -BeTrue
        $info.axes | Should -Be 'TCYX'
        $info.series_shape | Should -Be 40, 2, 32, 24
        $info.sha256 | Should -Be $stackHash
    }

    It 'leaves nothing behind when stopped (Ctrl+C) in the middle of an export' {
        $bigTif = Join-Path $work 'long.tif'
        Invoke-Python -Script @'
import sys, numpy, tifffile
rng = numpy.random.default_rng(1)
tifffile.imwrite(sys.argv[1], rng.poisson(3, (400, 128, 128)).astype('uint16') * 30 + 200, photometric='minisblack')
'@ -Arguments $bigTif | Out-Null
        $long = (ConvertTo-PhotonZarr -Path $bigTif -Mode Lossless -ChunkFrames 20).Destination
        $out = Join-Path $work 'stopped'
        New-Item -ItemType Directory $out | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-PhotonModulePath)'; Export-PhotonTiff -LiteralPath '$long' -DestinationPath '$out' -Compression Deflate")
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
            $wait = [System.Diagnostics.Stopwatch]::StartNew()
            while ($ps.Streams.Progress.Count -eq 0 -and -not $handle.IsCompleted -and $wait.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 5 }
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0 -Because 'the export reports progress'
            $ps.Stop()
            # Stopped mid-way the cmdlet ends quietly (no result, no error), as every PhotonCodec cmdlet does on Ctrl+C.
            $output | Should -HaveCount 0 -Because 'it was stopped before it finished'
            @($ps.Streams.Error) | Should -HaveCount 0
        }
        finally { $ps.Dispose() }
        @(Get-ChildItem -LiteralPath $out -Force) | Should -HaveCount 0 -Because 'neither the TIFF nor its temporary file remains'
    }

    It 'reports progress and completes it' {
        $r = Invoke-InRunspace "Export-PhotonTiff -LiteralPath '$lossless' -DestinationPath '$(Join-Path $work 'progress.tif')'"
        $r.Errors | Should -HaveCount 0
        $r.Output | Should -HaveCount 1
        $r.Progress.Count | Should -BeGreaterThan 0
        $r.Progress[-1].RecordType | Should -Be 'Completed'
        @($r.Progress | Where-Object StatusDescription -like 'Exporting*').Count | Should -BeGreaterThan 0
    }
}
