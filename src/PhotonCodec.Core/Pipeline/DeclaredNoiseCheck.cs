using System;
using System.Globalization;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Checks given photon parameters against the movie's own noise before anything is quantized: in each tenth of
/// the unclipped pixels by temporal mean, the noise the parameters declare against the measured temporal noise.
/// Scene changes can only raise the measured noise, so a declared noise well above it means steps coarser than the
/// noise allows (the dangerous direction); a declared noise below it only costs ratio and is not reported.
/// </summary>
internal static class DeclaredNoiseCheck
{
    /// <summary>Declared over measured noise above which the parameters are reported (RMS error would be ≈ 0.14 × this).</summary>
    public const double MaxNoiseRatio = 1.5;

    /// <summary>Deciles smaller than this are too few pixels to judge.</summary>
    private const int MinPixels = 20;

    /// <returns>A warning naming both figures, or null when the parameters agree with the movie.</returns>
    public static string? Warning(PixelTemporalNoise noise, bool[] clipped, AnscombeParameters p)
    {
        if (noise.Pairs == 0) return null;
        IntensityDecile? worst = null;
        double worstRatio = MaxNoiseRatio;
        foreach (IntensityDecile d in IntensityDeciles.Compute(noise, p, null, null, clipped))
        {
            if (d.Pixels < MinPixels || !(d.MeasuredNoise > 0)) continue;
            double ratio = d.DeclaredNoise / d.MeasuredNoise;
            if (ratio > worstRatio) (worst, worstRatio) = (d, ratio);
        }
        if (worst is null) return null;
        string suggestion = "";
        double signal = worst.MeanLevel - p.ZeroLevel, variance = worst.MeasuredNoise * worst.MeasuredNoise - p.ReadNoise * p.ReadNoise;
        if (signal > 0 && variance > 0)
            suggestion = string.Format(CultureInfo.InvariantCulture, "; there the movie's noise suggests a gain of at most ≈ {0:G3} levels/photon", variance / signal);
        return string.Format(CultureInfo.InvariantCulture,
            "The given photon parameters (gain {0:G4}, zero level {1:G4}, read noise {2:G3}) declare a noise of {3:G3} levels in decile {4} of the pixels (mean level {5:G4}), " +
            "but the movie's own frame-to-frame noise there is {6:G3} levels ({7:0.0}× less): the quantization steps would be {7:0.0}× coarser than the noise allows{8}. " +
            "Check -Gain, -ZeroLevel and -ReadNoise, or leave them out to measure them from the movie.",
            p.Gain, p.ZeroLevel, p.ReadNoise, worst.DeclaredNoise, worst.Decile, worst.MeanLevel, worst.MeasuredNoise, worstRatio, suggestion);
    }
}
