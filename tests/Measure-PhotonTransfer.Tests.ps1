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

    It 'writes the photon-transfer curve as SVG' {
        $svg = Join-Path $TestDrive 'ptc.svg'
        $r = Measure-PhotonTransfer -Path (Join-Path $SharedData 'nandb-50-big.tif') -PlotPath $svg -WarningAction SilentlyContinue
        $r.PlotPath | Should -Be $svg
        [xml] $doc = Get-Content -Raw $svg
        $doc.DocumentElement.LocalName | Should -Be 'svg'
        (Get-Content -Raw $svg) | Should -Match 'circle|path|polyline'
    }

    It 'takes frames from the pipeline' {
        $z = (ConvertTo-PhotonZarr -Path (Join-Path $SharedData 'nandb-50-big.tif') -Mode Lossless -DestinationPath (Join-Path $TestDrive 'n.zarr')).Destination
        $fromFrames = Get-PhotonFrame -Path $z | Measure-PhotonTransfer -WarningAction SilentlyContinue
        $fromFile = Measure-PhotonTransfer -Path $z -WarningAction SilentlyContinue
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
}
