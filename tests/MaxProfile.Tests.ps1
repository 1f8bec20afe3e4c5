# The Max profile (-Profile Max): the same decoded values as the default profile, and readable without our code
# (the README's numpy recipe, photoncodec.open_levels, and Debian's zarr-python 2.13 with the photoncodec filter).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'max'
    New-Item -ItemType Directory $work | Out-Null
    $script:movie = Join-Path $work 'synthetic.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 45 -Height 24 -Width 20 -Seed 15
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
    $script:recipe = Join-Path $RepoRoot 'python/tests/max_recipe.py'

    function Get-Levels([string] $Zarr) { (Get-PhotonFrame -Path $Zarr | ForEach-Object { $_.Pixels -join ',' }) -join ';' }

    # Every frame's levels as raw little-endian uint16 for the Python side; returns the file.
    function Save-Levels([string] $Zarr, [string] $File) {
        $writer = [System.IO.BinaryWriter]::new([System.IO.File]::Create($File))
        try { foreach ($f in Get-PhotonFrame -Path $Zarr) { foreach ($v in $f.Pixels) { $writer.Write([uint16]$v) } } }
        finally { $writer.Dispose() }
        $File
    }
}

Describe 'ConvertTo-PhotonZarr -Profile Max' {
    It '<Name>: decodes to the default profile''s levels, stores less, and the README recipe, open_levels and zarr-python agree' -TestCases @(
        @{ Name = 'v2 Quantized'; Extra = @{ Mode = 'Quantized' } }
        @{ Name = 'v2 Lossless'; Extra = @{ Mode = 'Lossless' } }
        @{ Name = 'v3 Quantized'; Extra = @{ Mode = 'Quantized'; Format = 'ZarrV3'; ChunkFrames = 20 } }
        @{ Name = 'v3 Lossless'; Extra = @{ Mode = 'Lossless'; Format = 'ZarrV3'; ChunkFrames = 20 } }
    ) {
        param($Name, $Extra)
        $p = if ($Extra.Mode -eq 'Lossless') { @{} } else { $photon }
        $stem = Join-Path $work ($Name -replace ' ', '-')
        $default = ConvertTo-PhotonZarr -Path $movie -DestinationPath "$stem-default.zarr" @Extra @p
        $max = ConvertTo-PhotonZarr -Path $movie -DestinationPath "$stem-max.zarr" -Profile Max @Extra @p
        $max.StoredBytes | Should -BeLessThan $default.StoredBytes
        Get-Levels $max.Destination | Should -Be (Get-Levels $default.Destination)

        $levels = Save-Levels $max.Destination "$stem.levels"
        $out = (& $Python $recipe $max.Destination $levels 2>&1 | ForEach-Object { "$_" }) -join "`n"
        $out | Should -Match ('(?m)^' + $(if ($Extra.Format) { 2 } else { 3 }) + ' passed, 0 failed$') -Because $out
        $LASTEXITCODE | Should -Be 0
    }

    It 'records the prediction in the metadata: a v2 filter, and a v3 shard of one inner chunk' {
        $v2 = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'meta-v2.zarr') -Profile Max -Mode Lossless
        $zarray = Get-Content -Raw (Join-Path $v2.Destination '.zarray') | ConvertFrom-Json
        $zarray.filters[0].id | Should -Be 'photoncodec.predict'
        $zarray.compressor.id | Should -Be 'blosc'
        $v3 = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'meta-v3.zarr') -Profile Max -Format ZarrV3 -ChunkFrames 15 @photon
        $shard = (Get-Content -Raw (Join-Path $v3.Destination 'zarr.json') | ConvertFrom-Json).codecs[0].configuration
        $shard.chunk_shape[0] | Should -Be 15
        $shard.codecs[0].name | Should -Be 'photoncodec.predict'
    }

    It 'with -DecodeFilter (<Name>): zarr-python with the package and open_levels return the levels' -TestCases @(
        @{ Name = 'v2'; Extra = @{} }
        @{ Name = 'v3'; Extra = @{ Format = 'ZarrV3'; ChunkFrames = 15 } }
    ) {
        param($Name, $Extra)
        $max = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work "filtered-$Name.zarr") -Profile Max -DecodeFilter @Extra @photon
        $levels = Save-Levels $max.Destination "$($max.Destination).levels"
        $out = (& $Python (Join-Path $RepoRoot 'python/tests/run_tests.py') --levels $max.Destination $levels 2>&1 | ForEach-Object { "$_" }) -join "`n"
        $out | Should -Match '(?m)^\d+ passed, 0 failed$' -Because $out
        if ($Name -eq 'v2') { $out | Should -Match 'PASS zarr.open\(p\)\[:\] with the package' }
    }

    It 'refuses Float mode with PhotonCodec.InvalidParameter' {
        $err = $null
        $null = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'float.zarr') -Mode Float -Profile Max @photon -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InvalidParameter*'
        Test-Path (Join-Path $work 'float.zarr') | Should -BeFalse
    }
}

Describe 'Measure-PhotonCompression -Profile Max' {
    It 'measures Quantized Max and Lossless Max rows smaller than the default ones, with the same error' {
        $d = Measure-PhotonCompression -Path $movie -Mode Quantized, Lossless @photon
        $m = Measure-PhotonCompression -Path $movie -Mode Quantized, Lossless -Profile Max @photon
        ($m | ForEach-Object Mode) -join ',' | Should -Be 'Quantized Max,Lossless Max'
        $m[0].StoredBytes | Should -BeLessThan $d[0].StoredBytes
        $m[1].StoredBytes | Should -BeLessThan $d[1].StoredBytes
        $m[0].RmsErrorSigma | Should -Be $d[0].RmsErrorSigma
        $m[1].MaxAbsError | Should -Be 0
    }
}
