# Batches of ConvertTo-PhotonZarr (issue 14 §2, issue 13 "batch", issue 16 concurrent writers/readers): planned before
# any work, concurrent with outputs in input order, resumable, and safe against kills and a second writer.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:movies = Join-Path $TestDrive 'movies'
    New-Item -ItemType Directory $movies | Out-Null
    $script:truth = New-SyntheticMovie -Path (Join-Path $movies 'm0.tif') -Frames 40 -Height 24 -Width 24 -Seed 1
    New-SyntheticMovie -Path (Join-Path $movies 'm1.tif') -Frames 40 -Height 24 -Width 24 -Seed 2 | Out-Null
    $script:photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise }
    $script:pwshDll = Join-Path $PSHOME 'pwsh.dll'

    # <count> copies of the two seeded movies in <folder>: b00.tif, b01.tif … (seeds alternate).
    function New-MovieSet([string] $Folder, [int] $Count) {
        New-Item -ItemType Directory $Folder -Force | Out-Null
        foreach ($i in 0..($Count - 1)) { Copy-Item (Join-Path $movies "m$($i % 2).tif") (Join-Path $Folder ('b{0:00}.tif' -f $i)) }
        @(Get-ChildItem $Folder -Filter *.tif | Sort-Object Name)
    }

    # A staging folder as a writer of <Destination> would leave it; -ProcessId/-Start say whose (another start time = a dead, reused id).
    function New-Partial([string] $Destination, [string] $Id, [int] $ProcessId = $PID, [datetime] $Start = '2001-01-01', [string] $HostName = [Environment]::MachineName) {
        $folder = Join-Path (Split-Path $Destination) ('.' + (Split-Path $Destination -Leaf) + '.partial-' + $Id)
        New-Item -ItemType Directory $folder -Force | Out-Null
        @{ tool = 'PhotonCodec'; tool_version = '1'; host = $HostName; pid = $ProcessId; process_start = $Start.ToUniversalTime().ToString('o')
           created = [datetime]::UtcNow.ToString('o'); destination = $Destination; staging = $folder } | ConvertTo-Json | Set-Content (Join-Path $folder '.photoncodec-staging.json')
        Set-Content (Join-Path $folder '0.0.0') 'half a chunk'
        $folder
    }

    # Starts `pwsh -File <script>` with the module path as first argument; returns the Process.
    function Start-Child([string] $Script, [string[]] $Arguments) {
        $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in @($pwshDll, '-NoProfile', '-NonInteractive', '-File', $Script, (Get-PhotonModulePath)) + $Arguments) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        [Diagnostics.Process]::Start($psi)
    }

    function Get-Partials([string] $Folder) { @(Get-ChildItem $Folder -Recurse -Force -Directory -Filter '.*.partial-*' -ErrorAction SilentlyContinue) }
}

Describe 'ConvertTo-PhotonZarr batches' {
    It 'converts files concurrently and writes outputs and errors in input order; a bad file fails alone' {
        $in = Join-Path $TestDrive 'order'
        $files = New-MovieSet $in 6
        $bytes = [IO.File]::ReadAllBytes($files[2].FullName)
        [IO.File]::WriteAllBytes($files[2].FullName, $bytes[0..($bytes.Length / 3)])    # cut: a corrupt TIFF third in line
        $out = Join-Path $TestDrive 'order-out'
        $stream = @($files | ConvertTo-PhotonZarr -DestinationPath $out @photon -ThrottleLimit 3 -ErrorAction Continue 2>&1)
        $stream | Should -HaveCount 6
        $names = $stream | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { Split-Path $_.TargetObject -Leaf } else { Split-Path $_.Source -Leaf } }
        $names | Should -Be $files.Name
        $stream[2] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $stream[2].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.CorruptTiff*'
        @($stream | Where-Object { $_ -is [PhotonCodec.ConversionResult] }).Status | Should -Be (@('Converted') * 5)
        @(Get-ChildItem $out -Directory).Name | Sort-Object | Should -Be ('b00.zarr', 'b01.zarr', 'b03.zarr', 'b04.zarr', 'b05.zarr')
        Get-Partials $out | Should -BeNullOrEmpty
        Test-PhotonRoundTrip -Path $files[5].FullName -ZarrPath (Join-Path $out 'b05.zarr') | Should -BeTrue
    }

    It 'estimates each movie on its own when no parameters are given' {
        $in = Join-Path $TestDrive 'perfile'
        New-Item -ItemType Directory $in | Out-Null
        $low = New-SyntheticMovie -Path (Join-Path $in 'low.tif') -Frames 60 -Height 32 -Width 32 -Seed 3
        $null = & $Python $MakeMovie (Join-Path $in 'high.tif') --frames 60 --size 32 32 --seed 4 --gain 90
        $r = @(Get-ChildItem $in -Filter *.tif | Sort-Object Name | ConvertTo-PhotonZarr -DestinationPath (Join-Path $TestDrive 'perfile-out') -WarningAction SilentlyContinue)
        $r.Source | ForEach-Object { Split-Path $_ -Leaf } | Should -Be 'high.tif', 'low.tif'
        $r.ParameterSource | Should -Be 'estimated', 'estimated'
        $r[0].Gain / $r[1].Gain | Should -BeGreaterThan 2 -Because "gain 90 and gain $($low.gain) movies must not share one estimate"
    }

    It 'mirrors the tree under -SourceRoot, and finds same-named inputs colliding before any work, also under -WhatIf' {
        $root = Join-Path $TestDrive 'tree'
        New-Item -ItemType Directory (Join-Path $root 'a/x'), (Join-Path $root 'b') | Out-Null
        Copy-Item (Join-Path $movies 'm0.tif') (Join-Path $root 'a/x/run.tif')
        Copy-Item (Join-Path $movies 'm1.tif') (Join-Path $root 'b/run.tif')
        $flat = Join-Path $TestDrive 'flat'
        $r = Invoke-InRunspace "Get-ChildItem '$root' -Recurse -Filter *.tif | Sort-Object FullName | ConvertTo-PhotonZarr -DestinationPath '$flat' -Mode Lossless -WhatIf"
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.DestinationCollision*'
        $r.Errors[0].Exception.Message | Should -BeLike "*$(Join-Path $root 'a/x/run.tif')*$(Join-Path $root 'b/run.tif')*"
        Test-Path $flat | Should -BeFalse

        $mirror = Join-Path $TestDrive 'mirror'
        $r = Invoke-InRunspace "Get-ChildItem '$root' -Recurse -Filter *.tif | ConvertTo-PhotonZarr -SourceRoot '$root' -DestinationPath '$mirror' -Mode Lossless -WhatIf"
        $r.Errors | Should -BeNullOrEmpty
        Test-Path $mirror | Should -BeFalse
        $results = Get-ChildItem $root -Recurse -Filter *.tif | ConvertTo-PhotonZarr -SourceRoot $root -DestinationPath $mirror -Mode Lossless
        $results.Destination | Sort-Object | Should -Be (Join-Path $mirror 'a/x/run.zarr'), (Join-Path $mirror 'b/run.zarr')
        Test-Path (Join-Path $mirror 'a/x/run.zarr/.zarray') | Should -BeTrue

        $errs = $null
        ConvertTo-PhotonZarr -Path (Join-Path $movies 'm0.tif') -SourceRoot $root -DestinationPath $mirror -Mode Lossless -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InvalidParameter*'
        $errs[0].Exception.Message | Should -BeLike '*not below -SourceRoot*'
    }

    It '-Force replaces only a Zarr array or group, never another folder or a file' {
        $dest = Join-Path $TestDrive 'notzarr'
        New-Item -ItemType Directory (Join-Path $dest 'm0.zarr') -Force | Out-Null
        Set-Content (Join-Path $dest 'm0.zarr/thesis.docx') 'precious'
        Set-Content (Join-Path $dest 'm1.zarr') 'a file'
        $errs = $null
        $r = Get-ChildItem $movies -Filter *.tif | ConvertTo-PhotonZarr -DestinationPath $dest -Mode Lossless -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs | Should -HaveCount 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.DestinationNotZarr*' }
        Get-Content (Join-Path $dest 'm0.zarr/thesis.docx') | Should -Be 'precious'
        Get-Content (Join-Path $dest 'm1.zarr') | Should -Be 'a file'
        Get-Partials $dest | Should -BeNullOrEmpty
    }

    It 'appends one flushed -ReportPath row per input, and a rerun appends' {
        $in = Join-Path $TestDrive 'report'
        $files = New-MovieSet $in 3
        $out = Join-Path $TestDrive 'report-out'
        $csv = Join-Path $TestDrive 'report/report.csv'
        $files | ConvertTo-PhotonZarr -DestinationPath $out @photon -ReportPath $csv | Out-Null
        $rows = @(Import-Csv $csv)
        $rows | Should -HaveCount 3
        $rows.Status | Should -Be 'Converted', 'Converted', 'Converted'
        [double]$rows[0].Ratio | Should -BeGreaterThan 1
        [long]$rows[0].InputBytes | Should -Be (40 * 24 * 24 * 2)
        # Rows come as files end (a kill loses none that ended), so not necessarily in input order.
        $rows.Destination | Sort-Object | Should -Be ($files | ForEach-Object { Join-Path $out ($_.BaseName + '.zarr') })
        $files | ConvertTo-PhotonZarr -DestinationPath $out @photon -ReportPath $csv -ErrorAction SilentlyContinue | Out-Null
        $rows = @(Import-Csv $csv)
        $rows | Should -HaveCount 6
        $rows[3..5].Status | Should -Be 'Failed', 'Failed', 'Failed'
        $rows[3].ErrorId | Should -BeLike 'PhotonCodec.DestinationExists*'
        $rows[3].Message | Should -BeLike '*already exists*'
        $r = Invoke-InRunspace "ConvertTo-PhotonZarr -Path '$($files[0].FullName)' -DestinationPath '$(Join-Path $TestDrive 'report-whatif')' -ReportPath '$(Join-Path $TestDrive 'whatif.csv')' -Mode Lossless -WhatIf"
        Test-Path (Join-Path $TestDrive 'whatif.csv') | Should -BeFalse
    }

    It 'stops every running file on Ctrl+C and leaves only complete archives' {
        $in = Join-Path $TestDrive 'stop'
        New-Item -ItemType Directory $in | Out-Null
        $null = & $Python $MakeMovie (Join-Path $in 's0.tif') --frames 300 --size 128 128 --seed 6
        foreach ($i in 1..3) { Copy-Item (Join-Path $in 's0.tif') (Join-Path $in "s$i.tif") }
        $out = Join-Path $TestDrive 'stop-out'
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-PhotonModulePath)'; Get-ChildItem '$in' -Filter *.tif | ConvertTo-PhotonZarr -DestinationPath '$out' -Gain 30 -ZeroLevel 200 -ReadNoise 8 -ThrottleLimit 2")
        $async = $ps.BeginInvoke()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        while (@($ps.Streams.Progress | Where-Object StatusDescription -like 'Compressing*' | Select-Object -ExpandProperty ActivityId -Unique).Count -lt 2 -and $clock.ElapsedMilliseconds -lt 60000) { Start-Sleep -Milliseconds 20 }
        @($ps.Streams.Progress | Where-Object StatusDescription -like 'Compressing*' | Select-Object -ExpandProperty ActivityId -Unique).Count | Should -Be 2 -Because 'two files report progress of their own at once'
        $stop = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $stop.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        Get-Partials $out | Should -BeNullOrEmpty
        foreach ($z in Get-ChildItem $out -Directory -ErrorAction SilentlyContinue) { Test-PhotonArchive -Path $z.FullName | Should -BeTrue }
    }

    It '-SkipExisting skips verified archives of the same source cheaply, and reports or (with -Force) redoes the others' {
        $in = Join-Path $TestDrive 'skip'
        $files = New-MovieSet $in 4
        $out = Join-Path $TestDrive 'skip-out'
        $csv = Join-Path $TestDrive 'skip.csv'
        $files | ConvertTo-PhotonZarr -DestinationPath $out @photon | Out-Null
        $all = @($files | ConvertTo-PhotonZarr -DestinationPath $out @photon -SkipExisting -ReportPath $csv -Verbose 4>&1)
        $r = @($all | Where-Object { $_ -is [PhotonCodec.ConversionResult] })
        $r.Status | Should -Be (@('Skipped') * 4)
        $r[0].Frames | Should -Be 40
        $r[0].Ratio | Should -BeGreaterThan 1
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "$($files[0].FullName): skipped; '$(Join-Path $out 'b00.zarr')' is a verified archive of this source (same size and SHA-256)."
        (Import-Csv $csv).Status | Should -Be (@('Skipped') * 4)

        # b00: same size, one byte of pixel data changed; b01: another size; b02: a damaged chunk; b03: unchanged.
        $bytes = [IO.File]::ReadAllBytes($files[0].FullName); $bytes[-2] = $bytes[-2] -bxor 1; [IO.File]::WriteAllBytes($files[0].FullName, $bytes)
        Copy-Item (Join-Path $movies 'm1.tif') $files[1].FullName -Force
        [IO.File]::WriteAllBytes($files[1].FullName, [IO.File]::ReadAllBytes($files[1].FullName) + [byte[]](0, 0))
        $chunk = Join-Path $out 'b02.zarr/0.0.0'
        $c = [IO.File]::ReadAllBytes($chunk); $c[40] = $c[40] -bxor 0xFF; [IO.File]::WriteAllBytes($chunk, $c)
        $errs = $null
        $r = @($files | ConvertTo-PhotonZarr -DestinationPath $out @photon -SkipExisting -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Status | Should -Be 'Skipped'
        $errs | Should -HaveCount 3
        $errs.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be 'PhotonCodec.SourceChanged', 'PhotonCodec.SourceChanged', 'PhotonCodec.ArchiveNotVerified'
        $errs[0].Exception.Message | Should -BeLike '*same size, different content*-Force*'
        $errs[1].Exception.Message | Should -BeLike '*bytes*not the same file*'
        $errs[2].Exception.Message | Should -BeLike '*does not verify*0.0.0*'

        $r = @($files | ConvertTo-PhotonZarr -DestinationPath $out @photon -SkipExisting -Force)
        $r.Status | Should -Be 'Converted', 'Converted', 'Converted', 'Skipped'
        foreach ($f in $files) { Test-PhotonRoundTrip -Path $f.FullName -ZarrPath (Join-Path $out ($f.BaseName + '.zarr')) | Should -BeTrue }
    }
}

Describe 'Staging folders of killed and concurrent writers' {
    It 'removes stale partials of its destination, reports live and foreign ones, never touches folders without our marker' {
        $dest = Join-Path $TestDrive 'stale/m0.zarr'
        New-Item -ItemType Directory (Split-Path $dest) | Out-Null
        $stale = New-Partial $dest 'dead0001'
        $remote = New-Partial $dest 'remote01' -HostName 'some-other-node' -Start (Get-Process -Id $PID).StartTime
        $foreign = Join-Path (Split-Path $dest) '.m0.zarr.partial-mine0001'
        New-Item -ItemType Directory $foreign | Out-Null
        Set-Content (Join-Path $foreign 'notes.txt') 'not PhotonCodec'
        $w = $null
        $r = ConvertTo-PhotonZarr -Path (Join-Path $movies 'm0.tif') -DestinationPath $dest @photon -WarningVariable w -WarningAction SilentlyContinue
        $r.Status | Should -Be 'Converted'
        Test-Path $stale | Should -BeFalse
        Test-Path $remote | Should -BeTrue
        Get-Content (Join-Path $foreign 'notes.txt') | Should -Be 'not PhotonCodec'
        ($w -join "`n") | Should -BeLike "*$remote*some-other-node*"
        ($w -join "`n") | Should -BeLike "*$foreign*"
        Test-Path (Join-Path $dest '.photoncodec-staging.json') | Should -BeFalse
    }

    It 'refuses a destination a live process is writing (DestinationLocked) and leaves its staging alone' {
        $dest = Join-Path $TestDrive 'locked/m0.zarr'
        New-Item -ItemType Directory (Split-Path $dest) | Out-Null
        $live = New-Partial $dest 'live0001' -Start (Get-Process -Id $PID).StartTime
        $errs = $null
        ConvertTo-PhotonZarr -Path (Join-Path $movies 'm0.tif') -DestinationPath $dest @photon -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.DestinationLocked*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $errs[0].Exception.Message | Should -BeLike "*process $PID*"
        Test-Path (Join-Path $live '0.0.0') | Should -BeTrue
        Test-Path $dest | Should -BeFalse
    }

    It 'lets one of two pwsh processes writing one destination at once win; the other gets DestinationLocked or DestinationExists' {
        $dir = Join-Path $TestDrive 'race'
        New-Item -ItemType Directory $dir | Out-Null
        $src = Join-Path $dir 'big.tif'
        $null = & $Python $MakeMovie $src --frames 200 --size 48 48 --seed 5
        $script = Join-Path $dir 'child.ps1'
        Set-Content $script @'
param($Module, $Source, $Destination, $Go, $Out)
Import-Module $Module
while (-not (Test-Path $Go)) { Start-Sleep -Milliseconds 10 }
$errs = $null
$r = ConvertTo-PhotonZarr -Path $Source -DestinationPath $Destination -Gain 30 -ZeroLevel 200 -ReadNoise 8 -ErrorVariable errs -ErrorAction SilentlyContinue
@{ Converted = [bool]$r; Errors = @($errs | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }); Messages = @($errs | ForEach-Object { "$_" }) } | ConvertTo-Json | Set-Content $Out
'@
        $dest = Join-Path $dir 'one.zarr'
        $go = Join-Path $dir 'go'
        $children = foreach ($k in 1, 2) { Start-Child $script @($src, $dest, $go, (Join-Path $dir "out$k.json")) }
        $logs = foreach ($c in $children) { $c.StandardError.ReadToEndAsync() }
        Start-Sleep -Seconds 1
        Set-Content $go 'go'
        foreach ($c in $children) { $c.WaitForExit(120000) | Should -BeTrue; $c.Dispose() }
        $why = ($logs | ForEach-Object { $_.Result }) -join "`n"
        $outcomes = foreach ($k in 1, 2) { Get-Content -Raw (Join-Path $dir "out$k.json") | ConvertFrom-Json }
        @($outcomes | Where-Object Converted) | Should -HaveCount 1 -Because "$($outcomes | ConvertTo-Json -Compress) $why"
        $loser = $outcomes | Where-Object { -not $_.Converted }
        $loser.Errors | Should -HaveCount 1
        $loser.Errors[0] | Should -BeIn 'PhotonCodec.DestinationLocked', 'PhotonCodec.DestinationExists'
        Get-Partials $dir | Should -BeNullOrEmpty
        Test-PhotonRoundTrip -Path $src -ZarrPath $dest | Should -BeTrue
    }

    It 'lets a reader loop see the old archive or the new one while -Force replaces it, never a mix (or a clear error)' {
        $dir = Join-Path $TestDrive 'readers'
        New-Item -ItemType Directory $dir | Out-Null
        foreach ($seed in 1, 2) { $null = & $Python $MakeMovie (Join-Path $dir "v$seed.tif") --frames 120 --size 32 32 --seed $seed }
        $dest = Join-Path $dir 'live.zarr'
        ConvertTo-PhotonZarr -Path (Join-Path $dir 'v1.tif') -DestinationPath $dest -Mode Lossless -ChunkFrames 10 | Out-Null
        $old = (Get-PhotonFrame -Path $dest).Mean -join ','
        ConvertTo-PhotonZarr -Path (Join-Path $dir 'v2.tif') -DestinationPath (Join-Path $dir 'new.zarr') -Mode Lossless -ChunkFrames 10 | Out-Null
        $new = (Get-PhotonFrame -Path (Join-Path $dir 'new.zarr')).Mean -join ','
        $old | Should -Not -Be $new

        $writer = [powershell]::Create()
        $null = $writer.AddScript("Import-Module '$(Get-PhotonModulePath)'
            foreach (`$i in 1..8) { ConvertTo-PhotonZarr -Path (Join-Path '$dir' ('v' + (1 + `$i % 2) + '.tif')) -DestinationPath '$dest' -Mode Lossless -ChunkFrames 10 -Force -ErrorAction Stop | Out-Null }")
        $async = $writer.BeginInvoke()
        $reads = 0; $whole = 0; $mixed = 0; $ids = [System.Collections.Generic.List[string]]::new()
        while (-not $async.IsCompleted -or $reads -lt 3) {
            $reads++
            $errs = $null
            $seen = (Get-PhotonFrame -Path $dest -ErrorVariable errs -ErrorAction SilentlyContinue).Mean -join ','
            if ($errs) { $errs | ForEach-Object { $ids.Add($_.FullyQualifiedErrorId.Split(',')[0]) } }
            elseif ($seen -eq $old -or $seen -eq $new) { $whole++ }
            else { $mixed++ }
        }
        $writer.EndInvoke($async)
        $writer.Streams.Error | Should -BeNullOrEmpty
        $writer.Dispose()
        $mixed | Should -Be 0 -Because 'a reader sees one archive or the other, whole'
        $whole | Should -BeGreaterThan 0
        # An error is a clear one (the archive moved away, or a chunk that is not the one its manifest records), never a defect.
        $ids | Where-Object { $_ -notin 'PhotonCodec.InputNotFound', 'PhotonCodec.CorruptChunk', 'PhotonCodec.MissingChunk', 'PhotonCodec.UnsupportedZarr' } | Should -BeNullOrEmpty
        Test-PhotonArchive -Path $dest | Should -BeTrue
    }

    It 'leaves only complete archives or nothing after kill -9 at 20 seeded moments, and a rerun completes the rest and removes our stale partials' {
        $dir = Join-Path $TestDrive 'kill'
        $in = Join-Path $dir 'in'
        $files = New-MovieSet $in 8
        $script = Join-Path $dir 'child.ps1'
        Set-Content $script @'
param($Module, $In, $Out, $Ready, $Report)
Import-Module $Module
Set-Content $Ready 'ready'
Get-ChildItem $In -Filter *.tif | ConvertTo-PhotonZarr -DestinationPath $Out -Gain 30 -ZeroLevel 200 -ReadNoise 8 -ThrottleLimit 2 -SkipExisting -ReportPath $Report -ErrorAction SilentlyContinue | Out-Null
'@
        # How long a child works on this machine now (import to exit), so that the kills land inside the work.
        $probe = Start-Child $script @($in, (Join-Path $dir 'probe'), (Join-Path $dir 'ready-probe'), (Join-Path $dir 'probe.csv'))
        while (-not (Test-Path (Join-Path $dir 'ready-probe')) -and -not $probe.HasExited) { Start-Sleep -Milliseconds 10 }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $probe.WaitForExit()
        $span = [int][math]::Max(200, $clock.ElapsedMilliseconds)
        $probe.Dispose()

        $random = [Random]::new(1414)
        $killed = 0
        # 5 waves of 4 children at once on the same destinations (they also contend for the locks), each killed at its moment.
        $waves = foreach ($wave in 0..4) {
            $out = Join-Path $dir "out$wave"
            $children = foreach ($k in 0..3) {
                $ready = Join-Path $dir "ready-$wave-$k"
                [pscustomobject]@{ Process = (Start-Child $script @($in, $out, $ready, (Join-Path $dir "report$wave.csv"))); Ready = $ready; Delay = $random.Next(0, $span) }
            }
            foreach ($c in $children) {
                while (-not (Test-Path $c.Ready) -and -not $c.Process.HasExited) { Start-Sleep -Milliseconds 10 }
            }
            $start = [Diagnostics.Stopwatch]::StartNew()
            foreach ($c in $children | Sort-Object Delay) {
                $wait = $c.Delay - $start.ElapsedMilliseconds
                if ($wait -gt 0) { Start-Sleep -Milliseconds $wait }
                if (-not $c.Process.HasExited) { $c.Process.Kill(); $killed++ }
                $c.Process.WaitForExit()
                $c.Process.Dispose()
            }
            # Only complete archives or nothing: every .zarr present verifies on its own.
            foreach ($z in Get-ChildItem $out -Directory -ErrorAction SilentlyContinue) {
                Test-PhotonArchive -Path $z.FullName | Should -BeTrue -Because "$($z.FullName) must be complete or absent"
            }
            $out
        }
        $killed | Should -BeGreaterThan 10 -Because 'the kills must land while the children work'

        # The same command again resumes: skips what is done, converts the rest, removes our stale partials.
        foreach ($out in $waves) {
            $r = @($files | ConvertTo-PhotonZarr -DestinationPath $out @photon -SkipExisting -ReportPath (Join-Path $dir 'rerun.csv'))
            $r | Should -HaveCount 8
            Get-Partials $out | Should -BeNullOrEmpty
            Get-ChildItem $out -Recurse -Force -Filter '.photoncodec-staging.json' | Should -BeNullOrEmpty
            foreach ($z in Get-ChildItem $out -Directory) { Test-PhotonArchive -Path $z.FullName | Should -BeTrue }
        }
        (Import-Csv (Join-Path $dir 'rerun.csv')).Status | Should -Contain 'Skipped'
        Test-PhotonRoundTrip -Path $files[7].FullName -ZarrPath (Join-Path $waves[4] 'b07.zarr') | Should -BeTrue
    }
}
