BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:bin = Join-Path (Split-Path (Get-PhotonModulePath)) 'bin'
}

Describe 'The built module (ReadyToRun)' {
    It 'ships <_> precompiled (a ReadyToRun header beside its IL)' -ForEach 'PhotonCodec.dll', 'PhotonCodec.Core.dll' {
        $stream = [IO.File]::OpenRead((Join-Path $bin $_))
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $pe.HasMetadata | Should -BeTrue -Because 'the IL stays for runtimes that reject the native code'
            $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size | Should -BeGreaterThan 0 -Because 'build.ps1 publishes with PublishReadyToRun'
        }
        finally { $stream.Dispose() }
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
