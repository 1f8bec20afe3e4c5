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
            $given = if ($mode -eq 'Lossless') { @{} } else { $photon }   # Lossless would warn that they do not apply
            $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive "$mode.zarr") -Mode $mode @given).Destination
            Test-PhotonRoundTrip -Path $movie -ZarrPath $z | Should -BeTrue
        }
    }

    It 'resolves a relative -ZarrPath against $PWD' {
        $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 'relative.zarr') -Mode Lossless).Destination
        Push-Location $TestDrive
        try {
            $d = Test-PhotonRoundTrip -Path a.tif -ZarrPath relative.zarr -Detailed
            $d.Passed | Should -BeTrue
            $d.ZarrPath | Should -Be $z
        }
        finally { Pop-Location }
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

    It 'is false after one chunk is re-encoded (by numcodecs, valid Blosc) with one pixel changed' {
        $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 'edited.zarr') -Mode Lossless -ChunkFrames 20).Destination
        Test-PhotonRoundTrip -Path $movie -ZarrPath $z | Should -BeTrue
        $done = @(Invoke-Python -Script @'
import sys, json, os, numpy as np, numcodecs
path = sys.argv[1]
meta = json.load(open(os.path.join(path, '.zarray')))
codec = numcodecs.get_codec(meta['compressor'])
name = os.path.join(path, '1.0.0')
raw = codec.decode(open(name, 'rb').read())
a = np.frombuffer(raw, dtype=meta['dtype']).reshape(meta['chunks']).copy()
a[3, 5, 7] += 3
open(name, 'wb').write(codec.encode(a.tobytes()))
print('edited')
'@ -Arguments $z)
        $done[-1] | Should -Be 'edited'
        # The chunk's recorded checksum already refuses it; without the manifest the comparison must find the pixel.
        Test-PhotonRoundTrip -Path $movie -ZarrPath $z -WarningAction SilentlyContinue | Should -BeFalse
        Remove-Item -LiteralPath (Join-Path $z '.photon-manifest.json') -Force
        Test-PhotonRoundTrip -Path $movie -ZarrPath $z | Should -BeFalse
        $d = Test-PhotonRoundTrip -Path $movie -ZarrPath $z -Detailed
        $d.Passed | Should -BeFalse
        $d.Mode | Should -Be 'Lossless'
        $d.Frames | Should -Be 60
        $d.MismatchedPixels | Should -Be 1
        $d.FirstBadFrame | Should -Be 23
        $d.MaxAbsError | Should -Be 3
        $d | Get-WideLine | Should -BeNullOrEmpty
    }

    It 'holds a Quantized archive to its bound, and -MaxErrorSigma 0 fails it' {
        $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 'q-bound.zarr') @photon).Destination
        Test-PhotonRoundTrip -Path $movie -ZarrPath $z | Should -BeTrue
        Test-PhotonRoundTrip -Path $movie -ZarrPath $z -MaxErrorSigma 0 | Should -BeFalse
        $d = Test-PhotonRoundTrip -Path $movie -ZarrPath $z -Detailed
        $d.MaxErrorSigma | Should -BeLessOrEqual 0.5
        $d.MaxErrorSigma | Should -BeGreaterThan 0
        [math]::Abs($d.MeanBiasPhotons) | Should -BeLessThan 0.05
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
        Test-PhotonRoundTrip -Path $movie -Mode Float @photon -MaxErrorSigma 0 | Should -BeTrue
        # A plain boolean, so Pester and if () use it directly.
        (Test-PhotonRoundTrip -Path $movie -Mode Lossless).GetType() | Should -Be ([bool])
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
