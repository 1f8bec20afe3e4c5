# Issue 16, "Source never touched": the suite runner's guard (Invoke-PesterSuite.ps1 + Get-SourceHashes) fails a test
# that modifies a source movie and passes one that only reads it; sources are opened with shared read.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
}

Describe 'The source guard' {
    It 'hashes synthetic movies and copies of shared movies, not outputs' {
        $dir = Join-Path $TestDrive 'hashes'
        New-Item -ItemType Directory $dir | Out-Null
        $null = New-SyntheticMovie -Path (Join-Path $dir 'm.tif') -Frames 4 -Height 8 -Width 8
        Copy-Item (Join-Path $SharedData 'nandb-50-big.tif') $dir
        Set-Content (Join-Path $dir 'exported.tif') 'an output, not a source'
        $h = Get-SourceHashes $dir
        @($h.Keys | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object) | Should -Be @('m.tif', 'nandb-50-big.tif')
        [IO.File]::AppendAllText((Join-Path $dir 'm.tif'), 'x')
        Remove-Item -Force (Join-Path $dir 'nandb-50-big.tif')  # copies keep shared/data's read-only mode
        $changes = @(Compare-SourceHashes $h (Get-SourceHashes $dir))
        $changes | Should -HaveCount 2
        $changes[0] | Should -BeLike '*m.tif: changed*'
        $changes[1] | Should -BeLike '*nandb-50-big.tif: removed'
    }

    It 'fails, through the suite runner, the test that modified its source and passes the one that did not' {
        $file = Join-Path $TestDrive 'Touch.Tests.ps1'
        Set-Content $file @"
BeforeAll {
    . '$(Join-Path $PSScriptRoot 'TestHelpers.ps1')'
    Import-PhotonModule
    `$script:m = Join-Path `$TestDrive 'm.tif'
    `$null = New-SyntheticMovie -Path `$m -Frames 4 -Height 8 -Width 8
}
Describe 'touching' {
    It 'appends a byte to the source' { [IO.File]::AppendAllText(`$m, 'x') }
    It 'converts it, which only reads it' { ConvertTo-PhotonZarr -LiteralPath `$m -DestinationPath (Join-Path `$TestDrive 'o') -Mode Lossless | Should -HaveCount 1 }
}
"@
        $pester = (Get-Module Pester).Path -replace 'psm1$', 'psd1'
        $result = Join-Path $TestDrive 'result.json'
        $log = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1') `
            -PesterPath $pester -ModulePath (Get-PhotonModulePath) -ResultPath $result -TestPath $file 2>&1
        $counts = Get-Content -Raw $result | ConvertFrom-Json
        $counts.Passed | Should -Be 1 -Because ($log -join "`n")
        $counts.Failed | Should -Be 1
        ($log -join "`n") | Should -Match 'A source movie was modified or removed by this test'
    }
}

Describe 'Sources are opened for reading with shared read' {
    It 'converts a source another handle holds open for reading, and leaves it unchanged' {
        $m = Join-Path $TestDrive 'shared.tif'
        $null = New-SyntheticMovie -Path $m -Frames 6 -Height 8 -Width 8
        $before = (Get-FileHash $m).Hash
        $reader = [IO.File]::Open($m, 'Open', 'Read', 'Read')
        try {
            ConvertTo-PhotonZarr -LiteralPath $m -DestinationPath (Join-Path $TestDrive 'shared-out') -Mode Lossless | Should -HaveCount 1
        }
        finally { $reader.Dispose() }
        (Get-FileHash $m).Hash | Should -Be $before
    }

    It 'reports a source another handle holds exclusively as a per-file error (not Failed), and converts the next' {
        # .NET takes an advisory lock for FileShare.None; our shared-read open meets it (not a write failure: InputUnreadable).
        $locked = Join-Path $TestDrive 'locked.tif'
        $free = Join-Path $TestDrive 'free.tif'
        $null = New-SyntheticMovie -Path $locked -Frames 6 -Height 8 -Width 8
        $null = New-SyntheticMovie -Path $free -Frames 6 -Height 8 -Width 8 -Seed 1
        $before = (Get-FileHash $locked).Hash
        $writer = [IO.File]::Open($locked, 'Open', 'ReadWrite', 'None')
        try {
            $ErrorActionPreference = 'Continue'
            $all = @(ConvertTo-PhotonZarr -LiteralPath $locked, $free -DestinationPath (Join-Path $TestDrive 'locked-out') -Mode Lossless 2>&1)
        }
        finally { $writer.Dispose() }
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }).Source | Should -Be @($free)
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InputUnreadable*'
        $errors[0].CategoryInfo.Category | Should -Be 'ReadError'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($locked))
        "$($errors[0].TargetObject)" | Should -Be $locked
        (Get-FileHash $locked).Hash | Should -Be $before
    }
}
