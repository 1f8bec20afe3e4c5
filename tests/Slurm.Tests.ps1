BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    # A throw-away one-node Slurm (munged, slurmctld, slurmd from Debian's slurm-wlm and munge; .ci/run installs them),
    # started by tools/slurm-single-node.sh as root without systemd, and stopped again in AfterAll.
    $script:tool = Join-Path $RepoRoot 'tools/slurm-single-node.sh'
    $script:sbatchScript = Join-Path $RepoRoot 'examples/slurm/migrate.sbatch'
    $script:reason = $null
    $script:started = $false
    if ((& id -u) -ne '0') { $reason = 'starting slurmctld, slurmd and munged needs root' }
    elseif (-not ((Get-Command slurmctld, slurmd, sbatch, scancel, squeue, munged -ErrorAction SilentlyContinue).Count -eq 6)) {
        $reason = 'Slurm is not installed (apt-get install slurm-wlm munge; .ci/run does)'
    }
    if (-not $reason) {
        $script:base = Join-Path ([IO.Path]::GetTempPath()) "photoncodec-slurm-$PID"
        $env:SLURM_TEST_BASE = $base
        $env:SLURM_CONF = Join-Path $base 'etc/slurm.conf'
        $env:LINK_ETC = '0'          # clients find the configuration through SLURM_CONF; /etc/slurm is left alone
        $log = & bash $tool start 2>&1
        $script:started = $true
        if ($LASTEXITCODE -ne 0) { $reason = "Slurm did not start: $(($log | Select-Object -Last 4) -join ' | ')" }
    }
    if (-not $reason) {
        # 12 movies in three folders plus one that is split across tasks, Quantized with parameters estimated per movie.
        $script:raw = Join-Path $TestDrive 'raw'
        foreach ($i in 1..12) {
            $folder = Join-Path $raw "plate$($i % 3)"
            New-Item -ItemType Directory $folder -Force | Out-Null
            New-SyntheticMovie -Path (Join-Path $folder "well$i.tif") -Frames 100 -Height 64 -Width 64 -Seed (100 + $i) | Out-Null
        }
        New-SyntheticMovie -Path (Join-Path $raw 'plate0/long.tif') -Frames 400 -Height 64 -Width 64 -Seed 7 | Out-Null
        $script:plan = @{ MaxTaskBytes = 900KB; ChunkFrames = 50 }   # long.tif (3.3 MB, 8 chunks) → 4 parts
        $script:manifest = Join-Path $TestDrive 'archive/migration.jsonl'
        $script:archive = Join-Path $TestDrive 'archive'
        $script:planned = New-PhotonMigrationPlan -SourceRoot $raw -DestinationRoot $archive -ManifestPath $manifest @plan

        # The reference: the same plan migrated by one task in this process.
        $script:seqRoot = Join-Path $TestDrive 'sequential'
        New-PhotonMigrationPlan -SourceRoot $raw -DestinationRoot $seqRoot -ManifestPath (Join-Path $TestDrive 'sequential.jsonl') @plan | Out-Null
        Invoke-PhotonMigration -Manifest (Join-Path $TestDrive 'sequential.jsonl') | Out-Null

        # The tasks run this PowerShell and this build of the module.
        $exe = [Environment]::ProcessPath
        $env:PWSH = if ((Split-Path $exe -Leaf) -like 'dotnet*') { "$exe $([System.Reflection.Assembly]::GetEntryAssembly().Location)" } else { $exe }
        $env:PHOTONCODEC_MODULE = Get-PhotonModulePath
        $env:MANIFEST = $manifest
        $env:THREADS = '1'
    }

    function script:Get-ArchiveFiles([string] $Root) {
        Get-ChildItem -LiteralPath $Root -Recurse -File | Where-Object { $_.FullName.Substring($Root.Length) -notmatch '/\.[^/]+\.(migrating|partial)-|^/migration\.jsonl' } |
            ForEach-Object { '{0} {1}' -f $_.FullName.Substring($Root.Length), (Get-FileHash -LiteralPath $_.FullName).Hash } | Sort-Object
    }
    function script:Get-Records {
        @(Get-ChildItem "$manifest.reports" -Filter *.jsonl -ErrorAction SilentlyContinue | Get-Content | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json })
    }
    # sbatch --wait --array=0-3 of examples/slurm/migrate.sbatch, started in the background: the process and the job id.
    function script:Start-ArrayJob([string] $Name) {
        $info = [System.Diagnostics.ProcessStartInfo]::new('sbatch')
        foreach ($a in '--parsable', '--wait', '--array=0-3', "--job-name=$Name", "--chdir=$RepoRoot", "--output=$TestDrive/$Name-%a.out", $sbatchScript) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $p = [System.Diagnostics.Process]::Start($info)
        $id = $p.StandardOutput.ReadLine()
        [pscustomobject]@{ Process = $p; JobId = ($id -split ';')[0] }
    }
    function script:Get-TaskLog([string] $Name) {
        (Get-ChildItem $TestDrive -Filter "$Name-*.out" | ForEach-Object { "== $($_.Name)"; Get-Content $_.FullName | Select-Object -Last 15 }) -join "`n"
    }
}

AfterAll {
    if ($started) { & bash $tool stop 2>&1 | Out-Null }
    if ($base) { Remove-Item -Recurse -Force $base -ErrorAction SilentlyContinue }
    foreach ($v in 'SLURM_TEST_BASE', 'SLURM_CONF', 'LINK_ETC', 'PWSH', 'PHOTONCODEC_MODULE', 'MANIFEST', 'THREADS') { Remove-Item "env:$v" -ErrorAction SilentlyContinue }
}

Describe 'Migrating with a Slurm job array' {
    It 'runs 4 tasks with sbatch --wait, survives a scancel mid-way, and writes every archive once, verified, as a sequential run does' {
        if ($reason) { Set-ItResult -Skipped -Because $reason; return }
        $planned.Files | Should -Be 13
        $planned.Split | Should -Be 1

        # First submission: cancel one task once it is mid-way (its first unit reported, more to do).
        $job = Start-ArrayJob 'first'
        $job.JobId | Should -Match '^\d+$'
        $cancelled = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not $cancelled -and [DateTime]::UtcNow -lt $deadline -and -not $job.Process.HasExited) {
            foreach ($line in @(& squeue -h -j $job.JobId -t RUNNING -o '%K')) {
                $report = Join-Path "$manifest.reports" "task-$line.jsonl"
                if ((Test-Path $report) -and @(Get-Content $report).Count -ge 1) {
                    & scancel "$($job.JobId)_$line"
                    if ($LASTEXITCODE -eq 0) { $cancelled = [int] $line; break }
                }
            }
            Start-Sleep -Milliseconds 100
        }
        $job.Process.WaitForExit()
        $cancelled | Should -Not -BeNullOrEmpty -Because "a task was cancelled mid-way`n$(Get-TaskLog 'first')"
        Get-Content -Raw (Join-Path $TestDrive "first-$cancelled.out") | Should -Match 'CANCELLED' -Because 'slurmstepd notes the cancel in the task''s output'
        $before = @(Get-Records)
        (Get-PhotonMigrationStatus $manifest).Done | Should -BeLessThan 13

        # Resubmission: what is done is skipped, the cancelled task's rest is done.
        $again = Start-ArrayJob 'again'
        $again.Process.WaitForExit()
        $again.Process.ExitCode | Should -Be 0 -Because (Get-TaskLog 'again')
        $after = @(Get-Records | Select-Object -Skip $before.Count)
        @($after | Where-Object { $_.task -eq $cancelled -and $_.status -in 'Converted', 'PartWritten', 'Committed' }).Count |
            Should -BeGreaterThan 0 -Because "the resubmitted task $cancelled finished what the cancelled one left"
        @(Get-Records | Where-Object status -eq 'Failed') | Should -BeNullOrEmpty

        # Every archive complete and verified (source SHA-256, every chunk, decode), committed exactly once, and
        # byte-identical, chunk file for chunk file, to the sequential run.
        $status = Get-PhotonMigrationStatus $manifest -Verify
        $status.Done | Should -Be 13
        $status.Ratio | Should -BeGreaterThan 2
        $writes = Get-Records | Where-Object status -in 'Converted', 'Committed' | Group-Object destination
        @($writes).Count | Should -Be 13
        $writes | Where-Object Count -ne 1 | Should -BeNullOrEmpty
        Get-ArchiveFiles $archive | Should -Be (Get-ArchiveFiles $seqRoot)
        Get-ChildItem -Force -Recurse $archive -Directory -Filter '.*.migrating-*' | Should -BeNullOrEmpty
    }
}
