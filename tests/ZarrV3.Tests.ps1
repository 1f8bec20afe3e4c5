BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'v3'
    New-Item -ItemType Directory $work | Out-Null
    $script:movie = Join-Path $work 'synthetic.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 45 -Height 32 -Width 24 -Seed 4
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
}

Describe 'Zarr v3 archives (-Format ZarrV3)' {
    It 'writes <Mode> as sharded Zarr v3 that every reading cmdlet reads like the v2 archive' -TestCases @(
        @{ Mode = 'Lossless'; Inner = 1 }
        @{ Mode = 'Quantized'; Inner = 5 }
    ) {
        param($Mode, $Inner)
        $p = if ($Mode -eq 'Lossless') { @{} } else { $photon }
        $v2 = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work "$Mode-v2.zarr") -Mode $Mode @p
        $v3 = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work "$Mode-v3.zarr") -Mode $Mode -Format ZarrV3 -ChunkFrames 15 -InnerChunkFrames $Inner @p
        Join-Path $v3.Destination 'zarr.json' | Should -Exist
        Join-Path $v3.Destination 'c/2/0/0' | Should -Exist
        $json = Get-Content -Raw (Join-Path $v3.Destination 'zarr.json') | ConvertFrom-Json
        $json.codecs[0].name | Should -Be 'sharding_indexed'
        $json.codecs[0].configuration.chunk_shape[0] | Should -Be $Inner
        $json.dimension_names -join ',' | Should -Be 't,y,x'

        $a = Get-PhotonFrame -Path $v2.Destination -Index 0, 17, 44
        $b = Get-PhotonFrame -Path $v3.Destination -Index 0, 17, 44
        for ($i = 0; $i -lt 3; $i++) { ($b[$i].Pixels -join ',') | Should -Be ($a[$i].Pixels -join ',') }
        Test-PhotonRoundTrip -Path $movie -ZarrPath $v3.Destination | Should -BeTrue
        $summary = Measure-PhotonCompression -Path $v3.Destination
        $summary.Chunks | Should -Be 3
        $summary.Ratio | Should -BeGreaterThan 1
    }

    It 'reads one inner chunk for one frame (-Verbose counts chunk reads)' {
        $v3 = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'one.zarr') -Mode Lossless -Format ZarrV3
        $verbose = Get-PhotonFrame -Path $v3.Destination -Index 30 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -BeLike '*1 frame(s) from 1 chunk read(s)*'
    }

    It 'reports a damaged shard index as PhotonCodec.CorruptChunk' {
        $v3 = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'bad.zarr') -Mode Lossless -Format ZarrV3
        $shard = Join-Path $v3.Destination 'c/0/0/0'
        $bytes = [IO.File]::ReadAllBytes($shard)
        $bytes[$bytes.Length - 20] = $bytes[$bytes.Length - 20] -bxor 0xFF
        [IO.File]::WriteAllBytes($shard, $bytes)
        { Get-PhotonFrame -Path $v3.Destination -Index 3 -ErrorAction Stop } | Should -Throw -ErrorId 'PhotonCodec.CorruptChunk*'
        { Measure-PhotonCompression -Path $v3.Destination -ErrorAction Stop } | Should -Throw -ErrorId 'PhotonCodec.CorruptChunk*'
        # -PerChunk lists every shard and marks the damaged one with its reason.
        $rows = Measure-PhotonCompression -Path $v3.Destination -PerChunk -WarningAction SilentlyContinue
        ($rows | Where-Object ChunkIndex -eq 0).Problem | Should -Match 'crc32c|index'
    }

    It 'refuses -InnerChunkFrames that does not divide the shard, or without ZarrV3' {
        { ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'x.zarr') -Mode Lossless -Format ZarrV3 -InnerChunkFrames 7 -ErrorAction Stop } |
            Should -Throw -ErrorId 'PhotonCodec.InvalidParameter*'
        { ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'y.zarr') -Mode Lossless -InnerChunkFrames 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'PhotonCodec.InvalidParameter*'
        Join-Path $work 'x.zarr' | Should -Not -Exist
    }

    It 'writes an OME-Zarr <Format> group that every cmdlet opens as its array, and warns when the scale is unknown' -TestCases @(
        @{ Format = 'ZarrV2'; Version = '0.4' }
        @{ Format = 'ZarrV3'; Version = '0.5' }
    ) {
        param($Format, $Version)
        $dest = Join-Path $work "ome-$Format.zarr"
        $r = ConvertTo-PhotonZarr -Path $movie -DestinationPath $dest -Mode Lossless -Format $Format -Layout OmeZarr -FrameInterval 0.05 -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -HaveCount 1
        "$($w[0])" | Should -BeLike '*-PixelSize*'
        $meta = if ($Format -eq 'ZarrV2') { (Get-Content -Raw (Join-Path $dest '.zattrs') | ConvertFrom-Json).multiscales[0] }
                else { $g = Get-Content -Raw (Join-Path $dest 'zarr.json') | ConvertFrom-Json; $g.attributes.ome.version | Should -Be $Version; $g.attributes.ome.multiscales[0] }
        if ($Format -eq 'ZarrV2') { $meta.version | Should -Be $Version }
        ($meta.axes.name -join ',') | Should -Be 't,y,x'
        ($meta.datasets[0].coordinateTransformations[0].scale -join ',') | Should -Be '0.05,1,1'
        (Get-PhotonFrame -Path $dest -Index 44).Mean | Should -Be (Get-PhotonFrame -Path (Join-Path $work 'one.zarr') -Index 44).Mean
        Test-PhotonRoundTrip -Path $movie -ZarrPath $dest | Should -BeTrue
        (Measure-PhotonCompression -Path $dest).Frames | Should -Be 45
    }

    It 'reads what zarr-python 2.13 writes by default (Blosc lz4) and names a compressor it cannot read' {
        $null = Invoke-Python -Script @'
import sys, os, zarr, numpy as np, numcodecs
d = sys.argv[1]
a = (np.arange(6 * 8 * 5) % 97).astype('<u2').reshape(6, 8, 5)
zarr.open(os.path.join(d, 'default.zarr'), mode='w', shape=a.shape, chunks=(4, 8, 5), dtype=a.dtype)[:] = a
zarr.open(os.path.join(d, 'blosclz.zarr'), mode='w', shape=a.shape, chunks=(4, 8, 5), dtype=a.dtype, compressor=numcodecs.Blosc(cname='blosclz'))[:] = a
'@ -Arguments $work
        (Get-PhotonFrame -Path (Join-Path $work 'default.zarr') -Index 5).Pixels[0] | Should -Be ((5 * 40) % 97)
        $err = $null
        $null = Get-PhotonFrame -Path (Join-Path $work 'blosclz.zarr') -Index 0 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.UnsupportedZarr*'
        "$($err[0])" | Should -BeLike '*blosclz*'
    }
}
