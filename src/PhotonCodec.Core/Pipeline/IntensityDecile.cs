using System;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// The added error of a round trip over one tenth of the pixels, ranked by temporal mean (decile 1 the darkest),
/// against two noise figures: the declared σ (the photon parameters' noise model at each pixel's mean) and the
/// measured temporal noise (RMS of (x[t+1] − x[t]) / √2, which a changing scene can only raise).
/// </summary>
public sealed class IntensityDecile
{
    /// <summary>1 (darkest tenth of the pixels) to 10 (brightest).</summary>
    public int Decile { get; init; }
    public int Pixels { get; init; }

    /// <summary>Mean level of the decile's pixels.</summary>
    public double MeanLevel { get; init; }

    /// <summary>RMS over the pixels of σ = √(gain·(mean − zero) + readNoise²), in levels; NaN without parameters.</summary>
    public double DeclaredNoise { get; init; }

    /// <summary>RMS over the pixels of their temporal noise, in levels; NaN for a single frame.</summary>
    public double MeasuredNoise { get; init; }

    /// <summary>RMS of (decoded − original) in levels.</summary>
    public double RmsError { get; init; }

    /// <summary>Mean of (decoded − original) in levels.</summary>
    public double Bias { get; init; }

    public double RmsVsDeclared => Ratio(RmsError, DeclaredNoise);
    public double BiasVsDeclared => Ratio(Bias, DeclaredNoise);
    public double RmsVsMeasured => Ratio(RmsError, MeasuredNoise);
    public double BiasVsMeasured => Ratio(Bias, MeasuredNoise);

    /// <summary>0 when there is no error, ±∞ for an error where no noise was seen.</summary>
    private static double Ratio(double error, double noise) =>
        error == 0 ? 0 : noise > 0 ? error / noise : double.IsNaN(noise) ? double.NaN : Math.Sign(error) * double.PositiveInfinity;
}
