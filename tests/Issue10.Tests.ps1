# Issue 10: defects found using the module as a new user would (pipelines with [ ] names, corrupt chunks, -PlotPath,
# options that do not apply, error messages, help, the Explore tour, the test run). One Describe per item.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $cmdlets = @((Get-Command -Module PhotonCodec -CommandType Cmdlet).Name | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'folder with spaces [1]'
    New-Item -ItemType Directory $work | Out-Null
    $script:tif = Join-Path $work 'run[2].tif'
    Copy-Item -LiteralPath (Join-Path $SharedData 'nandb-50-big.tif') -Destination $tif
    # The decoy a wildcard reading of 'run[2].tif' would pick instead.
    Copy-Item -LiteralPath (Join-Path $SharedData 'detrendr-bleached.tif') -Destination (Join-Path $work 'run2.tif')
    $script:photon = @{ Gain = 1; ZeroLevel = 0; ReadNoise = 0 }
    $script:lossless = (ConvertTo-PhotonZarr -LiteralPath $tif -Mode Lossless -ChunkFrames 10 -DestinationPath (Join-Path $work 'run[2].zarr')).Destination
    $script:quantized = (ConvertTo-PhotonZarr -LiteralPath $tif @photon -DestinationPath (Join-Path $work 'q[2].zarr')).Destination
}

Describe 'Item 1: piped results bind literally' {
    It 'ConvertTo-PhotonZarr -LiteralPath run[2].tif | Test-PhotonRoundTrip -Detailed checks that pair' {
        $e = $null
        $r = ConvertTo-PhotonZarr -LiteralPath $tif -Mode Lossless -DestinationPath (Join-Path $TestDrive 'piped1') |
            Test-PhotonRoundTrip -Detailed -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -BeNullOrEmpty
        $r.Passed | Should -BeTrue
        $r.Path | Should -Be $tif
        $r.ZarrPath | Should -Be (Join-Path $TestDrive 'piped1/run[2].zarr')
    }

    It 'ConvertTo-PhotonZarr ... | Get-PhotonFrame -Index 0 reads the new archive' {
        $e = $null
        $f = @(ConvertTo-PhotonZarr -LiteralPath $tif -Mode Lossless -DestinationPath (Join-Path $TestDrive 'piped2') |
            Get-PhotonFrame -Index 0 -ErrorVariable e -ErrorAction SilentlyContinue)
        $e | Should -BeNullOrEmpty
        $f | Should -HaveCount 1
        $f[0].Path | Should -Be (Join-Path $TestDrive 'piped2/run[2].zarr')
    }

    It 'our objects with a Path (<_>) pipe into the next cmdlet literally' -ForEach 'Get-PhotonFrame', 'Measure-PhotonCompression' {
        $e = $null
        $first = & $_ -LiteralPath $lossless | Select-Object -First 1
        $f = @($first | Get-PhotonFrame -Index 0 -ErrorVariable e -ErrorAction SilentlyContinue)
        $e | Should -BeNullOrEmpty
        $f[0].Path | Should -Be $lossless
    }

    It 'Get-ChildItem output binds literally, and a Test-PhotonRoundTrip report pipes back in' {
        $e = $null
        $r = Get-ChildItem -LiteralPath $tif | Test-PhotonRoundTrip -Mode Lossless -Detailed -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -BeNullOrEmpty
        $r.Path | Should -Be $tif
        $again = [pscustomobject]@{ Source = $tif; Destination = $lossless } | Test-PhotonRoundTrip
        $again | Should -BeTrue
    }
}

Describe 'Item 2: a corrupt chunk is reported, not stopping' {
    BeforeAll {
        # 5 chunks of 10 frames; chunk 3's Blosc nbytes set to 0x7fffffff, chunk 4 cut to half its length.
        $script:bad = Join-Path $work 'bad[3].zarr'
        Copy-Item -LiteralPath $lossless -Destination $bad -Recurse
        $c3 = Join-Path $bad '3.0.0'
        $bytes = [IO.File]::ReadAllBytes($c3)
        [BitConverter]::GetBytes([int] 0x7fffffff).CopyTo($bytes, 4)
        [IO.File]::WriteAllBytes($c3, $bytes)
        $c4 = Join-Path $bad '4.0.0'
        $bytes = [IO.File]::ReadAllBytes($c4)
        [IO.File]::WriteAllBytes($c4, $bytes[0..([int]($bytes.Length / 2))])
    }

    It 'Measure-PhotonCompression -PerChunk lists every chunk, the bad ones with their reason' {
        $r = Invoke-Captured { Measure-PhotonCompression -LiteralPath $bad -PerChunk }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -HaveCount 5
        ($r.Output | Where-Object ChunkIndex -lt 3).Problem | Should -Be @('', '', '')
        ($r.Output | Where-Object ChunkIndex -eq 3).Problem | Should -Match 'nbytes'
        ($r.Output | Where-Object ChunkIndex -eq 4).Problem | Should -Match 'truncated'
        $r.Warnings | Should -HaveCount 2
    }

    It 'Get-PhotonFrame -Index 0,35,10,45 returns the readable frames, with an error per bad one' {
        $r = Invoke-Captured { Get-PhotonFrame -LiteralPath $bad -Index 0, 35, 10, 45 }
        $r.Output.Index | Should -Be @(0, 10)
        $r.Errors | Should -HaveCount 2
        $r.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.CorruptChunk*' }
        $r.Errors[0].Exception.Message | Should -Match 'Frame 35 .* chunk 3 \(frames 30\.\.39\)'
        $r.Errors[1].Exception.Message | Should -Match 'Frame 45 .* chunk 4'
    }

    It 'Test-PhotonRoundTrip gives $false, and the Reason under -Detailed' {
        $r = Test-PhotonRoundTrip -LiteralPath $tif -ZarrPath $bad -WarningAction SilentlyContinue
        $r | Should -BeFalse
        $r | Should -BeOfType [bool]
        $d = Test-PhotonRoundTrip -LiteralPath $tif -ZarrPath $bad -Detailed -WarningAction SilentlyContinue
        $d.Passed | Should -BeFalse
        $d.Reason | Should -Match 'cannot be decoded'
    }
}

Describe 'Item 4: -PlotPath' {
    It 'creates a missing folder (<Plot>) and emits the estimate' -ForEach @(
        @{ Plot = 'plots/new'; File = 'plots/new/run[2].photon-transfer.svg' }
        @{ Plot = 'missing/curve.svg'; File = 'missing/curve.svg' }) {
        $r = Invoke-Captured { Measure-PhotonTransfer -LiteralPath $tif -PlotPath (Join-Path $TestDrive $Plot) }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -HaveCount 1
        $r.Output[0].PlotPath | Should -Be (Join-Path $TestDrive $File)
        Test-Path -LiteralPath (Join-Path $TestDrive $File) | Should -BeTrue
    }

    It 'emits the estimate when the curve cannot be written, with the error naming the path' {
        $blocker = Join-Path $TestDrive 'a-file'
        Set-Content $blocker 'x'
        $r = Invoke-Captured { Measure-PhotonTransfer -LiteralPath $tif -PlotPath (Join-Path $blocker 'curve.svg') }
        $r.Output | Should -HaveCount 1
        $r.Output[0].Gain | Should -BeGreaterThan 0
        $r.Output[0].PlotPath | Should -BeNullOrEmpty
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.WriteFailed*'
        $r.Errors[0].Exception.Message | Should -Match ([regex]::Escape($blocker))
    }

    It 'refuses one -PlotPath file for several inputs up front' {
        $one = Join-Path $TestDrive 'one.svg'
        { Measure-PhotonTransfer -LiteralPath $tif, (Join-Path $work 'run2.tif') -PlotPath $one -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'PhotonCodec.InvalidParameter*'
        Test-Path $one | Should -BeFalse
    }

    It 'never overwrites the curve of an earlier piped input: that input still gets its estimate and an error' {
        $one = Join-Path $TestDrive 'piped.svg'
        $r = Invoke-Captured { Get-ChildItem -LiteralPath $tif, (Join-Path $work 'run2.tif') | Measure-PhotonTransfer -PlotPath $one }
        $r.Output | Should -HaveCount 2
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InvalidParameter*'
        Get-Content -Raw $one | Should -Match ([regex]::Escape('run[2].tif'))
    }
}

Describe 'Item 5: Measure-PhotonTransfer and decoded frames' {
    It 'frames carry the mode of their archive' {
        (Get-PhotonFrame -LiteralPath $quantized -Index 0).Mode | Should -Be 'Quantized'
        (Get-PhotonFrame -LiteralPath $lossless -Index 0).Mode | Should -Be 'Lossless'
    }

    It 'refuses decoded Quantized frames from the pipeline as it refuses the archive by path' {
        $r = Invoke-Captured { Get-PhotonFrame -LiteralPath $quantized | Measure-PhotonTransfer }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.UnsupportedInput*'
        $byPath = Invoke-Captured { Measure-PhotonTransfer -LiteralPath $quantized }
        $r.Errors[0].Exception.Message | Should -Be $byPath.Errors[0].Exception.Message
    }

    It 'still measures Lossless frames from the pipeline' {
        $r = Get-PhotonFrame -LiteralPath $lossless | Measure-PhotonTransfer -WarningAction SilentlyContinue
        $r.Gain | Should -BeGreaterThan 0.9
    }
}

Describe 'Item 6: options that do not apply' {
    It 'warns about <What>' -ForEach @(
        @{ What = '-FloatType in Quantized mode'; Run = { ConvertTo-PhotonZarr -LiteralPath $tif @photon -FloatType Double -DestinationPath (Join-Path $TestDrive 'w1.zarr') }; Pattern = '-FloatType' }
        @{ What = '-Gain in Lossless mode'; Run = { ConvertTo-PhotonZarr -LiteralPath $tif -Mode Lossless -Gain 2 -DestinationPath (Join-Path $TestDrive 'w2.zarr') }; Pattern = '-Gain' }
        @{ What = '-Baseline on a .zarr'; Run = { Measure-PhotonCompression -LiteralPath $lossless -Baseline }; Pattern = '-Baseline' }
        @{ What = '-PerChunk on a TIFF'; Run = { Measure-PhotonCompression -LiteralPath $tif -Mode Lossless -PerChunk }; Pattern = '-PerChunk' }
        @{ What = '-Beta on a check against an archive'; Run = { Test-PhotonRoundTrip -LiteralPath $tif -ZarrPath $lossless -Beta 1 }; Pattern = '-Beta' }
    ) {
        $r = Invoke-Captured $Run
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Not -BeNullOrEmpty
        ($r.Warnings -join "`n") | Should -Match ([regex]::Escape($Pattern) + ' does not apply')
    }

    It 'does not warn when the option applies (-FloatType in Float mode)' {
        $r = Invoke-Captured { ConvertTo-PhotonZarr -LiteralPath $tif @photon -Mode Float -FloatType Double -DestinationPath (Join-Path $TestDrive 'w3.zarr') }
        $r.Warnings | Should -BeNullOrEmpty
    }

    It 'reports ParameterSource per parameter: <Expected>' -ForEach @(
        @{ Given = @{ Gain = 1.05 }; Expected = 'Gain given; ZeroLevel, ReadNoise estimated' }
        @{ Given = @{ Gain = 1.05; ReadNoise = 0 }; Expected = 'Gain, ReadNoise given; ZeroLevel estimated' }
        @{ Given = @{ Gain = 1; ZeroLevel = 0; ReadNoise = 0 }; Expected = 'given' }
        @{ Given = @{}; Expected = 'estimated' }
    ) {
        $r = ConvertTo-PhotonZarr -LiteralPath $tif @Given -DestinationPath (Join-Path $TestDrive "src-$([guid]::NewGuid().ToString('N')).zarr") -WarningAction SilentlyContinue
        $r.ParameterSource | Should -Be $Expected
        if ($Given.Gain) { $r.Gain | Should -Be $Given.Gain }
    }
}

Describe 'Item 7: out-of-range frames' {
    It '-Index (0..5000) on 50 frames gives the 50 frames and one error naming the range' {
        $r = Invoke-Captured { Get-PhotonFrame -LiteralPath $lossless -Index (0..5000) }
        $r.Output | Should -HaveCount 50
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.FrameOutOfRange*'
        $m = $r.Errors[0].Exception.Message
        $m | Should -Match 'Frames 50\.\.5000 are outside 0\.\.49'
        $m | Should -Not -Match "\(Parameter '|Actual value was"
    }

    It 'names separate runs and negative indices in the same record' {
        $r = Invoke-Captured { Get-PhotonFrame -LiteralPath $lossless -Index 0, -51, 60, 61, 62, 70 }
        $r.Output | Should -HaveCount 1
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].Exception.Message | Should -Match 'Frames -51, 60\.\.62, 70 are outside 0\.\.49'
    }
}

Describe 'Item 8: error messages that mislead' {
    It 'a bracketed -Path that matches nothing hints at -LiteralPath' {
        $r = Invoke-Captured { Get-PhotonFrame -Path $lossless -Index 0 }
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InputNotFound*'
        $r.Errors[0].Exception.Message | Should -Match '-LiteralPath'
    }

    It '-DestinationPath naming an existing file says it was taken as a folder' {
        $file = Join-Path $TestDrive 'afile'
        Set-Content $file 'x'
        $r = Invoke-Captured { ConvertTo-PhotonZarr -LiteralPath $tif -Mode Lossless -DestinationPath $file }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.DestinationNotFolder*'
        $r.Errors[0].Exception.Message | Should -Match 'taken as a folder'
        Get-Content $file | Should -Be 'x'
    }

    It 'lists every ErrorId the module can emit in the README and in about_PhotonCodec' {
        $ids = [PhotonCodec.Infrastructure.ErrorIds].GetFields() | ForEach-Object { $_.GetValue($null) }
        $ids.Count | Should -BeGreaterThan 10
        $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
        $about = Get-Help about_PhotonCodec | Out-String
        foreach ($id in $ids) {
            $short = $id -replace '^PhotonCodec\.'
            $readme | Should -Match "\b$short\b" -Because "README lists $id"
            $about | Should -Match ([regex]::Escape($id)) -Because "about_PhotonCodec lists $id"
        }
    }

    It 'maps every exception type of the Core to an id other than Failed' {
        $core = [PhotonCodec.Core.PixelType].Assembly
        $types = @($core.GetTypes() | Where-Object { $_.IsPublic -and [Exception].IsAssignableFrom($_) })
        $types.Count | Should -BeGreaterThan 8
        $samples = foreach ($t in $types) {
            $ctor = $t.GetConstructors() | Where-Object { $p = $_.GetParameters(); $p.Count -ge 1 -and $p[0].ParameterType -eq [string] } | Select-Object -First 1
            $ctor | Should -Not -BeNullOrEmpty -Because "$($t.Name) can be constructed with a message"
            $argv = @($ctor.GetParameters() | ForEach-Object {
                    if ($_.ParameterType -eq [string]) { 'a message' } elseif ($_.ParameterType.IsValueType) { [Activator]::CreateInstance($_.ParameterType) } else { $null } })
            $ctor.Invoke($argv)
        }
        # What the Core lets through from .NET for inputs we can name.
        $samples += [ArgumentException]::new('x'), [InvalidOperationException]::new('x'), [OverflowException]::new('x'), [FormatException]::new('x'), [IO.EndOfStreamException]::new('x')
        foreach ($ex in $samples) {
            [PhotonCodec.Infrastructure.ErrorRecords]::Classify($ex).Item1 | Should -BeLike "PhotonCodec.*" -Because $ex.GetType().Name
            [PhotonCodec.Infrastructure.ErrorRecords]::Classify($ex).Item1 | Should -Not -Be 'PhotonCodec.Failed' -Because $ex.GetType().Name
        }
    }
}

Describe 'Item 9: help of <Name>' -ForEach $cmdlets {
    It 'shows -Path as positional (position 0)' {
        (Get-Help $Name -Parameter Path).position | Should -Be '0'
    }

    It 'fills the default value of every optional parameter' {
        foreach ($p in (Get-Help $Name -Full).parameters.parameter | Where-Object required -eq 'false') {
            "$($p.defaultValue)".Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.name) of $Name"
        }
    }

    It 'names the INPUTS (pipeline types) and the OUTPUTS ([OutputType])' {
        $help = Get-Help $Name -Full
        $inputs = @($help.inputTypes.inputType.type.name)
        $inputs | Should -Contain 'System.String'
        ($inputs -join ' ') | Should -Match 'PSPath'
        $outputs = @($help.returnValues.returnValue.type.name)
        foreach ($t in (Get-Command $Name).OutputType.Name) { $outputs | Should -Contain $t }
    }

    It 'has examples with paths that work on every OS' {
        foreach ($e in @((Get-Help $Name -Full).examples.example)) {
            $e.code | Should -Not -Match '\\' -Because $e.code
            $e.code | Should -Not -CMatch '\b[A-Z]:/' -Because $e.code
        }
    }
}

Describe 'Item 9: defaults, about_PhotonCodec and words a user knows' {
    It 'shows the defaults of Mode, Beta, MaxPairs and ChunkFrames' {
        (Get-Help ConvertTo-PhotonZarr -Parameter Mode).defaultValue | Should -Be 'Quantized'
        (Get-Help ConvertTo-PhotonZarr -Parameter Beta).defaultValue | Should -Be '0.5'
        (Get-Help Measure-PhotonTransfer -Parameter MaxPairs).defaultValue | Should -Be '200'
        (Get-Help ConvertTo-PhotonZarr -Parameter ChunkFrames).defaultValue | Should -Match '100'
    }

    It 'ships about_PhotonCodec (modes, accuracy promise, parameters, formats, error ids)' {
        $dir = Split-Path (Get-Module PhotonCodec).Path -Parent
        Test-Path (Join-Path $dir 'en-US/about_PhotonCodec.help.txt') | Should -BeTrue
        $about = Get-Help about_PhotonCodec | Out-String
        foreach ($section in 'MODES', 'ACCURACY PROMISE', 'PARAMETERS', 'FORMATS', 'ERRORS') { $about | Should -Match $section }
    }

    It 'keeps project jargon out of the README, the help and about_PhotonCodec' {
        $dir = Split-Path (Get-Module PhotonCodec).Path -Parent
        $texts = @{
            README = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
            help   = Get-Content -Raw (Join-Path $dir 'en-US/PhotonCodec.dll-Help.xml')
            about  = Get-Content -Raw (Join-Path $dir 'en-US/about_PhotonCodec.help.txt')
        }
        foreach ($k in $texts.Keys) {
            $texts[$k] | Should -Not -Match 'seed-literal|zarr@|&lt;zarr@|the seed\b|seed''s|seed spec|seed codec' -Because "$k speaks to users"
        }
    }
}

Describe 'Item 11: examples/Explore.ps1' {
    BeforeAll {
        $script:explore = Join-Path $RepoRoot 'examples/Explore.ps1'
        $script:other = Join-Path $TestDrive 'other movie.tif'
        Copy-Item -LiteralPath $tif -Destination $other
    }

    It 'tours another movie without asking (-NonInteractive), with its own name and parameters in a stable order' {
        $text = (& $explore -Movie $other -WorkDir (Join-Path $TestDrive 'explore1') -NonInteractive 6>&1 | Out-String)
        $text | Should -Not -Match 'bundled movie counts photons'
        $text | Should -Match '1\. The detector of other movie\.tif'
        $text | Should -Match 'Measured from the movie'
        $text | Should -Match '(?s)Gain\s.*ZeroLevel\s.*ReadNoise\s'
        $text | Should -Match 'Passed\s+: True'
    }

    It 'asks for the movie and the parameters when interactive' {
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $answers = "$other`n1`n0`n0`n`n`n`n`n"
        $text = ($answers | & dotnet $pwshDll -NoProfile -File $explore -WorkDir (Join-Path $TestDrive 'explore2') -ModulePath (Get-PhotonModulePath) 2>&1 | Out-String)
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match 'Movie to explore'
        $text | Should -Match 'Gain in levels per photon'
        $text | Should -Match 'The detector of other movie\.tif'
        $text | Should -Match 'Given:'
    }
}

Describe 'Item 12: the test run' {
    It 'keeps the Pester log to results: no What if:, no Explore output, no colour codes in a file' {
        $pesterPsd1 = @(Get-ChildItem (Join-Path $RepoRoot '.packages/pester') -Recurse -Filter Pester.psd1)[0].FullName
        $json = Join-Path $TestDrive 'log.json'
        $log = Join-Path $TestDrive 'log.txt'
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $tests = (Join-Path $PSScriptRoot 'ConvertTo-PhotonZarr.Tests.ps1'), (Join-Path $PSScriptRoot 'Examples.Tests.ps1') -join ','
        & dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1') -PesterPath $pesterPsd1 `
            -ModulePath (Get-PhotonModulePath) -ResultPath $json -TestPath $tests -FullNameFilter '*-WhatIf writes nothing*,*Explore*' *> $log
        $text = Get-Content -Raw $log
        (Get-Content -Raw $json | ConvertFrom-Json).Passed | Should -Be 2 -Because $text
        $text | Should -Not -Match 'What if:'
        $text | Should -Not -Match 'The detector|Measure-PhotonCompression'
        $text | Should -Not -Match "`e\["
        $text | Should -Match 'Tests Passed: 2'
    }

    It 'fails fast with one message when ../shared is missing beside the clone' {
        $clone = Join-Path $TestDrive 'lonely/clone'
        New-Item -ItemType Directory $clone -Force | Out-Null
        Copy-Item (Join-Path $RepoRoot 'build.ps1') $clone
        $out = @(& dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $clone 'build.ps1') -Task Test 2>&1)
        $LASTEXITCODE | Should -Not -Be 0
        $out | Should -HaveCount 1
        "$out" | Should -Match 'need the shared test data beside the clone'
    }

    It 'says in the README that the tests need ../shared and that dotnet pwsh works only inside the repo folder' {
        $readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md')
        $readme | Should -Match '\.\./shared` beside the clone'
        $readme | Should -Match '`dotnet pwsh` works only inside the repository folder'
    }
}
