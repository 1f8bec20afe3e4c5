<#
.SYNOPSIS
    Produces the README's "How accurate is it?" figures: ratio, bias and added error of Quantized mode per gain
    and photon level, plus the synthetic two-photon movie, measured with the module's own cmdlets.
.DESCRIPTION
    Writes seeded synthetic movies with /usr/bin/python3 (numpy + tifffile): constant λ photons per pixel,
    level = zero + gain·Poisson(λ) + Normal(0, readNoise), uint16. Each is compressed in memory
    (Measure-PhotonCompression, Test-PhotonRoundTrip -Detailed) with the true parameters.
    Error figures are in units of the true noise σ = sqrt(gain²·λ + readNoise²); "error/σ" is the RMS of the
    stabilized-domain error, which the quantizer bounds by β (β/√12 ≈ 0.144 for β = 0.5).
.EXAMPLE
    dotnet pwsh ./examples/Measure-Accuracy.ps1
.EXAMPLE
    dotnet pwsh ./examples/Measure-Accuracy.ps1 -Beta 1.0 -Markdown
#>
param(
    [double] $Beta = 0.5,
    [double[]] $Gains = @(0.5, 1, 2, 8, 30, 200, 1000),
    [double[]] $Lambdas = @(0.1, 1, 5, 20, 100, 1000),
    [double] $ZeroLevel = 200,
    # Read noise in photons (× gain gives levels).
    [double] $ReadNoisePhotons = 2,
    [switch] $Markdown,
    [switch] $SkipTwoPhoton,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module PhotonCodec)) { Import-Module $ModulePath }
$work = Join-Path ([IO.Path]::GetTempPath()) ("photoncodec-accuracy-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory $work | Out-Null
try {
    # Combinations whose signal would clip at 65535 measure the clipping, not the codec: left out.
    $spec = foreach ($g in $Gains) { foreach ($l in $Lambdas) { if ($ZeroLevel + $g * ($l + 6 * [math]::Sqrt($l) + 6 * $ReadNoisePhotons) -lt 65535) { "$g $l" } } }
    $py = @'
import sys, numpy as np, tifffile
out, zero, rnp = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
for k, line in enumerate(sys.argv[4:]):
    g, lam = map(float, line.split())
    rng = np.random.default_rng(1000 + k)
    v = zero + g * rng.poisson(lam, (24, 64, 64)) + rng.normal(0, rnp * g, (24, 64, 64))
    tifffile.imwrite(f"{out}/m{k}.tif", np.clip(np.rint(v), 0, 65535).astype('uint16'), photometric='minisblack')
'@
    $pyFile = Join-Path $work 'gen.py'
    Set-Content $pyFile $py
    & /usr/bin/python3 $pyFile $work $ZeroLevel $ReadNoisePhotons @spec
    if ($LASTEXITCODE -ne 0) { throw 'generating movies failed' }

    $rows = for ($k = 0; $k -lt $spec.Count; $k++) {
        $g, $l = [double[]]($spec[$k] -split ' ')
        $photon = @{ Gain = $g; ZeroLevel = $ZeroLevel; ReadNoise = $ReadNoisePhotons * $g; Beta = $Beta }
        $movie = Join-Path $work "m$k.tif"
        $m = Measure-PhotonCompression -Path $movie -Mode Quantized -Baseline @photon | Where-Object Mode -eq 'Quantized'
        $t = Test-PhotonRoundTrip -Path $movie -Detailed @photon
        $sigma = [math]::Sqrt($g * $g * $l + [math]::Pow($ReadNoisePhotons * $g, 2))
        [pscustomobject]@{
            Gain = $g; Lambda = $l
            Ratio = [math]::Round($m.Ratio, 2)
            VsRaw = [math]::Round($m.GainOverBaseline, 2)
            BiasSigma = [math]::Round([math]::Abs($t.MeanBiasPhotons * $g / $sigma), 3)
            ErrorSigma = [math]::Round($t.RmsErrorSigma, 3)
            MaxErrorSigma = [math]::Round($t.MaxErrorSigma, 3)
            Passed = $t.Passed
        }
    }

    if (-not $SkipTwoPhoton) {
        $tp = Join-Path $work 'twophoton.tif'
        & /usr/bin/python3 (Join-Path $PSScriptRoot '../../shared/tools/make_movie.py') $tp | Out-Null
        $truth = Get-Content -Raw "$tp.json" | ConvertFrom-Json
        foreach ($b in 0.5, 1.0) {
            $photon = @{ Gain = $truth.gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise; Beta = $b }
            $m = Measure-PhotonCompression -Path $tp -Mode Quantized -Baseline @photon | Where-Object Mode -eq 'Quantized'
            $t = Test-PhotonRoundTrip -Path $tp -Detailed @photon
            $rows += [pscustomobject]@{
                Gain = "2p movie β=$b"; Lambda = [math]::Round($truth.mean_photons, 2)
                Ratio = [math]::Round($m.Ratio, 2); VsRaw = [math]::Round($m.GainOverBaseline, 2)
                BiasSigma = $null; ErrorSigma = [math]::Round($t.RmsErrorSigma, 3); MaxErrorSigma = [math]::Round($t.MaxErrorSigma, 3); Passed = $t.Passed
            }
        }
    }

    if ($Markdown) {
        '| gain (levels/photon) | λ (photons) | ratio | × vs raw uint16 | abs(bias)/σ | error/σ (RMS) | max error/σ | within bounds |'
        '|---|---|---|---|---|---|---|---|'
        foreach ($r in $rows) { "| $($r.Gain) | $($r.Lambda) | $($r.Ratio) | $($r.VsRaw) | $($r.BiasSigma) | $($r.ErrorSigma) | $($r.MaxErrorSigma) | $($r.Passed) |" }
    }
    else { $rows }
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
