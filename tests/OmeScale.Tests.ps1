BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'omescale'
    New-Item -ItemType Directory $work | Out-Null
    $script:imagej = Join-Path $work 'imagej.tif'
    $null = Invoke-Python -Arguments $imagej -Script @'
import sys, numpy as np, tifffile
a = (np.arange(6 * 16 * 12, dtype=np.uint16).reshape(6, 16, 12) % 97)
tifffile.imwrite(sys.argv[1], a, imagej=True, resolution=(1 / 0.5, 1 / 0.5), metadata={'unit': 'um', 'finterval': 0.033, 'axes': 'TYX'})
'@
}

Describe 'OME-Zarr scale from the source (-Layout OmeZarr)' {
    It 'takes pixel size and frame interval from an ImageJ TIFF (<Format>) with no warning' -TestCases @(
        @{ Format = 'ZarrV2' }
        @{ Format = 'ZarrV3' }
    ) {
        param($Format)
        $dest = Join-Path $work "ij-$Format.zarr"
        $null = ConvertTo-PhotonZarr -Path $imagej -DestinationPath $dest -Mode Lossless -Format $Format -Layout OmeZarr -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -HaveCount 0
        $meta = if ($Format -eq 'ZarrV2') { (Get-Content -Raw (Join-Path $dest '.zattrs') | ConvertFrom-Json).multiscales[0] }
                else { (Get-Content -Raw (Join-Path $dest 'zarr.json') | ConvertFrom-Json).attributes.ome.multiscales[0] }
        ($meta.datasets[0].coordinateTransformations[0].scale -join ',') | Should -Be '0.033,0.5,0.5'
        ($meta.axes.unit -join ',') | Should -Be 'second,micrometer,micrometer'
    }

    It 'lets -PixelSize win over the source and records where each came from' {
        $dest = Join-Path $work 'ij-override.zarr'
        $null = ConvertTo-PhotonZarr -Path $imagej -DestinationPath $dest -Mode Lossless -Layout OmeZarr -PixelSize 0.2 -WarningVariable w -WarningAction SilentlyContinue
        $w | Should -HaveCount 0
        ((Get-Content -Raw (Join-Path $dest '.zattrs') | ConvertFrom-Json).multiscales[0].datasets[0].coordinateTransformations[0].scale -join ',') | Should -Be '0.033,0.2,0.2'
        $photon = (Get-Content -Raw (Join-Path $dest '0/.zattrs') | ConvertFrom-Json).photon
        $photon.scale_source.pixel_size | Should -Be 'parameter'
        $photon.scale_source.frame_interval | Should -Be 'ImageJ'
    }
}
