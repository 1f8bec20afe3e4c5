BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:movie = Join-Path $TestDrive 'synthetic.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 120 -Height 48 -Width 40
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
}

Describe 'Measure-PhotonCompression' {
    It 'reports every mode on a TIFF, honestly' {
        $r = Measure-PhotonCompression -Path $movie @photon
        $r.Mode | Should -Be 'Quantized', 'Lossless', 'Float'
        $r[0].PSObject.TypeNames[0] | Should -Be 'PhotonCodec.CompressionReport'
        ($r | Where-Object Mode -eq 'Lossless').MaxErrorSigma | Should -Be 0
        ($r | Where-Object Mode -eq 'Float').MaxErrorSigma | Should -Be 0
        $q = $r | Where-Object Mode -eq 'Quantized'
        $q.MaxErrorSigma | Should -BeGreaterThan 0
        $q.MaxErrorSigma | Should -BeLessOrEqual 0.5
        $q.EntropyBitsPerPixel | Should -BeLessThan 8
        # Float Anscombe values store more bytes than the raw integers: the seed's claim does not hold.
        ($r | Where-Object Mode -eq 'Float').Ratio | Should -BeLessThan ($r | Where-Object Mode -eq 'Lossless').Ratio
        $q.Ratio | Should -BeGreaterThan ($r | Where-Object Mode -eq 'Lossless').Ratio
        $text = $r | Format-Table | Out-String -Width 120
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
    }

    It 'writes nothing when it measures a TIFF' {
        $before = @(Get-ChildItem $TestDrive -Force -Recurse).FullName
        Measure-PhotonCompression -Path $movie @photon | Should -HaveCount 3
        @(Get-ChildItem $TestDrive -Force -Recurse).FullName | Should -Be $before
    }

    It 'adds a Baseline row and GainOverBaseline on every mode with -Baseline' {
        $r = Measure-PhotonCompression -Path $movie -Baseline @photon
        $r.Mode | Should -Be 'Baseline', 'Quantized', 'Lossless', 'Float'
        $r[0].GainOverBaseline | Should -Be 1
        foreach ($row in $r[1..3]) {
            $row.GainOverBaseline | Should -Not -BeNullOrEmpty -Because $row.Mode
            [math]::Round($row.GainOverBaseline, 6) | Should -Be ([math]::Round($r[0].StoredBytes / $row.StoredBytes, 6))
        }
        # The baseline is the raw integers with the same Blosc settings: the same bytes as Lossless.
        $r[0].StoredBytes | Should -Be $r[2].StoredBytes
        $r[0].InputBytes | Should -Be (120 * 48 * 40 * 2)
        $text = $r | Format-Table | Out-String -Width 120
        $text | Should -Match ('{0}x' -f [regex]::Escape($r[1].GainOverBaseline.ToString('0.00')))
    }

    It 'measures one mode, and compares with the baseline on request' {
        (Measure-PhotonCompression -Path $movie -Mode Lossless) | Should -HaveCount 1
        $r = Measure-PhotonCompression -Path $movie -Mode Quantized -Baseline @photon
        $r.Mode | Should -Be 'Baseline', 'Quantized'
        $r[1].GainOverBaseline | Should -BeGreaterThan 1.5
        [math]::Round($r[1].GainOverBaseline, 6) | Should -Be ([math]::Round($r[0].StoredBytes / $r[1].StoredBytes, 6))
    }

    It 'summarizes a .zarr, and lists its chunks with -PerChunk' {
        $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 's.zarr') -ChunkFrames 50 @photon).Destination
        $s = Measure-PhotonCompression -Path $z
        $s.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.ArchiveSummary'
        $s.Mode | Should -Be 'Quantized'
        $chunks = Measure-PhotonCompression -Path $z -PerChunk
        $chunks | Should -HaveCount 3
        $chunks.Frames | Should -Be 50, 50, 20
        $files = (Get-ChildItem $z -File | Where-Object Name -match '^\d+\.0\.0$' | Measure-Object Length -Sum).Sum
        ($chunks | Measure-Object StoredBytes -Sum).Sum | Should -Be $files
        $s.StoredBytes | Should -Be $files
        $s.Frames | Should -Be 120
        $s.Chunks | Should -Be 3
        $s.DType | Should -Be 'uint16'
        $chunks[0].PSObject.TypeNames[0] | Should -Be 'PhotonCodec.ChunkStatistics'
        $chunks.ChunkIndex | Should -Be 0, 1, 2
        $chunks.FirstFrame | Should -Be 0, 50, 100
        foreach ($c in $chunks) {
            $c.StoredBytes | Should -Be (Get-Item (Join-Path $z "$($c.ChunkIndex).0.0")).Length
            [math]::Round($c.Ratio, 9) | Should -Be ([math]::Round($c.DecodedBytes / $c.StoredBytes, 9))
        }
        $chunks | Get-WideLine | Should -BeNullOrEmpty
        $s | Get-WideLine | Should -BeNullOrEmpty
    }
}
