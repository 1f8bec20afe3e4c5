# Dot-sourced by the *.Tests.ps1 files: module import, fixtures and a Python runner for interop checks.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$script:SharedData = Join-Path $RepoRoot '../shared/data'
$script:MakeMovie = Join-Path $RepoRoot '../shared/tools/make_movie.py'
$script:Python = '/usr/bin/python3'

function Get-PhotonModulePath {
    if ($env:PHOTONCODEC_MODULE) { $env:PHOTONCODEC_MODULE } else { Join-Path $RepoRoot 'output/PhotonCodec/PhotonCodec.psd1' }
}

function Import-PhotonModule {
    Import-Module (Get-PhotonModulePath) -Force -ErrorAction Stop
}

function Invoke-Python {
    param([Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @())
    $file = Join-Path ([System.IO.Path]::GetTempPath()) ("pc-" + [guid]::NewGuid().ToString('N') + '.py')
    Set-Content -Path $file -Value $Script
    try {
        $out = & $Python $file @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "python failed ($LASTEXITCODE): $($out -join "`n")" }
        $out | ForEach-Object { "$_" }
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

function New-SyntheticMovie {
    param([Parameter(Mandatory)] [string] $Path, [int] $Frames = 150, [int] $Height = 48, [int] $Width = 40, [string] $DType = 'uint16', [int] $Seed = 0)
    $null = & $Python $MakeMovie $Path --frames $Frames --size $Height $Width --dtype $DType --seed $Seed
    if ($LASTEXITCODE -ne 0) { throw "make_movie.py failed for $Path" }
    Get-Content -Raw "$Path.json" | ConvertFrom-Json
}

# A copy of a .zarr with one chunk file damaged in the middle (bytes flipped, length kept), as a disk fault would.
function New-CorruptCopy {
    param([Parameter(Mandatory)] [string] $Zarr, [Parameter(Mandatory)] [string] $Destination, [string] $Chunk = '0.0.0')
    Copy-Item -LiteralPath $Zarr -Destination $Destination -Recurse
    $file = Join-Path $Destination $Chunk
    $bytes = [IO.File]::ReadAllBytes($file)
    for ($i = [math]::Min(100, [int]($bytes.Length / 4)); $i -lt $bytes.Length - 16; $i += 7) { $bytes[$i] = $bytes[$i] -bxor 0x5A }
    [IO.File]::WriteAllBytes($file, $bytes)
    $Destination
}

# Runs a script in a fresh runspace with the module imported; returns its output, errors and progress records.
function Invoke-InRunspace {
    param([Parameter(Mandatory)] [string] $Script)
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript("Import-Module '$(Get-PhotonModulePath)'; `$ErrorActionPreference = 'Continue'`n$Script")
        $out = $ps.Invoke()
        [pscustomobject]@{ Output = @($out); Errors = @($ps.Streams.Error); Progress = @($ps.Streams.Progress) }
    }
    finally { $ps.Dispose() }
}

# Runs a block with errors and warnings merged into the output; returns them apart (errors do not stop it).
function Invoke-Captured([scriptblock] $Block) {
    $ErrorActionPreference = 'Continue'
    $all = @(& $Block 2>&1 3>&1)
    [pscustomobject]@{
        Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
        Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
    }
}

# Lines of a formatted table longer than 120 columns (none expected).
function Get-WideLine {
    param([Parameter(Mandatory, ValueFromPipeline)] $InputObject)
    begin { $all = [System.Collections.Generic.List[object]]::new() }
    process { $all.Add($InputObject) }
    end { ($all | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.TrimEnd().Length -gt 120 } }
}

# Source never touched (issue 16): the SHA-256 of every source movie under the given folders. A source movie is a
# TIFF/HDF5/NWB/raw file that New-SyntheticMovie wrote (it has its <name>.json truth beside it) or a copy of one of
# ../shared/data's movies (same name); outputs (exported TIFFs, .zarr archives) are not sources. Invoke-PesterSuite.ps1
# hashes them before and after every test (the test drive) and every test file (../shared/data) and fails on a change.
function Get-SourceHashes {
    param([string[]] $Root)
    $shared = @(Get-ChildItem -LiteralPath $SharedData -File -ErrorAction SilentlyContinue).Name
    $hashes = @{}
    foreach ($r in $Root) {
        if (-not $r -or -not (Test-Path -LiteralPath $r)) { continue }
        foreach ($f in Get-ChildItem -LiteralPath $r -File -Recurse -Force -Include *.tif, *.tiff, *.h5, *.hdf5, *.nwb, *.raw -ErrorAction SilentlyContinue) {
            if ($f.FullName -match '\.zarr[\\/]') { continue }
            if (-not ($shared -contains $f.Name) -and -not (Test-Path -LiteralPath "$($f.FullName).json")) { continue }
            $hashes[$f.FullName] = (Get-FileHash -LiteralPath $f.FullName -Algorithm SHA256).Hash
        }
    }
    $hashes
}

# The sources of $Before that $After lost or holds with another hash ("path: changed" / "path: removed").
function Compare-SourceHashes {
    param([hashtable] $Before, [hashtable] $After)
    foreach ($path in $Before.Keys | Sort-Object) {
        if (-not $After.ContainsKey($path)) { "${path}: removed" }
        elseif ($After[$path] -ne $Before[$path]) { "${path}: changed (SHA-256 $($Before[$path]) -> $($After[$path]))" }
    }
}
