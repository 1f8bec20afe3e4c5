# The Python package in python/ (photoncodec: decode-table filter + open_levels) against archives the module writes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'py'
    New-Item -ItemType Directory $work | Out-Null
    $script:movie = Join-Path $work 'synthetic.tif'
    $script:truth = New-SyntheticMovie -Path $movie -Frames 30 -Height 16 -Width 12 -Seed 12
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
    $script:runTests = Join-Path $RepoRoot 'python/tests/run_tests.py'

    # Every frame's levels as Get-PhotonFrame returns them, written as raw little-endian uint16 for the Python side.
    function Save-Levels([string] $Zarr, [string] $File) {
        $frames = Get-PhotonFrame -Path $Zarr
        $stream = [System.IO.File]::Create($File)
        $writer = [System.IO.BinaryWriter]::new($stream)
        try { foreach ($f in $frames) { foreach ($v in $f.Pixels) { $writer.Write([uint16]$v) } } }
        finally { $writer.Dispose() }
        $frames.Count
    }

    function Invoke-PackageTests([string[]] $Arguments) {
        $out = & $Python $runTests @Arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $out -join "`n" }
    }
}

Describe 'photoncodec Python package' {
    It 'passes its own tests (codec config, decode/encode, crc32c, v2 and v3 readers on zarr-python-written data)' {
        $r = Invoke-PackageTests @()
        $r.Output | Should -Match '\d+ passed, 0 failed'
        $r.ExitCode | Should -Be 0
    }

    It 'open_levels returns the levels Get-PhotonFrame returns for <Name>' -TestCases @(
        @{ Name = 'v2 Quantized'; Extra = @{ Mode = 'Quantized' } }
        @{ Name = 'v2 Lossless'; Extra = @{ Mode = 'Lossless' } }
        @{ Name = 'v3 Quantized'; Extra = @{ Mode = 'Quantized'; Format = 'ZarrV3'; ChunkFrames = 12; InnerChunkFrames = 4 } }
        @{ Name = 'OME 0.4 Quantized'; Extra = @{ Mode = 'Quantized'; Layout = 'OmeZarr'; PixelSize = 0.5; FrameInterval = 0.1 } }
        @{ Name = 'OME 0.5 Lossless'; Extra = @{ Mode = 'Lossless'; Layout = 'OmeZarr'; Format = 'ZarrV3'; PixelSize = 0.5; FrameInterval = 0.1 } }
    ) {
        param($Name, $Extra)
        $p = if ($Extra.Mode -eq 'Lossless') { @{} } else { $photon }
        $zarr = Join-Path $work (($Name -replace ' ', '-') + '.zarr')
        $null = ConvertTo-PhotonZarr -Path $movie -DestinationPath $zarr @Extra @p
        $expected = "$zarr.levels"
        Save-Levels $zarr $expected | Should -Be 30
        $r = Invoke-PackageTests @('--levels', $zarr, $expected)
        $r.Output | Should -Match '\d+ passed, 0 failed'
        $r.ExitCode | Should -Be 0
    }

    It '-DecodeFilter writes the table as a filter (<Name>) that zarr-python with the package decodes to Get-PhotonFrame levels' -TestCases @(
        @{ Name = 'v2'; Extra = @{} }
        @{ Name = 'v3'; Extra = @{ Format = 'ZarrV3'; ChunkFrames = 10 } }
    ) {
        param($Name, $Extra)
        $plain = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work "plain-$Name.zarr") -Mode Quantized @Extra @photon
        $filtered = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work "filtered-$Name.zarr") -Mode Quantized -DecodeFilter @Extra @photon
        if ($Name -eq 'v2') {
            $meta = Get-Content -Raw (Join-Path $filtered.Destination '.zarray') | ConvertFrom-Json
            $meta.dtype | Should -Be '<u2'
            $filter = $meta.filters[0]
            (Get-Content -Raw (Join-Path $plain.Destination '.zarray') | ConvertFrom-Json).filters | Should -BeNullOrEmpty
        }
        else {
            $meta = Get-Content -Raw (Join-Path $filtered.Destination 'zarr.json') | ConvertFrom-Json
            $meta.data_type | Should -Be 'uint16'
            $meta.codecs[0].name | Should -Be 'photoncodec.decode_lut'
            $meta.codecs[1].name | Should -Be 'sharding_indexed'
            $filter = $meta.codecs[0].configuration
        }
        $filter.astype | Should -Be '|u1'
        $attrs = if ($Name -eq 'v2') { Get-Content -Raw (Join-Path $filtered.Destination '.zattrs') | ConvertFrom-Json } else { $meta.attributes }
        ($filter.decode_lut -join ',') | Should -Be ($attrs.photon.decode_lut -join ',')

        # Our reader still reads the codes and decodes them: the same levels as the archive without the filter.
        $a = Get-PhotonFrame -Path $plain.Destination
        $b = Get-PhotonFrame -Path $filtered.Destination
        ($b | ForEach-Object { $_.Pixels -join ',' }) -join ';' | Should -Be (($a | ForEach-Object { $_.Pixels -join ',' }) -join ';')
        Test-PhotonRoundTrip -Path $movie -ZarrPath $filtered.Destination | Should -BeTrue

        $expected = "$($filtered.Destination).levels"
        Save-Levels $filtered.Destination $expected | Should -Be 30
        $r = Invoke-PackageTests @('--levels', $filtered.Destination, $expected)
        $r.Output | Should -Match '\d+ passed, 0 failed'
        if ($Name -eq 'v2') {
            $r.Output | Should -Match 'PASS zarr.open\(p\)\[:\] with the package'
            $r.Output | Should -Match 'PASS zarr-python without the package refuses the filter'
        }
        $r.ExitCode | Should -Be 0
    }

    It '-DecodeFilter outside Quantized mode warns and writes no filter' {
        $r = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'lossless-filter.zarr') -Mode Lossless -DecodeFilter -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -BeLike '*-DecodeFilter does not apply to Lossless mode*'
        (Get-Content -Raw (Join-Path $r.Destination '.zarray') | ConvertFrom-Json).filters | Should -BeNullOrEmpty
    }

    It 'installs with pip from python/pyproject.toml, and zarr-python then finds the filter by its entry point' {
        & $Python -c 'import setuptools, wheel' 2>$null | Out-Null; $ok = $LASTEXITCODE -eq 0
        if (-not $ok) { Set-ItResult -Skipped -Because "$Python has no setuptools/wheel to build python/ without network"; return }
        # Built from a copy: the in-tree build would leave build/ and *.egg-info in python/.
        $src = Join-Path $TestDrive 'pkg-src'
        Copy-Item (Join-Path $RepoRoot 'python') $src -Recurse
        $target = Join-Path $TestDrive 'pkg-target'
        $out = & $Python -m pip install --no-deps --no-build-isolation --no-index --disable-pip-version-check --target $target $src 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        Test-Path (Join-Path $target 'photoncodec/codec.py') | Should -BeTrue
        $filtered = ConvertTo-PhotonZarr -Path $movie -DestinationPath (Join-Path $work 'entry-point.zarr') -Mode Quantized -DecodeFilter @photon
        $levels = (Get-PhotonFrame -Path $filtered.Destination -Index 7).Pixels -join ','
        # No `import photoncodec`: numcodecs loads the codec from the installed package's entry point.
        $env:PYTHONPATH = $target
        try {
            $got = & $Python -c 'import sys, zarr; z = zarr.open(sys.argv[1], mode="r"); print(z.dtype, ",".join(str(v) for v in z[7].ravel()))' $filtered.Destination 2>&1
        }
        finally { Remove-Item Env:PYTHONPATH }
        $LASTEXITCODE | Should -Be 0 -Because ($got -join "`n")
        "$got" | Should -Be "uint16 $levels"
    }

    It 'a mismatch fails the Python check (the comparison can fail)' {
        $zarr = Join-Path $work 'mismatch.zarr'
        $null = ConvertTo-PhotonZarr -Path $movie -DestinationPath $zarr -Mode Quantized @photon
        $expected = "$zarr.levels"
        $null = Save-Levels $zarr $expected
        $bytes = [System.IO.File]::ReadAllBytes($expected)
        $bytes[100] = $bytes[100] -bxor 0x40
        [System.IO.File]::WriteAllBytes($expected, $bytes)
        $r = Invoke-PackageTests @('--levels', $zarr, $expected)
        $r.ExitCode | Should -Not -Be 0
        $r.Output | Should -Match '[1-9]\d* failed'
    }
}
