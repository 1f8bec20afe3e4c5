BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:examples = Join-Path $RepoRoot 'examples'
}

Describe 'examples/Convert-Archive.ps1' {
    It 'mirrors a tree, verifies, reports bad files, and skips what is already archived' {
        $src = Join-Path $TestDrive 'src'
        New-Item -ItemType Directory (Join-Path $src 'a/b') -Force | Out-Null
        Copy-Item (Join-Path $SharedData 'nandb-50-big.tif') (Join-Path $src 'a')
        Copy-Item (Join-Path $SharedData 'detrendr-bleached.tif') (Join-Path $src 'a/b')
        Set-Content (Join-Path $src 'a/b/bad.tif') 'junk'
        $dst = Join-Path $TestDrive 'dst'
        $report = Join-Path $TestDrive 'report.csv'
        $out = & (Join-Path $examples 'Convert-Archive.ps1') -Source $src -Destination $dst -Report $report -WarningAction SilentlyContinue
        @($out | Where-Object Verified -eq $true) | Should -HaveCount 2
        $rows = Import-Csv $report
        $rows | Should -HaveCount 3
        @($rows | Where-Object Status -eq 'Converted') | Should -HaveCount 2
        ($rows | Where-Object Source -like '*bad.tif').ErrorId | Should -Be 'PhotonCodec.CorruptTiff'
        Test-Path (Join-Path $dst 'a/b/detrendr-bleached.zarr/.zarray') | Should -BeTrue
        $out = & (Join-Path $examples 'Convert-Archive.ps1') -Source $src -Destination $dst -Report $report -WarningAction SilentlyContinue
        @($out | Where-Object Status -eq 'Skipped') | Should -HaveCount 2
        $rows = Import-Csv $report
        $rows | Should -HaveCount 6
        @($rows | Where-Object Status -eq 'Skipped') | Should -HaveCount 2
    }
}

Describe 'examples/Explore.ps1' {
    It 'runs its tour on the bundled movie' {
        # Its tour goes to the host (stream 6): captured here, so none of it reaches the test log.
        $text = & (Join-Path $examples 'Explore.ps1') -WorkDir (Join-Path $TestDrive 'explore') -NonInteractive 6>&1 | Out-String
        $text | Should -Match '5\. Is the archive within'
        Test-Path (Join-Path $TestDrive 'explore/nandb-50-big.zarr/.zarray') | Should -BeTrue
    }
}
