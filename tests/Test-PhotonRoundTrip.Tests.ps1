BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:movie = Join-Path $TestDrive 'a.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 60 -Height 32 -Width 32 -Seed 1
    $script:other = Join-Path $TestDrive 'b.tif'
    New-SyntheticMovie -Path $other -Frames 60 -Height 32 -Width 32 -Seed 2 | Out-Null
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
}

Describe 'Test-PhotonRoundTrip' {
    It 'is true for a good archive in every mode' {
        foreach ($mode in 'Quantized', 'Lossless', 'Float') {
            $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive "$mode.zarr") -Mode $mode @photon).Destination
            Test-PhotonRoundTrip -Path $movie -ZarrPath $z | Should -BeTrue
        }
    }

    It 'is false for an archive of another movie, and says why with -Detailed' {
        $z = (ConvertTo-PhotonZarr -Path $other -DestinationPath (Join-Path $TestDrive 'other.zarr') -Mode Lossless).Destination
        Test-PhotonRoundTrip -Path $movie -ZarrPath $z | Should -BeFalse
        $d = Test-PhotonRoundTrip -Path $movie -ZarrPath $z -Detailed
        $d.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.RoundTripReport'
        $d.Passed | Should -BeFalse
        $d.MismatchedPixels | Should -BeGreaterThan 0
        $d.FirstBadFrame | Should -Be 0
        $d.Reason | Should -Not -BeNullOrEmpty
    }

    It 'converts in memory without -ZarrPath, and -MaxErrorSigma tightens the bound' {
        Test-PhotonRoundTrip -Path $movie @photon | Should -BeTrue
        Test-PhotonRoundTrip -Path $movie -Mode Lossless | Should -BeTrue
        $d = Test-PhotonRoundTrip -Path $movie @photon -Detailed
        foreach ($p in 'Passed', 'Mode', 'Frames', 'MaxAbsError', 'MaxErrorSigma', 'RmsErrorSigma', 'MeanBiasPhotons', 'MismatchedPixels', 'FirstBadFrame') {
            $d.PSObject.Properties.Name | Should -Contain $p
        }
        $d.MaxErrorSigma | Should -BeGreaterThan 0
        $d.RmsErrorSigma | Should -BeLessThan (0.5 / [math]::Sqrt(12) + 0.04)
        Test-PhotonRoundTrip -Path $movie @photon -MaxErrorSigma 0 | Should -BeFalse
    }
}

Describe 'Every cmdlet' {
    It 'declares its output type and has help with examples' {
        foreach ($name in (Get-Command -Module PhotonCodec).Name) {
            (Get-Command $name).OutputType | Should -Not -BeNullOrEmpty -Because $name
        }
    }
}

Describe 'Test-PhotonRoundTrip from the pipeline' {
    It 'binds Source and Destination of a conversion result' {
        $r = ConvertTo-PhotonZarr -Path $movie -Mode Lossless -DestinationPath (Join-Path $TestDrive 'piped.zarr')
        $d = $r | Test-PhotonRoundTrip -Detailed
        $d.Passed | Should -BeTrue
        $d.ZarrPath | Should -Be $r.Destination
    }
}
