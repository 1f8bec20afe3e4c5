BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    # A small tree: four whole movies in two folders and one movie split into parts (> -MaxTaskBytes).
    $script:raw = Join-Path $TestDrive 'raw'
    New-Item -ItemType Directory (Join-Path $raw 'day1'), (Join-Path $raw 'day2') | Out-Null
    foreach ($i in 1..4) { New-SyntheticMovie -Path (Join-Path $raw "day$((($i - 1) % 2) + 1)/m$i.tif") -Frames 60 -Height 32 -Width 32 -Seed $i | Out-Null }
    New-SyntheticMovie -Path (Join-Path $raw 'day2/big.tif') -Frames 240 -Height 40 -Width 40 -Seed 9 | Out-Null
    $script:split = @{ MaxTaskBytes = 300KB; ChunkFrames = 40 }   # big.tif (≈ 770 KB, 6 chunks) → 3 parts of 2 chunks

    # "<relative path> <sha256>" of every file of every archive below $Root, hidden staging folders excluded.
    function script:Get-ArchiveFiles([string] $Root) {
        Get-ChildItem -LiteralPath $Root -Recurse -File | Where-Object { $_.FullName.Substring($Root.Length) -notmatch '/\.[^/]+\.(migrating|partial)-' } |
            ForEach-Object { '{0} {1}' -f $_.FullName.Substring($Root.Length), (Get-FileHash -LiteralPath $_.FullName).Hash } | Sort-Object
    }
    function script:Get-Records([string] $Manifest) {
        @(Get-ChildItem "$Manifest.reports" -Filter *.jsonl -ErrorAction SilentlyContinue | Get-Content | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
    # The same tree migrated by one task, in this process: what every other run must equal byte for byte.
    $script:seqManifest = Join-Path $TestDrive 'seq.jsonl'
    $script:seqRoot = Join-Path $TestDrive 'seq'
    New-PhotonMigrationPlan -SourceRoot $raw -DestinationRoot $seqRoot -ManifestPath $seqManifest @split | Out-Null
    $script:seqResults = @(Invoke-PhotonMigration -Manifest $seqManifest)
    $script:seqFiles = Get-ArchiveFiles $seqRoot
}

Describe 'New-PhotonMigrationPlan' {
    It 'writes one line per movie, mirrored under the destination, in a stable order' {
        $lines = Get-Content $seqManifest | ForEach-Object { $_ | ConvertFrom-Json }
        $lines.relative_path | Should -Be @('day1/m1.tif', 'day1/m3.tif', 'day2/big.tif', 'day2/m2.tif', 'day2/m4.tif')
        $lines[0].destination | Should -Be (Join-Path $seqRoot 'day1/m1.zarr')
        $lines[0].size | Should -Be (Get-Item (Join-Path $raw 'day1/m1.tif')).Length
        $lines[0].options.mode | Should -Be 'Quantized'
        $lines[0].options.gain | Should -BeNullOrEmpty   # estimated per movie when converted
        $big = $lines[2]
        $big.chunks | Should -Be 6
        @($big.parts).Count | Should -Be 3
        ($big.parts | ForEach-Object { "$($_[0])+$($_[1])" }) -join ' ' | Should -Be '0+2 2+2 4+2'
        $big.parameter_source | Should -Be 'estimated at plan time'
        $big.options.gain | Should -BeGreaterThan 0
    }

    It 'is deterministic, and a re-plan keeps existing lines and adds new files' {
        $m = Join-Path $TestDrive 'again.jsonl'
        New-PhotonMigrationPlan -SourceRoot $raw -DestinationRoot $seqRoot -ManifestPath $m @split | Out-Null
        (Get-Content -Raw $m) | Should -BeExactly (Get-Content -Raw $seqManifest)
        $tree = Join-Path $TestDrive 'replan'
        Copy-Item $raw $tree -Recurse
        $m2 = Join-Path $TestDrive 'replan.jsonl'
        (New-PhotonMigrationPlan $tree (Join-Path $TestDrive 'replan-out') $m2 -Mode Lossless).Added | Should -Be 5
        $before = Get-Content $m2
        Copy-Item (Join-Path $tree 'day1/m1.tif') (Join-Path $tree 'day1/new.tif')
        $r = New-PhotonMigrationPlan $tree (Join-Path $TestDrive 'replan-out') $m2 -Mode Lossless
        $r.Added | Should -Be 1
        $r.Kept | Should -Be 5
        $after = Get-Content $m2
        $after.Count | Should -Be 6
        @($after | Where-Object { $_ -notin $before }).Count | Should -Be 1
    }

    It 'names both sources of a shared destination before writing anything' {
        $tree = Join-Path $TestDrive 'collide'
        New-Item -ItemType Directory $tree | Out-Null
        Copy-Item (Join-Path $raw 'day1/m1.tif') (Join-Path $tree 'run.tif')
        Copy-Item (Join-Path $raw 'day1/m1.tif') (Join-Path $tree 'run.tiff')
        $m = Join-Path $TestDrive 'collide.jsonl'
        New-PhotonMigrationPlan $tree (Join-Path $TestDrive 'collide-out') $m -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
        ($errs[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'PhotonCodec.InvalidManifest'
        $errs[0].Exception.Message | Should -BeLike '*run.tif*run.tiff*'
        Test-Path $m | Should -BeFalse
    }

    It 'writes nothing with -WhatIf' {
        $m = Join-Path $TestDrive 'whatif.jsonl'
        $r = Invoke-InRunspace "New-PhotonMigrationPlan -SourceRoot '$raw' -DestinationRoot '$TestDrive/whatif' -ManifestPath '$m' -WhatIf"
        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].Files | Should -Be 5
        $r.Output[0].Written | Should -BeFalse
        Test-Path $m | Should -BeFalse
    }
}

Describe 'Invoke-PhotonMigration' {
    It 'converts every movie once, commits the split one, and reports each unit' {
        $seqResults.Status | Should -Not -Contain 'Failed'
        @($seqResults | Where-Object Status -eq 'Converted').Count | Should -Be 4
        @($seqResults | Where-Object Status -eq 'PartWritten').Count | Should -Be 3
        @($seqResults | Where-Object Status -eq 'Committed').Count | Should -Be 1
        (Get-Records $seqManifest).Count | Should -Be $seqResults.Count
        Get-ChildItem -Force (Join-Path $seqRoot 'day2') -Filter '.*' | Should -BeNullOrEmpty   # the shared staging is gone
        foreach ($z in Get-ChildItem $seqRoot -Recurse -Directory -Filter *.zarr) {
            $src = Join-Path $raw ($z.FullName.Substring($seqRoot.Length) -replace '\.zarr$', '.tif')
            Test-PhotonRoundTrip -Path $src -ZarrPath $z.FullName | Should -BeTrue -Because $z.Name
        }
    }

    It 'writes a split movie byte-identical to ConvertTo-PhotonZarr with the parameters the plan recorded' {
        $big = Get-Content $seqManifest | ForEach-Object { $_ | ConvertFrom-Json } | Where-Object relative_path -eq 'day2/big.tif'
        $o = $big.options
        $whole = ConvertTo-PhotonZarr -Path (Join-Path $raw 'day2/big.tif') -DestinationPath (Join-Path $TestDrive 'whole/big.zarr') -ChunkFrames 40 -Gain $o.gain -ZeroLevel $o.zero_level -ReadNoise $o.read_noise
        Get-ArchiveFiles (Join-Path $TestDrive 'whole') | Should -Be (Get-ArchiveFiles (Join-Path $seqRoot 'day2') | Where-Object { $_ -like '/big.zarr/*' })
        $whole.Frames | Should -Be 240
    }

    It 'shares the work among tasks by bytes, and any number of tasks gives the same archives' {
        $m = Join-Path $TestDrive 'tasks.jsonl'
        $root = Join-Path $TestDrive 'tasks'
        New-PhotonMigrationPlan $raw $root $m @split | Out-Null
        $all = foreach ($t in 0..2) { , @(Invoke-PhotonMigration -Manifest $m -TaskIndex $t -TaskCount 3) }
        foreach ($t in 0..2) { @($all[$t] | Where-Object Status -ne 'Committed').Count | Should -BeGreaterThan 0 -Because "task $t has a share" }
        $units = $all | ForEach-Object { $_ } | Where-Object Status -in 'Converted', 'PartWritten' | ForEach-Object { "$($_.Source)#$($_.Part)" }
        $units.Count | Should -Be 7
        @($units | Sort-Object -Unique).Count | Should -Be 7
        Get-ArchiveFiles $root | Should -Be $seqFiles
    }

    It 'skips what is done on a rerun, and redoes an archive that no longer verifies' {
        $again = @(Invoke-PhotonMigration -Manifest $seqManifest)
        $again.Status | Sort-Object -Unique | Should -Be @('PartSkipped', 'Skipped')
        $chunk = Join-Path $seqRoot 'day1/m3.zarr/0.0.0'
        Remove-Item $chunk
        $fixed = @(Invoke-PhotonMigration -Manifest $seqManifest)
        ($fixed | Where-Object Status -eq 'Converted').Source | Should -Be (Join-Path $raw 'day1/m3.tif')
        ($fixed | Where-Object Status -eq 'Converted').Message | Should -BeLike 'replaced the archive there:*missing*'
        Get-ArchiveFiles $seqRoot | Should -Be $seqFiles
    }

    It 'reports a bad movie as an error with its id and goes on' {
        $tree = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory $tree | Out-Null
        Copy-Item (Join-Path $raw 'day1/m1.tif') (Join-Path $tree 'good.tif')
        Set-Content (Join-Path $tree 'broken.tif') 'not a tiff'
        $m = Join-Path $TestDrive 'bad.jsonl'
        New-PhotonMigrationPlan $tree (Join-Path $TestDrive 'bad-out') $m -Mode Lossless | Out-Null
        $r = @(Invoke-PhotonMigration -Manifest $m -ErrorVariable errs -ErrorAction SilentlyContinue)
        ($r | Where-Object Status -eq 'Failed').ErrorId | Should -Be 'PhotonCodec.CorruptTiff'
        ($r | Where-Object Status -eq 'Converted').Source | Should -Be (Join-Path $tree 'good.tif')
        ($errs[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'PhotonCodec.CorruptTiff'
        $s = Get-PhotonMigrationStatus -Manifest $m
        $s.PSObject.TypeNames[0] | Should -Be 'PhotonCodec.MigrationStatus'
        $s.Done | Should -Be 1
        $s.Failed | Should -Be 1
        ($s.Entries | Where-Object State -eq 'Failed').ErrorId | Should -Be 'PhotonCodec.CorruptTiff'
    }

    It 'lists its units with -WhatIf and converts nothing' {
        $m = Join-Path $TestDrive 'whatif-run.jsonl'
        New-PhotonMigrationPlan $raw (Join-Path $TestDrive 'whatif-run') $m -Mode Lossless | Out-Null
        $r = Invoke-InRunspace "Invoke-PhotonMigration -Manifest '$m' -TaskIndex 1 -TaskCount 2 -WhatIf"
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -BeNullOrEmpty
        Test-Path (Join-Path $TestDrive 'whatif-run') | Should -BeFalse
    }
}

Describe 'Get-PhotonMigrationStatus and Complete-PhotonMigration' {
    It 'counts done, in progress and pending with bytes and ratios, and Complete commits a split movie whose parts are written' {
        $m = Join-Path $TestDrive 'status.jsonl'
        $root = Join-Path $TestDrive 'status'
        New-PhotonMigrationPlan $raw $root $m @split | Out-Null
        $s = Get-PhotonMigrationStatus $m
        $s.Pending | Should -Be 5
        $s.Ratio | Should -Be 0
        # Only the units of the split movie, by hand: its parts written, the commit left to Complete-PhotonMigration.
        $entries = Get-Content $m | ForEach-Object { $_ | ConvertFrom-Json }
        $big = $entries | Where-Object relative_path -eq 'day2/big.tif'
        $manifestOfBig = Join-Path $TestDrive 'status-big.jsonl'
        Get-Content $m | Where-Object { $_ -like '*day2/big.tif*' } | Set-Content $manifestOfBig
        Invoke-PhotonMigration $manifestOfBig -TaskIndex 0 -TaskCount 3 | Out-Null
        (Get-PhotonMigrationStatus $m -Detailed | Where-Object Source -eq $big.source).State | Should -Be 'InProgress'
        (Complete-PhotonMigration $manifestOfBig).Status | Should -Be 'Waiting'
        Invoke-PhotonMigration $manifestOfBig -TaskIndex 1 -TaskCount 3 | Out-Null
        # The task of the last part commits the movie.
        $last = @(Invoke-PhotonMigration $manifestOfBig -TaskIndex 2 -TaskCount 3)
        $last.Status | Should -Be @('PartWritten', 'Committed')
        (Complete-PhotonMigration $manifestOfBig).Status | Should -Be 'Skipped'
        Invoke-PhotonMigration $m | Out-Null
        $s = Get-PhotonMigrationStatus $m -Verify
        $s.Done | Should -Be 5
        $s.Pending | Should -Be 0
        $s.StoredBytes | Should -BeGreaterThan 0
        $s.Ratio | Should -BeGreaterThan 2
        $s.DoneSourceBytes | Should -Be (($entries | Measure-Object size -Sum).Sum)
        ($s | Format-Table | Out-String -Width 200) -split "`n" | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }
}

Describe 'kill -9 across Invoke-PhotonMigration tasks' {
    It 'leaves only complete, verified archives or nothing, and a rerun completes the rest byte-identically' {
        $m = Join-Path $TestDrive 'kill.jsonl'
        $root = Join-Path $TestDrive 'kill'
        New-PhotonMigrationPlan $raw $root $m @split | Out-Null
        # The PowerShell running this test, started again as a child process that SIGKILL ends at once (no cleanup runs).
        $exe = [Environment]::ProcessPath
        [string[]] $prefix = if ((Split-Path $exe -Leaf) -like 'dotnet*') { @([System.Reflection.Assembly]::GetEntryAssembly().Location) } else { @() }
        $rng = [System.Random]::new(14)
        $kills = 0
        for ($round = 0; $round -lt 8; $round++) {
            $task = $round % 3
            $script = "Import-Module '$(Get-PhotonModulePath)'; Invoke-PhotonMigration -LiteralPath '$m' -TaskIndex $task -TaskCount 3 -ThrottleLimit 1 | Out-Null"
            $info = [System.Diagnostics.ProcessStartInfo]::new($exe)
            foreach ($a in $prefix + @("-NoProfile", "-NonInteractive", "-Command", $script)) { $info.ArgumentList.Add($a) }
            $p = [System.Diagnostics.Process]::Start($info)
            # Killed a random moment after it starts writing (a staging folder appears), so the kill lands mid-file whatever the machine's speed.
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $started = (Get-Date).AddMilliseconds(-50)
            while (-not $p.HasExited -and $clock.ElapsedMilliseconds -lt 30000 -and
                -not (Get-ChildItem $root -Recurse -Force -Directory -ErrorAction SilentlyContinue |
                    Where-Object { ($_.Name -like '*.partial-*' -or $_.Name -like '*.migrating-*') -and $_.LastWriteTime -ge $started })) {
                Start-Sleep -Milliseconds 10
            }
            Start-Sleep -Milliseconds ($rng.Next(0, 150))
            if (-not $p.HasExited) { & /bin/kill -KILL $p.Id; $kills++ }
            $p.WaitForExit()
            # After every kill: each archive in place is complete (it verifies); nothing half-written is visible.
            foreach ($z in @(Get-ChildItem $root -Recurse -Directory -Filter *.zarr -ErrorAction SilentlyContinue)) {
                $src = Join-Path $raw ($z.FullName.Substring($root.Length) -replace '\.zarr$', '.tif')
                Test-PhotonRoundTrip -Path $src -ZarrPath $z.FullName | Should -BeTrue -Because "$($z.Name) after round $round"
            }
        }
        $kills | Should -BeGreaterOrEqual 3 -Because "tasks were killed mid-way (killed $kills of 8)"
        $rest = foreach ($t in 0..2) { Invoke-PhotonMigration -Manifest $m -TaskIndex $t -TaskCount 3 }
        $rest.Status | Should -Not -Contain 'Failed'
        (Get-PhotonMigrationStatus $m -Verify).Done | Should -Be 5
        Get-ArchiveFiles $root | Should -Be $seqFiles
        Get-ChildItem -Force -Recurse $root -Directory -Filter '.*.migrating-*' | Should -BeNullOrEmpty
        Get-ChildItem -Force -Recurse $root -Directory -Filter '.*.partial-*' | Should -BeNullOrEmpty -Because 'the rerun removed the staging of the killed conversions'
    }
}
