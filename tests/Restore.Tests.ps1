# Every input kind → archive (every mode) → Export-PhotonTiff → tifffile (issue 11's round trip): exact for Lossless,
# the decoded levels for Quantized and Float (which themselves pass Test-PhotonRoundTrip against the source).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:fx = Join-Path $TestDrive 'fixtures'
    $json = & $Python (Join-Path $RepoRoot 'tests/PhotonCodec.Core.Tests/Sources/make_source_fixtures.py') $fx
    if ($LASTEXITCODE -ne 0) { throw 'make_source_fixtures.py failed' }
    $script:cases = @{}
    foreach ($c in ($json | ConvertFrom-Json).cases) { $cases[$c.name] = $c }
    $script:photon = @{ Gain = 3; ZeroLevel = 100; ReadNoise = 1 }
    # True when the TIFF holds exactly the little-endian C-order frames of the .raw reference (dtype included).
    function script:Test-TiffEqualsRaw([string] $Tiff, [string] $Raw, [string] $DType) {
        Invoke-Python -Arguments $Tiff, $Raw, $DType -Script @'
import sys, numpy as np, tifffile
a = tifffile.imread(sys.argv[1])
b = np.fromfile(sys.argv[2], dtype=np.dtype(sys.argv[3]).newbyteorder('<')).reshape(a.shape)
print(a.dtype == np.dtype(sys.argv[3]) and np.array_equal(a, b))
'@
    }
    # True when the TIFF holds exactly the frames Get-PhotonFrame decodes from the archive.
    function script:Test-TiffEqualsArchive([string] $Tiff, [string] $Zarr) {
        $frames = @(Get-PhotonFrame -Path $Zarr)
        $raw = Join-Path $TestDrive ([IO.Path]::GetRandomFileName() + '.raw')
        $stream = [IO.File]::Create($raw)
        try {
            foreach ($f in $frames) {
                $bytes = [byte[]]::new([Buffer]::ByteLength($f.Pixels))
                [Buffer]::BlockCopy($f.Pixels, 0, $bytes, 0, $bytes.Length)
                $stream.Write($bytes, 0, $bytes.Length)
            }
        }
        finally { $stream.Dispose() }
        Test-TiffEqualsRaw $Tiff $raw $frames[0].DType
    }
}

Describe 'Restoring every input kind to TIFF' {
    It '<Name>: Lossless exports bit-identical pixels, Quantized and Float export the decoded levels' -ForEach @(
        @{ Name = 'HDF5 chunked int16'; Case = 'chunked_i16'; Select = @{} }
        @{ Name = 'NWB TwoPhotonSeries'; Case = 'nwb'; Select = @{} }
        @{ Name = 'raw binary'; Case = 'raw'; Select = @{ RawShape = 16, 12; RawDType = 'uint16' } }
        @{ Name = 'TIFF sequence'; Case = 'sequence'; Select = @{ AsSequence = $true } }
        @{ Name = 'one channel of an ImageJ hyperstack'; Case = 'imagej_2c'; Select = @{ Channel = 1 }; Raw = 1 }
        @{ Name = 'one channel of a 4-D HDF5'; Case = 'channels_4d'; Select = @{ Channel = 0 } }
        @{ Name = 'float32 TIFF'; Case = 'float32'; Select = @{}; LosslessOnly = $true }
    ) {
        $c = $cases[$Case]
        $index = if ($Raw) { $Raw } else { 0 }
        $modes = if ($LosslessOnly) { @('Lossless') } else { @('Lossless', 'Quantized', 'Float') }
        foreach ($mode in $modes) {
            $z = Join-Path $TestDrive "$Case-$mode.zarr"
            $tif = Join-Path $TestDrive "$Case-$mode.tif"
            $p = if ($mode -eq 'Lossless') { @{} } else { $photon }
            ConvertTo-PhotonZarr -Path $c.file -Mode $mode @p @Select -DestinationPath $z | Out-Null
            $e = Export-PhotonTiff -Path $z -DestinationPath $tif
            $e.Frames | Should -Be $c.frames
            if ($mode -eq 'Lossless') {
                Test-TiffEqualsRaw $tif $c.raws[$index] $c.dtype | Should -Be 'True' -Because "$Name $mode"
            }
            else {
                Test-PhotonRoundTrip -Path $c.file @Select -ZarrPath $z | Should -BeTrue -Because "$Name $mode"
                Test-TiffEqualsArchive $tif $z | Should -Be 'True' -Because "$Name $mode"
            }
        }
    }

    It 'a 2-channel stack archived as a Zarr group exports one exact TIFF per channel' {
        $c = $cases['imagej_2c']
        $z = Join-Path $TestDrive 'group.zarr'
        ConvertTo-PhotonZarr -Path $c.file -Mode Lossless -DestinationPath $z | Out-Null
        $e = @(Export-PhotonTiff -Path $z -DestinationPath (Join-Path $TestDrive 'group-out'))
        $e.Count | Should -Be 2
        for ($i = 0; $i -lt 2; $i++) {
            Test-TiffEqualsRaw $e[$i].Destination $c.raws[$i] $c.dtype | Should -Be 'True' -Because "channel $i"
        }
    }
}
