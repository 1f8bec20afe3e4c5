BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:movie = Join-Path $TestDrive 'a.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 300 -Height 16 -Width 16 -Seed 4
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
    $script:thunder = Join-Path $SharedData 'thunder-mouse-vs1.tif'
}

Describe 'Quantized mode within the noise at every intensity (issue 9)' {
    It 'FirstBadFrame is null for a passing Quantized archive and the first damaged frame otherwise' {
        $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 'q.zarr') @photon).Destination
        $d = Test-PhotonRoundTrip -Path $movie -ZarrPath $z -Detailed
        $d.Passed | Should -BeTrue
        $d.FirstBadFrame | Should -BeNullOrEmpty
        $d.Deciles | Should -HaveCount 10
        $d.WorstRmsVsDeclared | Should -BeLessOrEqual 0.25
        $d.WorstRmsVsMeasured | Should -BeLessOrEqual 0.3
        # frames 100–299: the codes of frames 0–99 (without the fixity manifest, whose checksums would refuse them first)
        Remove-Item -LiteralPath (Join-Path $z '.photon-manifest.json') -Force
        $chunk0 = Join-Path $z '0.0.0'
        Copy-Item $chunk0 (Join-Path $z '1.0.0') -Force
        Copy-Item $chunk0 (Join-Path $z '2.0.0') -Force
        $bad = Test-PhotonRoundTrip -Path $movie -ZarrPath $z -Detailed
        $bad.Passed | Should -BeFalse
        $bad.FirstBadFrame | Should -Be 100
    }

    It 'records the transform; -Transform Anscombe keeps the seed form, and numpy decodes both with decode_lut' {
        foreach ($t in 'NoiseModel', 'Anscombe') {
            $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive "$t.zarr") -Transform $t @photon).Destination
            $attrs = Get-Content -Raw (Join-Path $z '.zattrs') | ConvertFrom-Json
            $attrs.photon.transform | Should -Be @{ NoiseModel = 'noise_model'; Anscombe = 'generalized_anscombe' }[$t]
            $attrs.anscombe_gain | Should -Be $truth.gain
            Test-PhotonRoundTrip -Path $movie -ZarrPath $z | Should -BeTrue
        }
    }

    It 'warns when the given gain disagrees with the movie''s own noise, and Test-PhotonRoundTrip fails it (gain 30 for thunder)' {
        $z = Join-Path $TestDrive 'thunder30.zarr'
        $r = ConvertTo-PhotonZarr -Path $thunder -Gain 30 -ZeroLevel 13.9 -ReadNoise 0 -DestinationPath $z -WarningVariable w -WarningAction SilentlyContinue
        $r.Ratio | Should -BeGreaterThan 4
        ($w -join "`n") | Should -Match 'gain 30.*own frame-to-frame noise'
        Test-PhotonRoundTrip -Path $thunder -ZarrPath $z | Should -BeFalse
        $d = Test-PhotonRoundTrip -Path $thunder -ZarrPath $z -Detailed
        $d.WorstRmsVsMeasured | Should -BeGreaterThan 0.3
        $d.Reason | Should -Match 'measured temporal noise'
        $d.FirstBadFrame | Should -BeNullOrEmpty
    }
}
