# Issue 14 §1: fixity without the source. Every archive records each chunk's CRC-32C; Test-PhotonArchive catches and
# names a flipped byte in any chunk, a truncated chunk, a deleted chunk and edited metadata, in Zarr v2 and v3.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:movie = Join-Path $TestDrive 'm.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 30 -Height 24 -Width 24 -Seed 3
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
    $script:good = @{
        ZarrV2 = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 'good-v2.zarr') -ChunkFrames 10 @photon).Destination
        ZarrV3 = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 'good-v3.zarr') -ChunkFrames 10 -Format ZarrV3 -InnerChunkFrames 2 @photon).Destination
    }
    function script:Copy-Archive([string] $Format, [string] $Name) {
        $copy = Join-Path $TestDrive "$Name-$Format.zarr"
        if (Test-Path $copy) { Remove-Item $copy -Recurse -Force }
        Copy-Item -LiteralPath $good[$Format] -Destination $copy -Recurse
        $copy
    }
    function script:Get-ChunkFile([string] $Zarr, [string] $Format, [int] $Chunk) {
        if ($Format -eq 'ZarrV3') { Join-Path $Zarr "c/$Chunk/0/0" } else { Join-Path $Zarr "$Chunk.0.0" }
    }
    function script:Switch-Byte([string] $File, [long] $At) {
        $bytes = [IO.File]::ReadAllBytes($File)
        $bytes[$At] = $bytes[$At] -bxor 0x01
        [IO.File]::WriteAllBytes($File, $bytes)
    }
}

Describe 'Test-PhotonArchive on a <_> archive' -ForEach 'ZarrV2', 'ZarrV3' {
    BeforeAll { $script:format = $_ }

    It 'is $true for an archive as written, and -Detailed reports what it checked' {
        Test-PhotonArchive -Path $good[$format] | Should -BeTrue
        $r = Test-PhotonArchive -LiteralPath $good[$format] -Detailed
        $r.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.ArchiveReport'
        $r.Passed | Should -BeTrue
        $r.HasManifest | Should -BeTrue
        $r.ChunksChecked | Should -Be 3
        $r.Problems | Should -BeNullOrEmpty
        $r.SourceSha256 | Should -Be (Get-FileHash -LiteralPath $movie -Algorithm SHA256).Hash.ToLowerInvariant()
        $r.SourceSize | Should -Be (Get-Item -LiteralPath $movie).Length
    }

    It 'catches one flipped byte in any chunk and names the chunk, its file and its frames' {
        $z = Copy-Archive $format 'flip'
        foreach ($c in 0, 1, 2) {
            $file = Get-ChunkFile $z $format $c
            $at = [int]((Get-Item $file).Length / 2)
            Switch-Byte $file $at
            Test-PhotonArchive -Path $z -WarningAction SilentlyContinue | Should -BeFalse
            $r = Test-PhotonArchive -Path $z -Detailed
            $r.Passed | Should -BeFalse
            $r.Problems | Should -HaveCount 1
            $p = $r.Problems[0]
            $p.ChunkIndex | Should -Be @($c, 0, 0)
            $p.File | Should -Be (Resolve-Path $file).Path
            $p.Problem | Should -BeLike 'checksum mismatch*'
            $p.FirstFrame | Should -BeGreaterOrEqual (10 * $c)
            $p.LastFrame | Should -BeLessOrEqual (10 * $c + 9)
            $r.Reason | Should -BeLike "*$($p.Key)*"
            Switch-Byte $file $at
        }
        Test-PhotonArchive -Path $z | Should -BeTrue
    }

    It 'catches a truncated chunk and a deleted chunk, each named' {
        $z = Copy-Archive $format 'cut'
        $last = Get-ChunkFile $z $format 2
        $bytes = [IO.File]::ReadAllBytes($last)
        [IO.File]::WriteAllBytes($last, $bytes[0..($bytes.Length - 10)])
        Remove-Item (Get-ChunkFile $z $format 1)
        $r = Test-PhotonArchive -Path $z -Detailed
        $r.Passed | Should -BeFalse
        $r.Problems | Should -HaveCount 2
        $missing = $r.Problems | Where-Object { $_.ChunkIndex[0] -eq 1 }
        $missing.Problem | Should -Be 'missing'
        "$($missing.FirstFrame)..$($missing.LastFrame)" | Should -Be '10..19'
        $truncated = $r.Problems | Where-Object { $_.ChunkIndex[0] -eq 2 }
        $truncated.Problem | Should -BeLike 'truncated*'
        "$($truncated.FirstFrame)..$($truncated.LastFrame)" | Should -Be '20..29'
    }

    It 'names an edited array document and what changed in it' {
        $z = Copy-Archive $format 'edited'
        $doc = if ($format -eq 'ZarrV3') { 'zarr.json' } else { '.zarray' }
        $path = Join-Path $z $doc
        (Get-Content -Raw $path) -replace '"clevel": 5', '"clevel": 3' | Set-Content -NoNewline $path
        $r = Test-PhotonArchive -Path $z -Detailed
        $r.Passed | Should -BeFalse
        $r.Problems.Key | Should -Contain $doc
        ($r.Problems | Where-Object Problem -like 'metadata differs*').Problem | Should -BeLike '*codecs*'
        $r.Reason | Should -BeLike "*$doc*"
    }

    It 'says "no fixity manifest" and returns $false for an archive written before manifests' {
        $z = Copy-Archive $format 'legacy'
        Remove-Item -LiteralPath (Join-Path $z '.photon-manifest.json') -Force
        $w = $null
        Test-PhotonArchive -Path $z -WarningVariable w -WarningAction SilentlyContinue | Should -BeFalse
        "$w" | Should -BeLike '*no fixity manifest*'
        $r = Test-PhotonArchive -Path $z -Detailed
        $r.HasManifest | Should -BeFalse
        $r.Problems | Should -BeNullOrEmpty
    }
}

Describe 'Test-PhotonArchive on a shard' {
    It 'pins a flipped byte to the inner chunk''s frames, and one in the index to the shard index' {
        $z = Copy-Archive 'ZarrV3' 'shard'
        $manifest = Get-Content -Raw (Join-Path $z '.photon-manifest.json') | ConvertFrom-Json
        $inner = $manifest.chunks.'c/1/0/0'.inner[3]          # frames 16..17
        $file = Get-ChunkFile $z 'ZarrV3' 1
        Switch-Byte $file ($inner[0] + 2)
        $p = (Test-PhotonArchive -Path $z -Detailed).Problems
        $p | Should -HaveCount 1
        $p[0].Problem | Should -BeLike 'checksum mismatch in inner chunk 3 *'
        "$($p[0].FirstFrame)..$($p[0].LastFrame)" | Should -Be '16..17'
        Switch-Byte $file ($inner[0] + 2)
        Switch-Byte $file ((Get-Item $file).Length - 8)
        $p = (Test-PhotonArchive -Path $z -Detailed).Problems
        $p[0].Problem | Should -BeLike 'checksum mismatch in the shard index*'
    }
}

Describe 'Test-PhotonArchive as a cmdlet' {
    It 'takes ConvertTo-PhotonZarr results and Get-ChildItem output from the pipeline' {
        ConvertTo-PhotonZarr -Path $movie -Mode Lossless -DestinationPath (Join-Path $TestDrive 'piped.zarr') | Test-PhotonArchive | Should -BeTrue
        @(Get-ChildItem (Join-Path $TestDrive 'good-*.zarr') -Directory | Test-PhotonArchive) | Should -Be @($true, $true)
    }

    It 'expands wildcards in -Path and reports a pattern that matches nothing as InputNotFound' {
        @(Test-PhotonArchive -Path (Join-Path $TestDrive 'good-v?.zarr')) | Should -Be @($true, $true)
        $e = $null
        Test-PhotonArchive -Path (Join-Path $TestDrive 'nothing-*.zarr') -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InputNotFound*'
    }

    It 'reports progress and completes it' {
        $r = Invoke-InRunspace "Test-PhotonArchive -LiteralPath '$($good.ZarrV2)'"
        $r.Output | Should -Be @($true)
        $r.Progress | Should -Not -BeNullOrEmpty
        $r.Progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'skips decoding with -SkipDecode' {
        (Test-PhotonArchive -Path $good.ZarrV2 -SkipDecode -Detailed).Decoded | Should -BeFalse
    }
}

Describe 'Reads check the checksums' {
    It 'Get-PhotonFrame reports a chunk that fails its checksum as CorruptChunk naming file and frames, and -SkipChecksum reads it' {
        $z = Copy-Archive 'ZarrV2' 'readcheck'
        # The manifest says chunk 1 was written with another CRC: the bytes are intact, so only the checksum objects.
        $path = Join-Path $z '.photon-manifest.json'
        $m = Get-Content -Raw $path | ConvertFrom-Json
        $m.chunks.'1.0.0'.crc32c = '00000000'
        $m | ConvertTo-Json -Depth 20 | Set-Content $path
        $e = $null
        Get-PhotonFrame -Path $z -Index 12 -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.CorruptChunk*'
        $e[0].Exception.Message | Should -BeLike "*$(Join-Path $z '1.0.0')*frames 10–19*"
        (Get-PhotonFrame -Path $z -Index 12 -SkipChecksum).Index | Should -Be 12
        (Get-PhotonFrame -Path $z -Index 5).Index | Should -Be 5
    }

    It 'a deleted chunk is MissingChunk in Get-PhotonFrame and Measure-PhotonCompression, never zeros or a better ratio' {
        $z = Copy-Archive 'ZarrV2' 'deleted'
        Remove-Item (Join-Path $z '2.0.0')
        $e = $null
        Get-PhotonFrame -Path $z -Index 25 -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.MissingChunk*'
        $e[0].Exception.Message | Should -BeLike '*2.0.0*frames 20–29*'
        $e = $null
        Measure-PhotonCompression -Path $z -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.MissingChunk*'
        $e = $null
        $rows = Measure-PhotonCompression -Path $z -PerChunk -ErrorVariable e -ErrorAction SilentlyContinue
        ($rows | Where-Object ChunkIndex -eq 2).Problem | Should -BeLike '*missing*'
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.MissingChunk*'
    }
}

Describe 'Test-PhotonRoundTrip and the recorded source' {
    It 'is $false, saying so, for a source that differs from the recorded one by one pixel' {
        $changed = Join-Path $TestDrive 'changed.tif'
        Invoke-Python -Script @'
import sys, tifffile
a = tifffile.imread(sys.argv[1])
a[5, 3, 3] += 1
tifffile.imwrite(sys.argv[2], a)
'@ -Arguments $movie, $changed | Out-Null
        Test-PhotonRoundTrip -Path $movie -ZarrPath $good.ZarrV2 | Should -BeTrue
        $w = $null
        Test-PhotonRoundTrip -Path $changed -ZarrPath $good.ZarrV2 -WarningVariable w -WarningAction SilentlyContinue | Should -BeFalse
        $r = Test-PhotonRoundTrip -Path $changed -ZarrPath $good.ZarrV2 -Detailed -WarningAction SilentlyContinue
        $r.Passed | Should -BeFalse
        $r.Reason | Should -Match 'SHA-256|bytes'
        "$w" | Should -Match 'not the same file|different content'
    }

    It 'is $false (not $null) for a corrupt chunk header, with or without a manifest' {
        foreach ($keep in $true, $false) {
            $z = Copy-Archive 'ZarrV2' "header-$keep"
            if (-not $keep) { Remove-Item -LiteralPath (Join-Path $z '.photon-manifest.json') -Force }
            $c = Join-Path $z '1.0.0'
            $bytes = [IO.File]::ReadAllBytes($c)
            [BitConverter]::GetBytes([int] 0x7fffffff).CopyTo($bytes, 4)
            [IO.File]::WriteAllBytes($c, $bytes)
            $e = $null
            $r = @(Test-PhotonRoundTrip -Path $movie -ZarrPath $z -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            $r | Should -Be @($false)
            $e | Should -BeNullOrEmpty
        }
    }

    It 'is $false (not $null) for an archive whose metadata no longer parses' {
        $z = Copy-Archive 'ZarrV2' 'badjson'
        Set-Content -LiteralPath (Join-Path $z '.zarray') -Value '{ not json'
        $e = $null
        $r = @(Test-PhotonRoundTrip -Path $movie -ZarrPath $z -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $r | Should -Be @($false)
        $e | Should -BeNullOrEmpty
    }
}
