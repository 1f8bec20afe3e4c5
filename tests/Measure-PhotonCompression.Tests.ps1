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
    }
}
