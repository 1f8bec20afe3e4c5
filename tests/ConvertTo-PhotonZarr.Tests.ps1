BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'convert'
    New-Item -ItemType Directory $work | Out-Null
    foreach ($f in 'thunder-mouse-vs1.tif', 'detrendr-bleached.tif', 'nandb-50-big.tif') { Copy-Item (Join-Path $SharedData $f) $work }
    $script:truth = New-SyntheticMovie -Path (Join-Path $work 'synthetic.tif')
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
}

Describe 'ConvertTo-PhotonZarr' {
    It 'writes Lossless arrays that zarr-python reads identical to tifffile, for every real movie' {
        $out = Join-Path $TestDrive 'lossless'
        $results = Get-ChildItem (Join-Path $work '*.tif') -Exclude synthetic.tif | ConvertTo-PhotonZarr -Mode Lossless -DestinationPath $out
        $results | Should -HaveCount 3
        $results | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.ConversionResult' }
        foreach ($r in $results) {
            $check = @(Invoke-Python -Script @'
import sys, zarr, tifffile, numpy as np
z = zarr.open(sys.argv[2], mode='r')
print(bool(np.array_equal(z[:], tifffile.imread(sys.argv[1]))), str(z.dtype))
'@ -Arguments $r.Source, $r.Destination)
            $check[-1] | Should -BeLike 'True *'
            $r.Destination | Should -Be (Join-Path $out ([IO.Path]::GetFileNameWithoutExtension($r.Source) + '.zarr'))
            $r.Ratio | Should -BeGreaterThan 1
        }
    }

    It 'defaults to Quantized mode and reports the parameters it was given' {
        $r = ConvertTo-PhotonZarr -Path (Join-Path $work 'synthetic.tif') -DestinationPath (Join-Path $TestDrive 'q.zarr') @photon
        $r.Mode | Should -Be 'Quantized'
        $r.Gain | Should -Be $truth.gain
        $r.ParameterSource | Should -Be 'given'
        $r.Beta | Should -Be 0.5
        $r.Ratio | Should -BeGreaterThan 3
        Test-PhotonRoundTrip -Path (Join-Path $work 'synthetic.tif') -ZarrPath $r.Destination | Should -BeTrue
    }

    It 'resolves relative paths against $PWD' {
        Push-Location $work
        try {
            $r = ConvertTo-PhotonZarr -Path nandb-50-big.tif -Mode Lossless -DestinationPath rel.zarr
            $r.Destination | Should -Be (Join-Path $work 'rel.zarr')
            Test-Path (Join-Path $work 'rel.zarr/.zarray') | Should -BeTrue
        }
        finally { Pop-Location }
    }

    It '-WhatIf writes nothing: no destination, no staging folder, no destination folder' {
        $before = @(Get-ChildItem $TestDrive -Force -Recurse).FullName
        $dest = Join-Path $TestDrive 'whatif.zarr'
        # In a runspace without a host: the "What if:" lines would otherwise go to the console and into the test log.
        $r = Invoke-InRunspace "ConvertTo-PhotonZarr -Path '$(Join-Path $work 'nandb-50-big.tif')' -Mode Lossless -DestinationPath '$dest' -WhatIf
            ConvertTo-PhotonZarr -Path '$(Join-Path $work '*.tif')' -Mode Lossless -DestinationPath '$(Join-Path $TestDrive 'whatif-folder')' -WhatIf"
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -BeNullOrEmpty
        Test-Path $dest | Should -BeFalse
        Test-Path (Join-Path $TestDrive 'whatif-folder') | Should -BeFalse
        @(Get-ChildItem $TestDrive -Force -Recurse).FullName | Should -Be $before
    }

    It 'never lets two inputs of one batch share a .zarr destination, even with -Force' {
        $one = Join-Path $TestDrive 'one.zarr'
        $errs = $null
        $r = @(ConvertTo-PhotonZarr -Path (Join-Path $work 'nandb-50-big.tif'), (Join-Path $work 'detrendr-bleached.tif') -Mode Lossless -DestinationPath $one -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        # The second input must not silently replace the archive the first one just wrote.
        $r | Should -HaveCount 1
        $errs | Should -HaveCount 1
        $errs[0].TargetObject | Should -Be (Join-Path $work 'detrendr-bleached.tif')
        (Get-Content -Raw (Join-Path $one '.zarray') | ConvertFrom-Json).shape | Should -Be @(50, 100, 100)
    }

    It 'never overwrites without -Force, reports DestinationExists and goes on with the batch' {
        $dest = Join-Path $TestDrive 'exists'
        New-Item -ItemType Directory (Join-Path $dest 'nandb-50-big.zarr') -Force | Out-Null
        Set-Content (Join-Path $dest 'nandb-50-big.zarr/marker') 'keep'
        Set-Content (Join-Path $dest 'nandb-50-big.zarr/.zgroup') '{"zarr_format": 2}'   # a Zarr group: -Force may replace it
        $errs = $null
        $results = ConvertTo-PhotonZarr -Path (Join-Path $work 'nandb-50-big.tif'), (Join-Path $work 'detrendr-bleached.tif') -Mode Lossless -DestinationPath $dest -ErrorVariable errs -ErrorAction SilentlyContinue
        $results | Should -HaveCount 1
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.DestinationExists*'
        $errs[0].TargetObject | Should -Be (Join-Path $work 'nandb-50-big.tif')
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content (Join-Path $dest 'nandb-50-big.zarr/marker') | Should -Be 'keep'
        @(Get-ChildItem (Join-Path $dest 'nandb-50-big.zarr') -Force).Name | Sort-Object | Should -Be '.zgroup', 'marker'

        ConvertTo-PhotonZarr -Path (Join-Path $work 'nandb-50-big.tif') -Mode Lossless -DestinationPath $dest -Force | Should -HaveCount 1
        Test-Path (Join-Path $dest 'nandb-50-big.zarr/marker') | Should -BeFalse
        Test-Path (Join-Path $dest 'nandb-50-big.zarr/.zarray') | Should -BeTrue
    }

    It 'reports a pattern that matches nothing as InputNotFound and converts the rest' {
        $errs = $null
        $r = ConvertTo-PhotonZarr -Path (Join-Path $work 'nothing*.tif'), (Join-Path $work 'nandb-50-big.tif') -Mode Lossless -DestinationPath (Join-Path $TestDrive 'nf') -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InputNotFound*'
        $errs[0].TargetObject | Should -Be (Join-Path $work 'nothing*.tif')
    }

    It 'takes -LiteralPath with brackets in the name' {
        $odd = Join-Path $work 'run[1].tif'
        Copy-Item -LiteralPath (Join-Path $work 'nandb-50-big.tif') -Destination $odd
        $r = ConvertTo-PhotonZarr -LiteralPath $odd -Mode Lossless -DestinationPath (Join-Path $TestDrive 'lit')
        $r.Destination | Should -BeLike '*run`[1`].zarr'
    }

    It 'reports unsupported and corrupt TIFFs per file' {
        $bad = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory $bad | Out-Null
        Invoke-Python -Script @'
import sys, numpy as np, tifffile
tifffile.imwrite(sys.argv[1], np.zeros((2, 8, 8, 3), 'uint8'), photometric='rgb')
'@ -Arguments (Join-Path $bad 'rgb.tif') | Out-Null
        $bytes = [IO.File]::ReadAllBytes((Join-Path $work 'thunder-mouse-vs1.tif'))
        [IO.File]::WriteAllBytes((Join-Path $bad 'cut.tif'), $bytes[0..($bytes.Length / 2)])
        Copy-Item (Join-Path $work 'nandb-50-big.tif') $bad
        $errs = $null
        $r = Get-ChildItem $bad -Filter *.tif | Sort-Object Name | ConvertTo-PhotonZarr -Mode Lossless -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -HaveCount 1
        $ids = $errs | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }
        $ids | Should -Contain 'PhotonCodec.UnsupportedTiff'
        $ids | Should -Contain 'PhotonCodec.CorruptTiff'
        ($errs | Where-Object { $_.FullyQualifiedErrorId -like 'PhotonCodec.UnsupportedTiff*' }).TargetObject | Should -Be (Join-Path $bad 'rgb.tif')
        ($errs | Where-Object { $_.FullyQualifiedErrorId -like 'PhotonCodec.CorruptTiff*' }).TargetObject | Should -Be (Join-Path $bad 'cut.tif')
        $errs.CategoryInfo.Category | Should -Be 'InvalidData', 'InvalidData'
        ($errs | Where-Object { $_.FullyQualifiedErrorId -like 'PhotonCodec.UnsupportedTiff*' }).Exception.Message | Should -BeLike '*rgb.tif*'
        Get-ChildItem $bad -Directory | Select-Object -ExpandProperty Name | Should -Be 'nandb-50-big.zarr'
    }

    It 'estimates the photon parameters it is not given, and says so' {
        $r = ConvertTo-PhotonZarr -Path (Join-Path $work 'nandb-50-big.tif') -DestinationPath (Join-Path $TestDrive 'est.zarr') -Verbose -WarningAction SilentlyContinue 4>&1
        $verbose = $r | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $result = $r | Where-Object { $_ -is [PhotonCodec.ConversionResult] }
        $result.ParameterSource | Should -Be 'estimated'
        $result.Gain | Should -BeGreaterOrEqual 0.95
        $result.Gain | Should -BeLessOrEqual 1.12
        ($verbose.Message -join "`n") | Should -Match 'estimated gain'
        Test-PhotonRoundTrip -Path (Join-Path $work 'nandb-50-big.tif') -ZarrPath $result.Destination | Should -BeTrue
        (Get-Content -Raw (Join-Path $result.Destination '.zattrs') | ConvertFrom-Json).photon.estimate.gain | Should -Be $result.Gain
    }

    It 'reports data with no photon structure as NotPhotonData' {
        $flat = Join-Path $TestDrive 'flat.tif'
        Invoke-Python -Script @'
import sys, numpy as np, tifffile
tifffile.imwrite(sys.argv[1], np.full((10, 16, 16), 100, 'uint16'), photometric='minisblack')
'@ -Arguments $flat | Out-Null
        $errs = $null
        ConvertTo-PhotonZarr -Path $flat -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.NotPhotonData*'
        $errs[0].Exception.Message | Should -BeLike '*-Gain*'
        Test-Path (Join-Path $TestDrive 'flat.zarr') | Should -BeFalse
    }

    It 'honours -ChunkFrames' {
        $dest = Join-Path $TestDrive 'chunks.zarr'
        ConvertTo-PhotonZarr -Path (Join-Path $work 'nandb-50-big.tif') -Mode Lossless -DestinationPath $dest -ChunkFrames 7 | Out-Null
        (Get-Content -Raw (Join-Path $dest '.zarray') | ConvertFrom-Json).chunks | Should -Be @(7, 100, 100)
        # 50 frames in chunks of 7: 0.0.0 .. 7.0.0, the last one padded as zarr does.
        (Get-ChildItem $dest -File | Where-Object Name -match '^\d+\.0\.0$' | Sort-Object { [int]$_.Name.Split('.')[0] }).Name |
            Should -Be (0..7 | ForEach-Object { "$_.0.0" })
        $check = @(Invoke-Python -Script @'
import sys, zarr, tifffile, numpy as np
z = zarr.open(sys.argv[2], mode='r')
print(z.chunks, z.nchunks_initialized, bool(np.array_equal(z[:], tifffile.imread(sys.argv[1]))))
'@ -Arguments (Join-Path $work 'nandb-50-big.tif'), $dest)
        $check[-1] | Should -Be '(7, 100, 100) 8 True'
    }

    It 'fits a 120-column table with ratios to 2 decimals' {
        $r = ConvertTo-PhotonZarr -Path (Join-Path $work 'nandb-50-big.tif') -Mode Lossless -DestinationPath (Join-Path $TestDrive 'fmt.zarr')
        $text = $r | Format-Table | Out-String -Width 120
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 }) | Should -BeNullOrEmpty
        $text | Should -Match ('\b{0}\b' -f [regex]::Escape($r.Ratio.ToString('N2')))
    }

    It 'stops promptly on Ctrl+C and leaves nothing behind' {
        $big = Join-Path $TestDrive 'big'
        New-Item -ItemType Directory $big | Out-Null
        New-SyntheticMovie -Path (Join-Path $big 'big.tif') -Frames 800 -Height 256 -Width 256 | Out-Null
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$($env:PHOTONCODEC_MODULE)'; ConvertTo-PhotonZarr -Path '$big/big.tif' -DestinationPath '$big/big.zarr' -Gain 30 -ZeroLevel 200 -ReadNoise 8 -ThrottleLimit 1")
        $async = $ps.BeginInvoke()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while (-not ($ps.Streams.Progress | Where-Object StatusDescription -like 'Compressing*') -and $clock.ElapsedMilliseconds -lt 20000) { Start-Sleep -Milliseconds 20 }
        $ps.Streams.Progress | Where-Object StatusDescription -like 'Compressing*' | Should -Not -BeNullOrEmpty
        $stop = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $stop.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        Get-ChildItem $big -Force | Select-Object -ExpandProperty Name | Should -Be 'big.tif', 'big.tif.json'

        # Stopped while replacing an existing archive with -Force: the old archive is still there, untouched.
        New-Item -ItemType Directory "$big/big.zarr" | Out-Null
        Set-Content "$big/big.zarr/marker" 'old'
        Set-Content "$big/big.zarr/.zarray" '{}'
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$($env:PHOTONCODEC_MODULE)'; ConvertTo-PhotonZarr -Path '$big/big.tif' -DestinationPath '$big/big.zarr' -Force -Gain 30 -ZeroLevel 200 -ReadNoise 8 -ThrottleLimit 1")
        $async = $ps.BeginInvoke()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while (-not ($ps.Streams.Progress | Where-Object StatusDescription -like 'Compressing*') -and $clock.ElapsedMilliseconds -lt 20000) { Start-Sleep -Milliseconds 20 }
        $stop = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $stop.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        Get-ChildItem $big -Force | Select-Object -ExpandProperty Name | Sort-Object | Should -Be 'big.tif', 'big.tif.json', 'big.zarr'
        @(Get-ChildItem "$big/big.zarr" -Force).Name | Sort-Object | Should -Be '.zarray', 'marker'
        Get-Content "$big/big.zarr/marker" | Should -Be 'old'
    }
}
