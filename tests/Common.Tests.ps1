# What all five cmdlets share (issue 5, "Common to all"): path resolution, PSPath binding, typed output, views,
# per-item errors with stable ids and categories, throttled progress that is completed, corrupt chunks.
BeforeDiscovery {
    $cases = @(
        @{ Name = 'ConvertTo-PhotonZarr'; Kind = 'tif'; Extra = @{ Mode = 'Lossless' }; CliArgs = '-Mode Lossless'; Type = 'PhotonCodec.ConversionResult'; PathProperty = 'Source' }
        @{ Name = 'Get-PhotonFrame'; Kind = 'zarr'; Extra = @{ Index = 0, 1 }; CliArgs = '-Index (0..49)'; Type = 'PhotonCodec.Frame'; PathProperty = 'Path' }
        @{ Name = 'Measure-PhotonCompression'; Kind = 'tif'; Extra = @{ Mode = 'Lossless' }; CliArgs = '-Mode Lossless'; Type = 'PhotonCodec.CompressionReport'; PathProperty = 'Path' }
        @{ Name = 'Test-PhotonRoundTrip'; Kind = 'tif'; Extra = @{ Mode = 'Lossless'; Detailed = $true }; CliArgs = '-Mode Lossless'; Type = 'PhotonCodec.RoundTripReport'; PathProperty = 'Path' }
        @{ Name = 'Measure-PhotonTransfer'; Kind = 'tif'; Extra = @{ WarningAction = 'SilentlyContinue' }; CliArgs = '-WarningAction SilentlyContinue'; Type = 'PhotonCodec.PhotonTransfer'; PathProperty = 'Path' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-PhotonModule
    $script:work = Join-Path $TestDrive 'common'
    New-Item -ItemType Directory $work | Out-Null
    Copy-Item (Join-Path $SharedData 'nandb-50-big.tif') $work
    Copy-Item -LiteralPath (Join-Path $work 'nandb-50-big.tif') -Destination (Join-Path $work 'run[1].tif')
    $script:goodZarr = (ConvertTo-PhotonZarr -Path (Join-Path $work 'nandb-50-big.tif') -Mode Lossless -DestinationPath (Join-Path $work 'nandb.zarr')).Destination
    Copy-Item -LiteralPath $goodZarr -Destination (Join-Path $work 'run[1].zarr') -Recurse

    # Runs a case's cmdlet with the given path arguments; returns its output and its (non-terminating) errors.
    function Invoke-Case {
        param([string] $Name, [hashtable] $Extra, [hashtable] $PathArgs)
        $splat = @{} + $Extra + $PathArgs
        if ($Name -eq 'ConvertTo-PhotonZarr') { $splat.DestinationPath = Join-Path $TestDrive ('out-' + [guid]::NewGuid().ToString('N')) }
        $e = $null
        $out = & $Name @splat -ErrorVariable e -ErrorAction SilentlyContinue
        [pscustomobject]@{ Output = @($out); Errors = @($e) }
    }
    function InputName([string] $Kind) { if ($Kind -eq 'zarr') { 'nandb.zarr' } else { 'nandb-50-big.tif' } }
    function BracketName([string] $Kind) { if ($Kind -eq 'zarr') { 'run[1].zarr' } else { 'run[1].tif' } }
}

Describe '<Name>: paths, output and views' -ForEach $cases {
    It 'reports a -Path pattern that matches nothing as InputNotFound and processes the other inputs' {
        $pattern = Join-Path $work 'nomatch*'
        $r = Invoke-Case $Name $Extra @{ Path = @($pattern, (Join-Path $work (InputName $Kind))) }
        $r.Output.Count | Should -BeGreaterThan 0
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InputNotFound*'
        $r.Errors[0].TargetObject | Should -Be $pattern
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports a -LiteralPath that does not exist as InputNotFound and processes the other inputs' {
        $missing = Join-Path $work 'missing[0].tif'
        $r = Invoke-Case $Name $Extra @{ LiteralPath = @($missing, (Join-Path $work (InputName $Kind))) }
        $r.Output.Count | Should -BeGreaterThan 0
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.InputNotFound*'
        $r.Errors[0].TargetObject | Should -Be $missing
    }

    It 'takes -LiteralPath with [ and ] in the name' {
        $odd = Join-Path $work (BracketName $Kind)
        $r = Invoke-Case $Name $Extra @{ LiteralPath = $odd }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].$PathProperty | Should -Be $odd
    }

    It 'binds Get-ChildItem/Get-Item output through PSPath (a bracketed name that -Path would treat as a pattern)' {
        $odd = Join-Path $work (BracketName $Kind)
        $splat = @{} + $Extra
        if ($Name -eq 'ConvertTo-PhotonZarr') { $splat.DestinationPath = Join-Path $TestDrive 'piped-gci' }
        $e = $null
        $out = @(Get-Item -LiteralPath $odd | & $Name @splat -ErrorVariable e -ErrorAction SilentlyContinue)
        $e | Should -BeNullOrEmpty
        $out[0].$PathProperty | Should -Be $odd
    }

    It 'resolves relative paths against $PWD, not the process directory' {
        Push-Location $work
        try {
            [Environment]::CurrentDirectory | Should -Not -Be $work
            $r = Invoke-Case $Name $Extra @{ Path = (InputName $Kind) }
            $r.Errors | Should -BeNullOrEmpty
            $r.Output[0].$PathProperty | Should -Be (Join-Path $work (InputName $Kind))
        }
        finally { Pop-Location }
    }

    It 'declares [OutputType] and emits that type' {
        (Get-Command $Name).OutputType.Name | Should -Contain $Type
        $r = Invoke-Case $Name $Extra @{ Path = (Join-Path $work (InputName $Kind)) }
        $r.Output[0].PSObject.TypeNames[0] | Should -Be $Type
    }

    It 'has a default table view that fits 120 columns (ratios with 2 decimals)' {
        $r = Invoke-Case $Name $Extra @{ Path = (Join-Path $work (InputName $Kind)) }
        $r.Output | Get-WideLine | Should -BeNullOrEmpty
        $text = $r.Output | Format-Table | Out-String -Width 120
        # A registered view, not the property list PowerShell would improvise.
        (Get-FormatData -TypeName $Type).FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] } | Should -Not -BeNullOrEmpty
        if ($r.Output[0].PSObject.Properties['Ratio']) {
            $text | Should -Match ('(^|\s){0}(\s|$)' -f [regex]::Escape($r.Output[0].Ratio.ToString('0.00')))
        }
        if ($r.Output[0].PSObject.Properties['StoredBytes']) { $text | Should -Match '\d (B|KB|MB|GB)\b' }
    }

    It 'writes progress, throttled, and completes it' {
        $path = Join-Path $work (InputName $Kind)
        $dest = if ($Name -eq 'ConvertTo-PhotonZarr') { "-DestinationPath '$(Join-Path $TestDrive 'progress')'" } else { '' }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-InRunspace "$Name -LiteralPath '$path' $CliArgs $dest"
        $seconds = $clock.Elapsed.TotalSeconds
        $r.Errors | Should -BeNullOrEmpty
        $r.Progress | Should -Not -BeNullOrEmpty
        # Each WriteProgress must hand over its own record: hosts that keep records (Streams.Progress, jobs) would
        # otherwise see every earlier update rewritten to the last state.
        $distinct = [System.Collections.Generic.HashSet[object]]::new([System.Collections.Generic.ReferenceEqualityComparer]::Instance)
        foreach ($p in $r.Progress) { $null = $distinct.Add($p) }
        $distinct.Count | Should -Be $r.Progress.Count -Because 'a ProgressRecord written earlier must not be mutated afterwards'
        foreach ($activity in $r.Progress | Group-Object ActivityId) {
            $activity.Group.RecordType | Should -Contain 'Processing' -Because "activity $($activity.Name) reports while it works"
            $activity.Group[-1].RecordType | Should -Be 'Completed' -Because "activity $($activity.Name) must end completed"
        }
        $processing = @($r.Progress | Where-Object RecordType -eq 'Processing').Count
        $processing | Should -BeLessOrEqual ([int](10 + 6 * $seconds)) -Because 'progress is throttled to a few updates a second'
    }
}

Describe 'Terminating errors are for bad parameters only' {
    It 'rejects out-of-range parameter values before any work' {
        $tif = Join-Path $work 'nandb-50-big.tif'
        { ConvertTo-PhotonZarr -Path $tif -CompressionLevel 12 -DestinationPath (Join-Path $TestDrive 'never.zarr') } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { ConvertTo-PhotonZarr -Path $tif -ChunkFrames 0 -DestinationPath (Join-Path $TestDrive 'never.zarr') } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Test-PhotonRoundTrip -Path $tif -Beta 5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Measure-PhotonTransfer -Path $tif -MaxPairs 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Test-Path (Join-Path $TestDrive 'never.zarr') | Should -BeFalse
    }

    It 'keeps per-item failures non-terminating (the pipeline goes on after them)' {
        # A terminating error (even a statement-terminating one) would be caught here instead.
        $after = try { ConvertTo-PhotonZarr -Path (Join-Path $work 'nomatch*') -ErrorAction SilentlyContinue; 'next' } catch { 'terminated' }
        $after | Should -Be 'next'
        $after = try { Get-PhotonFrame -Path $goodZarr -Index 99 -ErrorAction SilentlyContinue; 'next' } catch { 'terminated' }
        $after | Should -Be 'next'
    }
}

Describe 'A corrupt chunk' {
    BeforeAll {
        $script:corrupt = New-CorruptCopy -Zarr $goodZarr -Destination (Join-Path $TestDrive 'corrupt.zarr')
        $script:tif = Join-Path $work 'nandb-50-big.tif'
    }

    It 'is PhotonCodec.CorruptChunk in Get-PhotonFrame, naming the archive, and the next archive is read' {
        $e = $null
        $frames = @(Get-PhotonFrame -Path $corrupt, $goodZarr -Index 0 -ErrorVariable e -ErrorAction SilentlyContinue)
        $frames | Should -HaveCount 1
        $frames[0].Path | Should -Be $goodZarr
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.CorruptChunk*'
        $e[0].TargetObject | Should -Be $corrupt
        $e[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'is PhotonCodec.CorruptChunk in Measure-PhotonTransfer on a Lossless archive, and the next input is measured' {
        $e = $null
        $r = @(Measure-PhotonTransfer -Path $corrupt, $goodZarr -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $r | Should -HaveCount 1
        $r[0].Path | Should -Be $goodZarr
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PhotonCodec.CorruptChunk*'
        $e[0].TargetObject | Should -Be $corrupt
    }

    It 'is $false in Test-PhotonRoundTrip (with a warning naming the archive), and the next pair is checked' {
        $e = $null; $w = $null
        $r = @([pscustomobject]@{ Source = $tif; Destination = $corrupt }, [pscustomobject]@{ Source = $tif; Destination = $goodZarr } |
            Test-PhotonRoundTrip -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue)
        $r | Should -Be @($false, $true)
        $e | Should -BeNullOrEmpty
        $w | Should -HaveCount 1
        "$w" | Should -BeLike "$corrupt*cannot be decoded*"
    }
}

Describe 'Output objects carry the properties the issues list' {
    It '<Type> has <Properties>' -ForEach @(
        @{ Type = 'PhotonCodec.ConversionResult'; Properties = 'Source, Destination, Mode, Frames, Height, Width, DType, InputBytes, StoredBytes, Ratio, Gain, ZeroLevel, ReadNoise, Beta, ParameterSource, Seconds, MBPerSecond' }
        @{ Type = 'PhotonCodec.Frame'; Properties = 'Index, Height, Width, DType, Min, Max, Mean, Pixels' }
        @{ Type = 'PhotonCodec.CompressionReport'; Properties = 'Mode, InputBytes, StoredBytes, Ratio, BitsPerPixel, EntropyBitsPerPixel, MaxErrorSigma, RmsErrorSigma, GainOverBaseline' }
        @{ Type = 'PhotonCodec.ChunkStatistics'; Properties = 'ChunkIndex, FirstFrame, Frames, StoredBytes, DecodedBytes, Ratio, BitsPerPixel' }
        @{ Type = 'PhotonCodec.RoundTripReport'; Properties = 'Passed, Mode, Frames, MaxAbsError, MaxErrorSigma, RmsErrorSigma, MeanBiasPhotons, MismatchedPixels, FirstBadFrame' }
        @{ Type = 'PhotonCodec.PhotonTransfer'; Properties = 'Path, Gain, ZeroLevel, ReadNoise, GainStdError, FitR2, LevelsUsed, FramesUsed, Method, Warnings' }
    ) {
        $names = ($Type -as [type]).GetProperties().Name
        foreach ($p in $Properties -split ',\s*') { $names | Should -Contain $p -Because "$Type.$p" }
        ($Type -as [type]).GetMethod('ToArray') -or $Type -ne 'PhotonCodec.Frame' | Should -BeTrue
    }
}
