@{
    RootModule           = 'PhotonCodec.psm1'
    NestedModules        = @('bin/PhotonCodec.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c7a52-3f4e-4d55-9b8e-2b1f4f7c9d11'
    Author               = 'PhotonCodec developers'
    CompanyName          = 'PhotonCodec'
    Copyright            = '(c) PhotonCodec developers. MIT License.'
    Description          = 'Archives photon-limited microscopy movies (TIFF) as compressed Zarr v2: noise-bounded quantization in the Anscombe-stabilized domain, bit-exact lossless and float modes, Blosc zstd bitshuffle chunks readable by zarr-python.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('PhotonCodec.Format.ps1xml')
    TypesToProcess       = @('PhotonCodec.Types.ps1xml')
    CmdletsToExport      = @(
        'ConvertTo-PhotonZarr'
        'Get-PhotonFrame'
        'Measure-PhotonCompression'
        'Test-PhotonRoundTrip'
        'Measure-PhotonTransfer'
        'Export-PhotonTiff'
        'New-PhotonMigrationPlan'
        'Invoke-PhotonMigration'
        'Complete-PhotonMigration'
        'Get-PhotonMigrationStatus'
        'Test-PhotonArchive'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('microscopy', 'zarr', 'compression', 'anscombe', 'tiff', 'photon')
            ProjectUri = ''
        }
    }
}
