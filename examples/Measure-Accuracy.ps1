<#
.SYNOPSIS
    Produces the README's "How accurate is it?" figures: ratio, bias and added error of Quantized mode per gain
    and photon level, plus the synthetic two-photon movie, measured with the module's own cmdlets.
.DESCRIPTION
    Writes seeded synthetic movies with /usr/bin/python3 (numpy + tifffile): constant λ photons per pixel,
    level = zero + gain·Poisson(λ) + Normal(0, readNoise), uint16. Each is compressed in memory
    (Measure-PhotonCompression, Test-PhotonRoundTrip -Detailed) with the true parameters.
    Error figures are in units of the true noise σ = sqrt(gain²·λ + readNoise²); "error/σ" is the RMS of the
    stabilized-domain error, which the quantizer bounds by β (β/√12 ≈ 0.144 for β = 0.5). The decile columns are
    Test-PhotonRoundTrip's worst tenth of the pixels (by temporal mean): RMS added error and |bias| over the declared
    σ (the true parameters here) and RMS over the measured temporal noise.
    Then the synthetic families of make_movie.py (two-photon, sparse PMT, offset-subtracted and clipped, bleaching,
    photon counting; true parameters, gain = the photon-transfer gain, then the parameters a default conversion
    estimates) and the movies of ../shared/data (parameters estimated, as a default conversion does), each quantized with -Transform NoiseModel (the default) and Anscombe
    (the former default): ratio of each and the worst-decile errors of the default.
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
    [switch] $SkipFamilies,
    [string] $SharedData = (Join-Path $PSScriptRoot '../../shared/data'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/PhotonCodec/PhotonCodec.psd1')
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module PhotonCodec)) { Import-Module $ModulePath }
function Measure-Family([string] $Name, [string] $Path, [hashtable] $Photon, [string] $Source) {
    $m = Measure-PhotonCompression -Path $Path -Mode Quantized @Photon -WarningAction SilentlyContinue
    $a = Measure-PhotonCompression -Path $Path -Mode Quantized -Transform Anscombe @Photon -WarningAction SilentlyContinue
    $t = Test-PhotonRoundTrip -Path $Path -Detailed @Photon -WarningAction SilentlyContinue
    $ta = Test-PhotonRoundTrip -Path $Path -Detailed -Transform Anscombe @Photon -WarningAction SilentlyContinue
    $p = if ($Source -eq 'true') { 'true: g {0:G4}, z {1:G4}, rn {2:G3}' -f $Photon.Gain, $Photon.ZeroLevel, $Photon.ReadNoise }
         else { 'estimated: g {0:G4}, z {1:G4}, rn {2:G3}' -f $m.Gain, $m.ZeroLevel, $m.ReadNoise }
    [pscustomobject]@{
        Movie = $Name; Parameters = $p
        Ratio = [math]::Round($m.Ratio, 2); AnscombeRatio = [math]::Round($a.Ratio, 2)
        Change = '{0:+0.0;-0.0} %' -f (100 * ($m.Ratio / $a.Ratio - 1))
        DecileRms = [math]::Round($t.WorstRmsVsDeclared, 3); DecileBias = [math]::Round($t.WorstBiasVsDeclared, 3)
        DecileRmsMeasured = [math]::Round($t.WorstRmsVsMeasured, 3); AnscombeDecileRms = [math]::Round($ta.WorstRmsVsDeclared, 3)
        Passed = $t.Passed
    }
}

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
        $a = Measure-PhotonCompression -Path $movie -Mode Quantized -Transform Anscombe @photon
        $t = Test-PhotonRoundTrip -Path $movie -Detailed @photon
        $sigma = [math]::Sqrt($g * $g * $l + [math]::Pow($ReadNoisePhotons * $g, 2))
        [pscustomobject]@{
            Gain = $g; Lambda = $l
            Ratio = [math]::Round($m.Ratio, 2)
            AnscombeRatio = [math]::Round($a.Ratio, 2)
            VsRaw = [math]::Round($m.GainOverBaseline, 2)
            BiasSigma = [math]::Round([math]::Abs($t.MeanBiasPhotons * $g / $sigma), 3)
            ErrorSigma = [math]::Round($t.RmsErrorSigma, 3)
            MaxErrorSigma = [math]::Round($t.MaxErrorSigma, 3)
            DecileRms = [math]::Round($t.WorstRmsVsDeclared, 3)
            DecileBias = [math]::Round($t.WorstBiasVsDeclared, 3)
            DecileRmsMeasured = [math]::Round($t.WorstRmsVsMeasured, 3)
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
            $a = Measure-PhotonCompression -Path $tp -Mode Quantized -Transform Anscombe @photon
            $t = Test-PhotonRoundTrip -Path $tp -Detailed @photon
            $rows += [pscustomobject]@{
                Gain = "2p movie β=$b"; Lambda = [math]::Round($truth.mean_photons, 2)
                Ratio = [math]::Round($m.Ratio, 2); AnscombeRatio = [math]::Round($a.Ratio, 2); VsRaw = [math]::Round($m.GainOverBaseline, 2)
                BiasSigma = $null; ErrorSigma = [math]::Round($t.RmsErrorSigma, 3); MaxErrorSigma = [math]::Round($t.MaxErrorSigma, 3)
                DecileRms = [math]::Round($t.WorstRmsVsDeclared, 3); DecileBias = [math]::Round($t.WorstBiasVsDeclared, 3)
                DecileRmsMeasured = [math]::Round($t.WorstRmsVsMeasured, 3); Passed = $t.Passed
            }
        }
    }

    $families = @()
    if (-not $SkipFamilies) {
        $makeMovie = Join-Path $PSScriptRoot '../../shared/tools/make_movie.py'
        $small = @('--frames', '200', '--size', '128', '128', '--cells', '20')
        $points = [ordered]@{
            'two-photon (defaults)'                     = @()
            'sparse PMT g420 CV0.6 rn14 bg0.03'         = @('--gain', '420', '--zero', '180', '--read-noise', '14', '--background', '0.03', '--pulse-cv', '0.6')
            'sparse PMT g150 CV0.3 rn5 bg0.01'          = @('--gain', '150', '--zero', '180', '--read-noise', '5', '--background', '0.01', '--pulse-cv', '0.3')
            'sparse PMT g700 CV0.7 rn30 bg0.1'          = @('--gain', '700', '--zero', '300', '--read-noise', '30', '--background', '0.1', '--pulse-cv', '0.7')
            'offset-subtracted g420 (PMT above), 60 fr' = @('--gain', '420', '--zero', '180', '--read-noise', '14', '--background', '0.03', '--pulse-cv', '0.6', '--offset-subtract', '--frames', '60')
            'offset-subtracted g30, 30 frames'          = @('--gain', '30', '--offset-subtract', '--frames', '30')
            'bleaching to 0.5'                          = @('--bleach', '0.5')
            'photon counting g1 rn0.2'                  = @('--gain', '1', '--zero', '0', '--read-noise', '0.2')
        }
        $k = 0
        foreach ($name in $points.Keys) {
            $tif = Join-Path $work "family$k.tif"; $k++
            & /usr/bin/python3 $makeMovie $tif @small @($points[$name]) | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "make_movie.py failed for $name" }
            $truth = Get-Content -Raw "$tif.json" | ConvertFrom-Json
            $families += Measure-Family -Name $name -Path $tif -Photon @{ Gain = $truth.ptc_gain; ZeroLevel = $truth.zero_level; ReadNoise = $truth.read_noise; Beta = $Beta } -Source 'true'
            # The default conversion: the same movie with the parameters it estimates.
            $families += Measure-Family -Name "$name, default" -Path $tif -Photon @{ Beta = $Beta } -Source 'estimated'
        }
        foreach ($f in Get-ChildItem -Path $SharedData -Filter *.tif | Sort-Object Name) {
            $families += Measure-Family -Name $f.Name -Path $f.FullName -Photon @{ Beta = $Beta } -Source 'estimated'
        }
    }

    if ($Markdown) {
        '| gain (levels/photon) | λ (photons) | ratio | ratio (Anscombe) | × vs raw uint16 | abs(bias)/σ | error/σ (RMS) | max error/σ | worst decile RMS/σ | worst decile abs(bias)/σ | worst decile RMS/measured noise | within bounds |'
        '|---|---|---|---|---|---|---|---|---|---|---|---|'
        foreach ($r in $rows) { "| $($r.Gain) | $($r.Lambda) | $($r.Ratio) | $($r.AnscombeRatio) | $($r.VsRaw) | $($r.BiasSigma) | $($r.ErrorSigma) | $($r.MaxErrorSigma) | $($r.DecileRms) | $($r.DecileBias) | $($r.DecileRmsMeasured) | $($r.Passed) |" }
        if ($families) {
            ''
            '| movie | parameters | ratio (NoiseModel, default) | ratio (Anscombe, former default) | change | worst decile RMS/σ | worst decile abs(bias)/σ | worst decile RMS/measured noise | Anscombe: worst decile RMS/σ | within bounds |'
            '|---|---|---|---|---|---|---|---|---|---|'
            foreach ($r in $families) { "| $($r.Movie) | $($r.Parameters) | $($r.Ratio) | $($r.AnscombeRatio) | $($r.Change) | $($r.DecileRms) | $($r.DecileBias) | $($r.DecileRmsMeasured) | $($r.AnscombeDecileRms) | $($r.Passed) |" }
        }
    }
    else { $rows; $families }
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
