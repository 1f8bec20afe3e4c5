BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $cmdlets = @((Get-Command -Module PhotonCodec -CommandType Cmdlet).Name | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll { $script:help = Get-Help $Name -Full; $script:name = $Name }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$name*[[]*"   # not the auto-generated syntax line
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        foreach ($p in (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $help.parameters.parameter | Where-Object name -eq $p
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$p of $name"
        }
    }

    It 'has at least two examples that parse' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $examples) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($e.code, [ref]$null, [ref]$errors)
            $errors | Should -BeNullOrEmpty
        }
    }
}

Describe 'Help of <Name> shows the parameters'' metadata' -ForEach $cmdlets {
    It 'marks -Path as wildcard-capable pipeline input and -LiteralPath as bound from PSPath' {
        $path = Get-Help $Name -Parameter Path
        $path.globbing | Should -Be 'true'
        $path.pipelineInput | Should -BeLike 'True*ByValue*'
        $path.required | Should -Be 'true'
        $literal = Get-Help $Name -Parameter LiteralPath
        $literal.aliases | Should -BeLike '*PSPath*'
        $literal.pipelineInput | Should -BeLike 'True*ByPropertyName*'
        $literal.globbing | Should -Be 'false'
    }

    It 'shows one syntax line per parameter set' {
        @((Get-Help $Name -Full).syntax.syntaxItem).Count | Should -Be @((Get-Command $Name).ParameterSets).Count
    }

    It 'ships the MAML file next to the module' {
        $dir = Split-Path (Get-Module PhotonCodec).Path -Parent
        $maml = Join-Path $dir 'en-US/PhotonCodec.dll-Help.xml'
        Test-Path $maml | Should -BeTrue
        ([xml] (Get-Content -Raw $maml)).helpItems.command.details.name | Should -Contain $Name
    }
}

Describe 'The examples run as written' {
    BeforeAll {
        # A folder like the one the examples assume: run1.tif (make_movie.py, gain 30, zero 200, read noise 8),
        # session*.tif, and run1.zarr (Lossless) unless the example makes it itself.
        $script:template = Join-Path $TestDrive 'example-template'
        New-Item -ItemType Directory $template | Out-Null
        New-SyntheticMovie -Path (Join-Path $template 'run1.tif') -Frames 260 -Height 64 -Width 64 | Out-Null
        Remove-Item (Join-Path $template 'run1.tif.json')
        Copy-Item (Join-Path $template 'run1.tif') (Join-Path $template 'session1.tif')
        Copy-Item (Join-Path $template 'run1.tif') (Join-Path $template 'session2.tif')
        New-Item -ItemType Directory (Join-Path $template 'raw/day1') -Force | Out-Null
        Copy-Item (Join-Path $template 'run1.tif') (Join-Path $template 'raw/day1/run2.tif')
        # The inputs the source examples name: an NWB file, a suite2p data.bin, a folder of one-frame TIFFs, hyperstacks.
        $fixtures = Join-Path $TestDrive 'source-fixtures'
        & /usr/bin/python3 (Join-Path $RepoRoot 'tests/PhotonCodec.Core.Tests/Sources/make_source_fixtures.py') $fixtures | Out-Null
        $LASTEXITCODE | Should -Be 0
        foreach ($d in 'nwb', 'suite2p/plane0', 'bruker', 'imagej') { New-Item -ItemType Directory (Join-Path $template $d) -Force | Out-Null }
        Copy-Item (Join-Path $fixtures 'session.nwb') (Join-Path $template 'nwb/session.nwb')
        Copy-Item (Join-Path $fixtures 'sequence') (Join-Path $template 'bruker/TSeries-001') -Recurse
        Copy-Item (Join-Path $fixtures 'hyperstack_2c.tif') (Join-Path $template 'imagej/two-channel-hyperstack.tif')
        Copy-Item (Join-Path $fixtures 'hyperstack_3z2c.tif') (Join-Path $template 'imagej/zstack-movie.tif')
        [System.IO.File]::WriteAllBytes((Join-Path $template 'suite2p/plane0/data.bin'), [byte[]]::new(2 * 512 * 512 * 2))
        $script:zarr = (ConvertTo-PhotonZarr -Path (Join-Path $template 'run1.tif') -Mode Lossless -DestinationPath (Join-Path $TestDrive 'run1.zarr')).Destination
    }

    It 'runs every example of <Name> that needs no other drive (and parses the rest)' -ForEach $cmdlets {
        $ran = 0
        $n = 0
        foreach ($e in @((Get-Help $Name -Full).examples.example)) {
            $n++
            $code = $e.code
            if ($code -match '\b[A-Z]:\\' -or $code -match '^\s*It\s') { continue }
            $sandbox = Join-Path $TestDrive "example-$Name-$n"
            Copy-Item $template $sandbox -Recurse
            if ($code -notmatch 'ConvertTo-PhotonZarr') { Copy-Item $zarr (Join-Path $sandbox 'run1.zarr') -Recurse }
            # In a runspace of its own (no host): -WhatIf examples print nothing into the test log.
            { Invoke-InRunspace "Set-Location -LiteralPath '$sandbox'; `$ErrorActionPreference = 'Stop'; `$WarningPreference = 'SilentlyContinue'`n$code" | Out-Null } |
                Should -Not -Throw -Because "example $n of $($Name): $code"
            $ran++
        }
        $ran | Should -BeGreaterOrEqual 1
    }
}

Describe 'tools/New-PhotonHelp.ps1' {
    BeforeAll {
        $script:generator = Join-Path $RepoRoot 'tools/New-PhotonHelp.ps1'
        $script:source = Get-Content -Raw (Join-Path $RepoRoot 'docs/help/PhotonCodec.help.psd1')
        $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'
        function Invoke-Generator([string] $SourceText, [string] $Name) {
            $src = Join-Path $TestDrive "$Name.help.psd1"
            $out = Join-Path $TestDrive "$Name/PhotonCodec.dll-Help.xml"
            Set-Content -Path $src -Value $SourceText
            $log = & dotnet $pwshDll -NoProfile -NonInteractive -File $generator -ModulePath (Get-PhotonModulePath) -OutFile $out -SourcePath $src 2>&1
            [pscustomobject]@{ Exit = $LASTEXITCODE; Log = ($log | Out-String); Written = (Test-Path $out) }
        }
    }

    It 'writes MAML for every exported cmdlet from the real source' {
        $r = Invoke-Generator $source 'complete'
        $r.Exit | Should -Be 0 -Because $r.Log
        $r.Written | Should -BeTrue
        $names = ([xml] (Get-Content -Raw (Join-Path $TestDrive 'complete/PhotonCodec.dll-Help.xml'))).helpItems.command.details.name
        $names | Should -Be ((Get-Module PhotonCodec).ExportedCmdlets.Keys | Sort-Object)
    }

    It 'fails, and writes nothing, when a parameter has no description' {
        $broken = $source -replace "(?m)^\s*Raw\s*=\s*'Return the stored values[^\r\n]*\r?\n", ''
        $broken | Should -Not -Be $source
        $r = Invoke-Generator $broken 'no-description'
        $r.Exit | Should -Not -Be 0
        $r.Log | Should -Match 'Get-PhotonFrame -Raw'
        $r.Written | Should -BeFalse
    }

    It 'fails when a cmdlet has fewer than two examples' {
        $broken = $source -replace "(?m)^\s*@\{ Code = 'Measure-PhotonCompression -Path \./run1\.zarr -PerChunk[^\r\n]*\r?\n", ''
        $broken | Should -Not -Be $source
        $r = Invoke-Generator $broken 'one-example'
        $r.Exit | Should -Not -Be 0
        $r.Log | Should -Match 'Measure-PhotonCompression: fewer than two examples'
    }

    It 'fails when an example does not parse' {
        $broken = $source -replace [regex]::Escape("Get-PhotonFrame -Path ./run1.zarr -Index 0, -1"), 'Get-PhotonFrame -Path (./run1.zarr -Index 0'
        $broken | Should -Not -Be $source
        $r = Invoke-Generator $broken 'bad-example'
        $r.Exit | Should -Not -Be 0
        $r.Log | Should -Match 'does not parse'
    }
}
