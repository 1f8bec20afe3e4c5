BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
}

Describe 'Measure-PhotonTransfer' {
    It 'finds one level per photon and zero level 0 on the photon-counting movie <File>' -ForEach @(
        @{ File = 'detrendr-bleached.tif' }, @{ File = 'nandb-50-big.tif' }) {
        $r = Measure-PhotonTransfer -Path (Join-Path $SharedData $File) -WarningAction SilentlyContinue
        $r.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.PhotonTransfer'
        $r.Gain | Should -BeGreaterOrEqual 0.95
        $r.Gain | Should -BeLessOrEqual 1.12
        [math]::Abs($r.ZeroLevel) | Should -BeLessOrEqual 3
        $r.FramesUsed | Should -BeGreaterThan 1
    }

    It 'measures the synthetic movie''s gain within 3 %, its zero level and read noise' {
        $movie = Join-Path $TestDrive 'synthetic.tif'
        # make_movie.py's default 256x256 two-photon scene (cells fire between frames), 200 frames.
        $truth = New-SyntheticMovie -Path $movie -Frames 200 -Height 256 -Width 256
        $r = Measure-PhotonTransfer -Path $movie -WarningAction SilentlyContinue
        $truth.gain | Should -Be 30
        [math]::Abs($r.Gain / $truth.gain - 1) | Should -BeLessOrEqual 0.03
        [math]::Abs($r.ZeroLevel - $truth.zero_level) | Should -BeLessOrEqual ([math]::Max(1, 0.1 * $truth.gain))
        # Every pixel of this scene gets >= 0.5 photons a frame, so there may be no zero-photon population to
        # separate the read noise from: then the estimate must say so rather than invent a number.
        if ([math]::Abs($r.ReadNoise - $truth.read_noise) -gt [math]::Max(1, 0.2 * $truth.read_noise)) {
            $r.ReadNoise | Should -Be 0
            ($r.Warnings -join ' ') | Should -Match 'zero-photon'
        }
        $r.GainStdError | Should -BeGreaterThan 0
        $r.GainStdError | Should -BeLessThan (0.03 * $truth.gain)
        $r.FitR2 | Should -BeGreaterThan 0.9
        $r.LevelsUsed | Should -BeGreaterThan 2
        $r.FramesUsed | Should -Be 200
        $r.Method | Should -Not -BeNullOrEmpty
        $r | Get-WideLine | Should -BeNullOrEmpty
        foreach ($p in 'Path', 'Gain', 'ZeroLevel', 'ReadNoise', 'GainStdError', 'FitR2', 'LevelsUsed', 'FramesUsed', 'Method', 'Warnings') {
            $r.PSObject.Properties.Name | Should -Contain $p
        }

        # -MaxPairs samples fewer frame pairs, spread over the movie.
        $fewer = Measure-PhotonTransfer -Path $movie -MaxPairs 50 -WarningAction SilentlyContinue
        $fewer.FramesUsed | Should -BeLessOrEqual 100
        $fewer.FramesUsed | Should -BeLessThan $r.FramesUsed
        [math]::Abs($fewer.Gain / $truth.gain - 1) | Should -BeLessOrEqual 0.05
    }

    It 'gives no confident wrong number from a handful of frame pairs' {
        $movie = Join-Path $TestDrive 'synthetic.tif'   # made by the previous test
        if (-not (Test-Path $movie)) { New-SyntheticMovie -Path $movie -Frames 200 -Height 256 -Width 256 | Out-Null }
        $warnings = $null
        $r = Measure-PhotonTransfer -Path $movie -MaxPairs 10 -WarningVariable warnings -WarningAction SilentlyContinue
        $r.FramesUsed | Should -BeLessOrEqual 20
        $error30 = [math]::Abs($r.Gain - 30)
        # Either right within its own stated uncertainty (3 standard errors, or 5 %), or a warning that the gain is uncertain.
        if ($error30 -gt [math]::Max(3 * $r.GainStdError, 1.5)) {
            ($warnings -join ' ') | Should -Match 'uncertain|caution' -Because "gain $($r.Gain) ± $($r.GainStdError) is $error30 from the truth (30)"
        }
    }

    It 'writes the photon-transfer curve as SVG' {
        $svg = Join-Path $TestDrive 'ptc.svg'
        $r = Measure-PhotonTransfer -Path (Join-Path $SharedData 'nandb-50-big.tif') -PlotPath $svg -WarningAction SilentlyContinue
        $r.PlotPath | Should -Be $svg
        [xml] $doc = Get-Content -Raw $svg
        $doc.DocumentElement.LocalName | Should -Be 'svg'
        (Get-Content -Raw $svg) | Should -Match 'circle|path|polyline'
    }

    It 'resolves a relative -PlotPath against $PWD, and a folder gets <name>.photon-transfer.svg' {
        $dir = Join-Path $TestDrive 'plots'
        New-Item -ItemType Directory $dir | Out-Null
        Push-Location $dir
        try {
            $r = Measure-PhotonTransfer -Path (Join-Path $SharedData 'nandb-50-big.tif') -PlotPath 'rel.svg' -WarningAction SilentlyContinue
            $r.PlotPath | Should -Be (Join-Path $dir 'rel.svg')
            Test-Path (Join-Path $dir 'rel.svg') | Should -BeTrue
            $r = Measure-PhotonTransfer -Path (Join-Path $SharedData 'nandb-50-big.tif') -PlotPath . -WarningAction SilentlyContinue
            $r.PlotPath | Should -Be (Join-Path $dir 'nandb-50-big.photon-transfer.svg')
            [xml] (Get-Content -Raw $r.PlotPath) | Should -Not -BeNullOrEmpty
        }
        finally { Pop-Location }
    }

    It 'refuses a Quantized archive (its noise is no longer the detector''s) with UnsupportedInput' {
        $z = (ConvertTo-PhotonZarr -Path (Join-Path $SharedData 'nandb-50-big.tif') -DestinationPath (Join-Path $TestDrive 'q.zarr') -Gain 1 -ZeroLevel 0 -ReadNoise 0).Destination
        $errs = $null
        Measure-PhotonTransfer -Path $z -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.UnsupportedInput*'
        $errs[0].TargetObject | Should -Be $z
        $errs[0].Exception.Message | Should -BeLike '*Lossless*'
    }

    It 'takes frames from the pipeline' {
        $z = (ConvertTo-PhotonZarr -Path (Join-Path $SharedData 'nandb-50-big.tif') -Mode Lossless -DestinationPath (Join-Path $TestDrive 'n.zarr')).Destination
        $fromFrames = Get-PhotonFrame -Path $z | Measure-PhotonTransfer -WarningAction SilentlyContinue
        $fromFile = Measure-PhotonTransfer -Path $z -WarningAction SilentlyContinue
        # One estimate from all the frames, not one per frame (a Frame also has a Path property).
        $fromFrames | Should -HaveCount 1
        $fromFrames.FramesUsed | Should -Be 50
        $fromFrames.Gain | Should -BeGreaterOrEqual 0.95
        $fromFrames.Gain | Should -BeLessOrEqual 1.12
        [math]::Abs($fromFrames.Gain - $fromFile.Gain) | Should -BeLessThan 0.05
    }

    It 'refuses data with no photon structure' {
        $flat = Join-Path $TestDrive 'flat.tif'
        Invoke-Python -Script @'
import sys, numpy as np, tifffile
tifffile.imwrite(sys.argv[1], np.full((10, 16, 16), 100, 'uint16'), photometric='minisblack')
'@ -Arguments $flat | Out-Null
        $errs = $null
        Measure-PhotonTransfer -Path $flat -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.NotPhotonData*'
    }

    It 'says a flat field spans too narrow a range, not that it is processed data (issue 10, item 8)' {
        $flat = Join-Path $TestDrive 'flatfield.tif'
        Invoke-Python -Script @'
import sys, numpy as np, tifffile
rng = np.random.default_rng(3)
tifffile.imwrite(sys.argv[1], (rng.poisson(20, (60, 32, 32)) * 3 + 100).astype('uint16'), photometric='minisblack')
'@ -Arguments $flat | Out-Null
        $errs = $null
        Measure-PhotonTransfer -Path $flat -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.NotPhotonData*'
        $errs[0].Exception.Message | Should -Match 'too narrow a range of levels'
        $errs[0].Exception.Message | Should -Not -Match 'not raw photon-limited'
    }

    It 'measures the issue''s sparse PMT movie: the variance-stabilizing gain, zero level and read noise from the zero-photon peak, both halves' {
        $movie = Join-Path $TestDrive 'pmt.tif'
        $null = & $Python $MakeMovie $movie --frames 100 --size 96 96 --seed 5 --gain 420 --zero 180 --read-noise 14 --background 0.03 --pulse-cv 0.6
        $truth = Get-Content -Raw "$movie.json" | ConvertFrom-Json
        $warnings = $null
        $r = Measure-PhotonTransfer -Path $movie -WarningVariable warnings -WarningAction SilentlyContinue
        [math]::Abs($r.Gain / $truth.ptc_gain - 1) | Should -BeLessOrEqual 0.05 -Because "ptc_gain $($truth.ptc_gain), estimated $($r.Gain)"
        [math]::Abs($r.ZeroLevel - 180) | Should -BeLessOrEqual 2
        [math]::Abs($r.ReadNoise - 14) | Should -BeLessOrEqual 3.5
        $r.Method | Should -Match 'G·\(1 \+ CV²\)'
        $r.GainHalves | Should -HaveCount 2
        ($warnings -join ' ') | Should -Not -Match 'frame pairs were sampled'
        $help = Get-Help Measure-PhotonTransfer -Full | Out-String
        $help | Should -Match 'stabilizes the variance'
    }

    It 'records the estimate''s two halves in .zattrs photon.estimate' {
        $movie = Join-Path $TestDrive 'halves.tif'
        New-SyntheticMovie -Path $movie -Frames 60 -Height 64 -Width 64 -Seed 4 | Out-Null
        $z = (ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $TestDrive 'halves.zarr') -WarningAction SilentlyContinue).Destination
        $attrs = Get-Content -Raw (Join-Path $z '.zattrs') | ConvertFrom-Json
        $attrs.photon.estimate.gain_halves | Should -HaveCount 2
        $attrs.photon.estimate.method | Should -Match 'stabilizes the variance'
    }
}

