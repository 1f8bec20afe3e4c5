using System.Management.Automation;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Infrastructure;

/// <summary>The photon-transform parameters shared by the cmdlets that encode (-Beta, -Gain, -ZeroLevel, -ReadNoise, -Transform).</summary>
public abstract class PhotonParameterCmdlet : PhotonCmdlet
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

    /// <summary>Conversion options for <paramref name="mode"/> with this cmdlet's photon parameters.</summary>
    protected ConversionOptions PhotonOptions(CodecMode mode) =>
        new() { Mode = mode, Beta = Beta, Gain = Gain, ZeroLevel = ZeroLevel, ReadNoise = ReadNoise, Transform = Transform };
}
