BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:bin = Join-Path (Split-Path (Get-PhotonModulePath)) 'bin'
    # The ReadyToRun major version in an image's READYTORUN_HEADER ('RTR', major, minor); 0 for an IL-only image.
    function script:Get-ReadyToRunMajor([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $dir = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory
            if ($dir.Size -eq 0) { return 0 }
            $reader = $pe.GetSectionData($dir.RelativeVirtualAddress).GetReader()
            if ($reader.ReadUInt32() -ne 0x00525452) { return 0 }
            [int] $reader.ReadUInt16()
        }
        finally { $stream.Dispose() }
    }
}

Describe 'The built module (ReadyToRun)' {
    It 'ships <_> precompiled for the runtime this pwsh runs on' -ForEach 'PhotonCodec.dll', 'PhotonCodec.Core.dll', 'ZstdSharp.dll' {
        # A runtime reads only images of its own ReadyToRun major version (that of its own CoreLib); others it JITs.
        $runtimeMajor = Get-ReadyToRunMajor ([object].Assembly.Location)
        $runtimeMajor | Should -BeGreaterThan 0
        Get-ReadyToRunMajor (Join-Path $bin $_) | Should -Be $runtimeMajor -Because 'build.ps1 compiles the module with the crossgen2 of the runtime it runs on'
    }

    It 'loads and converts in this pwsh ({0})' -TestCases @(@{ Version = $PSVersionTable.PSVersion }) {
        $PSVersionTable.PSVersion | Should -BeGreaterOrEqual ([version]'7.4')
        (Get-Module PhotonCodec).ExportedCmdlets.Keys | Should -Contain 'ConvertTo-PhotonZarr'
        $truth = New-SyntheticMovie -Path (Join-Path $TestDrive 'r2r.tif') -Frames 30
        $r = ConvertTo-PhotonZarr -Path (Join-Path $TestDrive 'r2r.tif') -DestinationPath (Join-Path $TestDrive 'r2r.zarr') -Gain $truth.gain -ZeroLevel $truth.zero_level -ReadNoise $truth.read_noise
        $r.Frames | Should -Be 30
        $r.EstimationSeconds | Should -Be 0 -Because 'every parameter was given'
        Test-PhotonRoundTrip -Path (Join-Path $TestDrive 'r2r.tif') -ZarrPath $r.Destination | Should -BeTrue
    }
}
