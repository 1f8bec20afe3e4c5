# Issue 16, "Disk full and I/O errors", for real: a full tmpfs, a read-only mount and a folder without write permission.
# Each failed file is PhotonCodec.WriteFailed with the OS message and the path, leaves nothing partial, and the batch goes
# on to the next file. Needs root (mount); "without permission" runs the child without CAP_DAC_OVERRIDE (setpriv), since
# root ignores mode bits.
BeforeDiscovery {
    $script:isRoot = $IsLinux -and ((& id -u) -eq '0')
    $script:canMount = $false
    if ($isRoot) {
        $probe = Join-Path ([IO.Path]::GetTempPath()) ('pc-mount-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $probe | Out-Null
        & mount -t tmpfs -o size=64k tmpfs $probe 2>$null
        if ($LASTEXITCODE -eq 0) { $script:canMount = $true; & umount $probe }
        Remove-Item $probe
    }
    $script:mountSkip = if ($canMount) { '' } else { 'needs root and mount -t tmpfs (not available here)' }
    $script:canDropCaps = $isRoot -and [bool](Get-Command setpriv -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:src = Join-Path $TestDrive 'src'
    New-Item -ItemType Directory $src | Out-Null
    $null = New-SyntheticMovie -Path (Join-Path $src 'big.tif') -Frames 100 -Height 64 -Width 64 -Seed 3
    $null = New-SyntheticMovie -Path (Join-Path $src 'small.tif') -Frames 8 -Height 16 -Width 16 -Seed 4
    $script:big = Join-Path $src 'big.tif'
    $script:small = Join-Path $src 'small.tif'
    $script:hashes = @{ $big = (Get-FileHash $big).Hash; $small = (Get-FileHash $small).Hash }

    function Mount-Tmpfs([string] $Size) {
        $dir = Join-Path $TestDrive ('mnt-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory $dir | Out-Null
        & mount -t tmpfs -o "size=$Size" tmpfs $dir
        if ($LASTEXITCODE -ne 0) { throw "mount -t tmpfs failed for $dir" }
        $dir
    }
    function Dismount-Tmpfs([string] $Dir) { & umount $Dir; Remove-Item -LiteralPath $Dir -Recurse -Force -ErrorAction SilentlyContinue }
    function Invoke-Convert([string] $Destination) {
        Invoke-Captured { ConvertTo-PhotonZarr -LiteralPath $big, $small -DestinationPath $Destination -Mode Lossless }
    }
    function Assert-SourcesUntouched {
        foreach ($f in $hashes.Keys) { (Get-FileHash $f).Hash | Should -Be $hashes[$f] -Because "$f is a source" }
    }
}

Describe 'A destination that fills up (2 MB tmpfs)' -Skip:(-not $canMount) {
    BeforeAll { $script:mnt = Mount-Tmpfs '2m' }
    AfterAll { Dismount-Tmpfs $mnt }

    It 'reports WriteFailed with the OS message and the path, removes the partial archive, and converts the next file' {
        # Leave ~200 KB free: the big movie's archive does not fit, the small one does.
        $filler = [IO.File]::OpenWrite((Join-Path $mnt 'filler.bin'))
        try { $filler.SetLength(2MB - 200KB); $filler.Write([byte[]]::new(2MB - 200KB), 0, 2MB - 200KB) } finally { $filler.Dispose() }
        $out = Join-Path $mnt 'out'
        $r = Invoke-Convert $out
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.WriteFailed*'
        $r.Errors[0].Exception.Message | Should -Match 'No space left on device'
        $r.Errors[0].Exception.Message | Should -Match ([regex]::Escape((Join-Path $out 'big.zarr')))
        $r.Output | Should -HaveCount 1
        $r.Output[0].Source | Should -Be $small
        @(Get-ChildItem -LiteralPath $out -Force).Name | Should -Be @('small.zarr')
        Test-PhotonRoundTrip -LiteralPath $small -ZarrPath $r.Output[0].Destination -Mode Lossless | Should -BeTrue
        Assert-SourcesUntouched
    }
}

Describe 'A read-only destination (tmpfs remounted ro)' -Skip:(-not $canMount) {
    BeforeAll {
        $script:mnt = Mount-Tmpfs '2m'
        New-Item -ItemType Directory (Join-Path $mnt 'out') | Out-Null
        & mount -o remount,ro $mnt
    }
    AfterAll { Dismount-Tmpfs $mnt }

    It 'reports WriteFailed for each file with the OS message and the path, and writes nothing' {
        $out = Join-Path $mnt 'out'
        $r = Invoke-Convert $out
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -HaveCount 2
        foreach ($e in $r.Errors) {
            $e.FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.WriteFailed*'
            $e.Exception.Message | Should -Match 'Read-only file system'
            $e.Exception.Message | Should -Match ([regex]::Escape($out))
        }
        @($r.Errors.TargetObject) | Should -Be @($big, $small)
        @(Get-ChildItem -LiteralPath $out -Force) | Should -BeNullOrEmpty
        Assert-SourcesUntouched
    }
}

Describe 'A destination without write permission' -Skip:(-not $canDropCaps) {
    It 'reports WriteFailed (PermissionDenied) for each file with the path, and writes nothing' {
        $out = Join-Path $TestDrive 'locked'
        New-Item -ItemType Directory $out | Out-Null
        & chmod 0555 $out
        $script = "Import-Module '$(Get-PhotonModulePath)'; `$ErrorActionPreference = 'Continue'; " +
            "`$all = @(ConvertTo-PhotonZarr -LiteralPath '$big', '$small' -DestinationPath '$out' -Mode Lossless 2>&1); " +
            "`$all | ForEach-Object { if (`$_ -is [System.Management.Automation.ErrorRecord]) { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Category = `"`$(`$_.CategoryInfo.Category)`"; Message = `$_.Exception.Message; Target = `"`$(`$_.TargetObject)`" } } else { [pscustomobject]@{ Id = 'output'; Target = `$_.Source } } } | ConvertTo-Json -AsArray"
        # Root keeps its uid but loses the capabilities that override mode bits, so 0555 holds.
        $json = & setpriv --bounding-set '-dac_override,-dac_read_search,-fowner' -- ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $r = @(($json -join "`n") | ConvertFrom-Json)
        $r | Should -HaveCount 2
        foreach ($e in $r) {
            $e.Id | Should -BeLike 'PhotonCodec.WriteFailed*'
            $e.Category | Should -Be 'PermissionDenied'
            $e.Message | Should -Match ([regex]::Escape($out))
        }
        @($r.Target) | Should -Be @($big, $small)
        @(Get-ChildItem -LiteralPath $out -Force) | Should -BeNullOrEmpty
        Assert-SourcesUntouched
    }
}
