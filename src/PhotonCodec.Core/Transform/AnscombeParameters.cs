using System;

namespace PhotonCodec.Core.Transform;

/// <summary>
/// Photon-transfer parameters of a detector and the quantization step of the photon codec.
/// </summary>
/// <param name="Gain">Levels per photon, 0.1 to 10000.</param>
/// <param name="ZeroLevel">Level recorded with no light; may be negative for signed data.</param>
/// <param name="ReadNoise">Standard deviation of the read noise in levels, ≥ 0.</param>
/// <param name="Beta">Quantization step in units of the stabilized noise σ, 0.05 to 2.</param>
/// <param name="Transform">The stabilizing transform the quantizer steps through. The record's default is the seed's
/// Anscombe form (what archives without <c>photon.transform</c> used); conversions default to
/// <see cref="StabilizingTransform.NoiseModel"/> through <c>ConversionOptions.Transform</c>.</param>
public sealed record AnscombeParameters(double Gain, double ZeroLevel, double ReadNoise, double Beta = AnscombeParameters.DefaultBeta,
    StabilizingTransform Transform = StabilizingTransform.Anscombe)
{
    public const double DefaultBeta = 0.5;
    public const double MinGain = 0.1;
    public const double MaxGain = 10000;
    public const double MinBeta = 0.05;
    public const double MaxBeta = 2;

    /// <summary>Read-noise variance in photons²: (readNoise / gain)².</summary>
    public double ReadNoisePhotonVariance => ReadNoise / Gain * (ReadNoise / Gain);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first parameter outside its allowed range.</summary>
    public void Validate()
    {
        if (!(Gain >= MinGain && Gain <= MaxGain))
            throw new ArgumentOutOfRangeException(nameof(Gain), Gain, $"Gain must be between {MinGain} and {MaxGain} levels per photon.");
        if (double.IsNaN(ZeroLevel) || double.IsInfinity(ZeroLevel))
            throw new ArgumentOutOfRangeException(nameof(ZeroLevel), ZeroLevel, "ZeroLevel must be a finite number of levels.");
        if (!(ReadNoise >= 0) || double.IsInfinity(ReadNoise))
            throw new ArgumentOutOfRangeException(nameof(ReadNoise), ReadNoise, "ReadNoise must be a finite standard deviation in levels, ≥ 0.");
        if (!(Beta >= MinBeta && Beta <= MaxBeta))
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, $"Beta must be between {MinBeta} and {MaxBeta} (quantization step in units of the stabilized noise σ).");
        if (Transform is not (StabilizingTransform.Anscombe or StabilizingTransform.NoiseModel))
            throw new ArgumentOutOfRangeException(nameof(Transform), Transform, "Transform must be NoiseModel or Anscombe.");
    }
}
