using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// The documented error bounds a round trip must meet. Exact modes: every pixel identical. Quantized mode, in
/// units of the local noise σ (the stabilized domain): every error ≤ β (a pixel never leaves the levels that
/// share its code), RMS ≤ β/√12 + 0.04, and |mean error| ≤ 0.05 — each widened by what rounding decoded values to
/// whole levels adds where a level is a large fraction of σ (low gain, few photons): RMS by (1/√12 level) in
/// quadrature and bias by 0.1 level, a level being measured in σ at the movie's own levels.
/// </summary>
public sealed class RoundTripBounds
{
    public const double MaxBiasSigma = 0.05;
    public const double RmsSlackSigma = 0.04;

    public RoundTripBounds(CodecMode? mode, AnscombeParameters? parameters, double? maxErrorSigma = null)
    {
        Mode = mode;
        bool exact = mode != CodecMode.Quantized;
        double beta = parameters?.Beta ?? 0;
        MaxErrorSigma = maxErrorSigma ?? (exact ? 0 : beta * (1 + 1e-9));
        MaxRmsSigma = exact ? 0 : beta / Math.Sqrt(12) + RmsSlackSigma;
    }

    public CodecMode? Mode { get; }
    public double MaxErrorSigma { get; }
    public double MaxRmsSigma { get; }

    /// <summary>Null when the statistics meet the bounds, else the reason they do not.</summary>
    public string? Check(RoundTripStatistics s)
    {
        if (Mode != CodecMode.Quantized)
        {
            if (s.MismatchedPixels > 0 && MaxErrorSigma == 0)
                return $"{s.MismatchedPixels} pixel(s) differ (first in frame {s.FirstBadFrame}); {Mode} mode must be exact.";
            if (s.MaxErrorSigma > MaxErrorSigma)
                return $"max error {s.MaxErrorSigma:0.###}σ exceeds {MaxErrorSigma:0.###}σ.";
            return null;
        }
        if (s.MaxErrorSigma > MaxErrorSigma)
            return $"max error {s.MaxErrorSigma:0.###}σ exceeds {MaxErrorSigma:0.###}σ (first bad frame {s.FirstBadFrame}).";
        double level = s.RmsLevelStepSigma;
        double rmsBound = Math.Sqrt(MaxRmsSigma * MaxRmsSigma + level * level / 12);
        if (s.RmsErrorSigma > rmsBound)
            return $"RMS error {s.RmsErrorSigma:0.###}σ exceeds β/√12 + {RmsSlackSigma} (with level rounding) = {rmsBound:0.###}σ.";
        double biasBound = MaxBiasSigma + 0.1 * level;
        if (Math.Abs(s.MeanBiasSigma) > biasBound)
            return $"mean bias {s.MeanBiasSigma:0.###}σ exceeds ±{biasBound:0.###}σ.";
        return null;
    }
}
