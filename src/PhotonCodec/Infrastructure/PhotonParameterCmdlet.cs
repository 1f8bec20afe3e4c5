using System;
using System.Collections.Generic;
using System.Management.Automation;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Infrastructure;

/// <summary>The photon-transform parameters shared by the cmdlets that encode (-Beta, -Gain, -ZeroLevel, -ReadNoise, -Transform).</summary>
public abstract class PhotonParameterCmdlet : PhotonSourceCmdlet
{
    [Parameter]
    [ValidateRange(AnscombeParameters.MinBeta, AnscombeParameters.MaxBeta)]
    public double Beta { get; set; } = AnscombeParameters.DefaultBeta;

    [Parameter]
    [ValidateRange(AnscombeParameters.MinGain, AnscombeParameters.MaxGain)]
    public double? Gain { get; set; }

    [Parameter]
    public double? ZeroLevel { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? ReadNoise { get; set; }

    /// <summary>The stabilizing transform Quantized mode steps through (default: the detector's noise model).</summary>
    [Parameter]
    public StabilizingTransform Transform { get; set; } = StabilizingTransform.NoiseModel;

    /// <summary>True when all three photon parameters were given (none to estimate).</summary>
    protected bool AllPhotonParametersGiven => Gain is not null && ZeroLevel is not null && ReadNoise is not null;

    /// <summary>
    /// Where each photon parameter came from: "given", "estimated", or per parameter when mixed
    /// ("Gain given; ZeroLevel, ReadNoise estimated").
    /// </summary>
    protected string PhotonParameterSource()
    {
        var given = new List<string>();
        var estimated = new List<string>();
        foreach (var (name, value) in new[] { (nameof(Gain), Gain), (nameof(ZeroLevel), ZeroLevel), (nameof(ReadNoise), ReadNoise) })
            (value is null ? estimated : given).Add(name);
        if (estimated.Count == 0) return "given";
        if (given.Count == 0) return "estimated";
        return $"{string.Join(", ", given)} given; {string.Join(", ", estimated)} estimated";
    }

    /// <summary>Warns (once per command) about photon parameters the user typed that <paramref name="mode"/> does not use.</summary>
    protected void WarnUnusedPhotonParameters(CodecMode mode, string? because = null)
    {
        string[] unused = mode switch
        {
            CodecMode.Lossless => new[] { nameof(Beta), nameof(Gain), nameof(ZeroLevel), nameof(ReadNoise) },
            CodecMode.Float => new[] { nameof(Beta) },
            _ => Array.Empty<string>(),
        };
        WarnIgnored(unused, because ?? $"{mode} mode");
    }

    /// <summary>Conversion options for <paramref name="mode"/> with this cmdlet's photon parameters.</summary>
    protected ConversionOptions PhotonOptions(CodecMode mode) =>
        new() { Mode = mode, Beta = Beta, Gain = Gain, ZeroLevel = ZeroLevel, ReadNoise = ReadNoise, Transform = Transform };
}
