# Dot-sourced by the *.Tests.ps1 files: module import, fixtures and a Python runner for interop checks.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$script:SharedData = Join-Path $RepoRoot '../shared/data'
$script:MakeMovie = Join-Path $RepoRoot '../shared/tools/make_movie.py'
$script:Python = '/usr/bin/python3'

function Import-PhotonModule {
    $path = if ($env:PHOTONCODEC_MODULE) { $env:PHOTONCODEC_MODULE } else { Join-Path $RepoRoot 'output/PhotonCodec/PhotonCodec.psd1' }
    Import-Module $path -Force -ErrorAction Stop
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
