using System;
using System.Collections.Generic;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// The documented error bounds a round trip must meet. Exact modes: every pixel identical. Quantized mode, in
/// units of the local noise σ (the stabilized domain): every error ≤ β (a pixel never leaves the levels that
/// share its code), RMS ≤ β/√12 + 0.04, and |mean error| ≤ 0.05 — each widened by what rounding decoded values to
/// whole levels adds where a level is a large fraction of σ (low gain, few photons): RMS by (1/√12 level) in
/// quadrature and bias by 0.1 level, a level being measured in σ at the movie's own levels.
/// And in every tenth of the pixels by temporal mean (<see cref="IntensityDecile"/>): RMS added error ≤ 0.25 σ and
/// |bias| ≤ 0.05 σ of the declared noise, RMS ≤ 0.3 and |bias| ≤ 0.05 of the measured temporal noise (the
/// movie's own noise, which holds whatever parameters were declared), all at β ≤ 0.5 and in proportion to β above,
/// with the same whole-level allowances.
/// </summary>
public sealed class RoundTripBounds
{
    public const double MaxBiasSigma = 0.05;
    public const double RmsSlackSigma = 0.04;

    /// <summary>Worst-decile RMS added error allowed against the declared σ at β ≤ 0.5.</summary>
    public const double MaxDecileRmsVsDeclared = 0.25;

    /// <summary>Worst-decile RMS added error allowed against the measured temporal noise at β ≤ 0.5.</summary>
    public const double MaxDecileRmsVsMeasured = 0.3;

    /// <summary>Worst-decile |bias| allowed against either noise at β ≤ 0.5.</summary>
    public const double MaxDecileBias = 0.05;

    /// <summary>A frame whose own RMS error exceeds this many times the movie's bound is a bad frame.</summary>
    private const double BadFrameRmsFactor = 2;

    public RoundTripBounds(CodecMode? mode, AnscombeParameters? parameters, double? maxErrorSigma = null)
    {
        Mode = mode;
        bool exact = mode != CodecMode.Quantized;
        double beta = parameters?.Beta ?? 0;
        MaxErrorSigma = maxErrorSigma ?? (exact ? 0 : beta * (1 + 1e-9));
        MaxRmsSigma = exact ? 0 : beta / Math.Sqrt(12) + RmsSlackSigma;
        DecileScale = Math.Max(1, beta / AnscombeParameters.DefaultBeta);
    }

    public CodecMode? Mode { get; }
    public double MaxErrorSigma { get; }
    public double MaxRmsSigma { get; }

    /// <summary>How much the decile bounds widen with β: β / 0.5, at least 1.</summary>
    public double DecileScale { get; }

    /// <summary>Null when the statistics meet the bounds, else the reason they do not.</summary>
    public string? Check(RoundTripStatistics s) => Check(s, s.Deciles());

    /// <summary><see cref="Check(RoundTripStatistics)"/> with the deciles already computed.</summary>
    public string? Check(RoundTripStatistics s, IReadOnlyList<IntensityDecile> deciles)
    {
        if (Mode != CodecMode.Quantized)
        {
            if (s.MismatchedPixels > 0 && MaxErrorSigma == 0)
                return $"{s.MismatchedPixels} pixel(s) differ (first in frame {s.FirstMismatchedFrame}); {Mode} mode must be exact.";
            if (s.MaxErrorSigma > MaxErrorSigma)
                return $"max error {s.MaxErrorSigma:0.###}σ exceeds {MaxErrorSigma:0.###}σ.";
            return null;
        }
        if (s.MaxErrorSigma > MaxErrorSigma)
            return $"max error {s.MaxErrorSigma:0.###}σ exceeds {MaxErrorSigma:0.###}σ (first bad frame {FirstBadFrame(s)}).";
        double level = s.RmsLevelStepSigma;
        double rmsBound = RmsBound(level);
        if (s.RmsErrorSigma > rmsBound)
            return $"RMS error {s.RmsErrorSigma:0.###}σ exceeds β/√12 + {RmsSlackSigma} (with level rounding) = {rmsBound:0.###}σ.";
        double biasBound = MaxBiasSigma + 0.1 * level;
        if (Math.Abs(s.MeanBiasSigma) > biasBound)
            return $"mean bias {s.MeanBiasSigma:0.###}σ exceeds ±{biasBound:0.###}σ.";
        if (FirstBadFrame(s) is int frame)
            return $"frame {frame} decodes with an RMS error above {BadFrameRmsFactor}× the bound.";
        foreach (IntensityDecile d in deciles)
        {
            string? failure = CheckDecile(d, d.RmsError, d.DeclaredNoise, MaxDecileRmsVsDeclared, "declared noise σ")
                ?? CheckDecile(d, d.RmsError, d.MeasuredNoise, MaxDecileRmsVsMeasured, "measured temporal noise");
            if (failure is not null) return failure;
        }
        return null;
    }

    /// <summary>
    /// The first frame that breaks a bound on its own: in exact modes the first that differs; in Quantized mode the
    /// first with an error above <see cref="MaxErrorSigma"/>, or with an RMS error above twice the movie's bound.
    /// Null when no frame does (a bound broken only over a decile of the whole movie has no first frame).
    /// </summary>
    public int? FirstBadFrame(RoundTripStatistics s)
    {
        if (Mode != CodecMode.Quantized && MaxErrorSigma == 0) return s.FirstMismatchedFrame;
        foreach (KeyValuePair<int, RoundTripStatistics.FrameErrors> f in s.FrameErrorsInOrder())
        {
            if (f.Value.MaxErrorSigma > MaxErrorSigma) return f.Key;
            if (Mode == CodecMode.Quantized && f.Value.RmsErrorSigma > BadFrameRmsFactor * RmsBound(f.Value.RmsLevelStepSigma)) return f.Key;
        }
        return null;
    }

    private double RmsBound(double levelStepSigma) => Math.Sqrt(MaxRmsSigma * MaxRmsSigma + levelStepSigma * levelStepSigma / 12);

    /// <summary>RMS² ≤ (bound·noise)² + 1/12 level² and |bias| ≤ 0.05·noise + 0.1 level (both × <see cref="DecileScale"/>).</summary>
    private string? CheckDecile(IntensityDecile d, double rms, double noise, double rmsFactor, string what)
    {
        if (double.IsNaN(noise)) return null;
        double rmsBound = Math.Sqrt(Math.Pow(rmsFactor * DecileScale * noise, 2) + 1.0 / 12);
        if (rms > rmsBound)
            return FormattableString.Invariant(
                $"decile {d.Decile} (mean level {d.MeanLevel:G4}): RMS added error {rms:G3} levels is {rms / noise:0.###} of the {what} {noise:G3} levels; allowed {rmsFactor * DecileScale:0.###} (+ level rounding).");
        double biasBound = MaxDecileBias * DecileScale * noise + 0.1;
        if (Math.Abs(d.Bias) > biasBound)
            return FormattableString.Invariant(
                $"decile {d.Decile} (mean level {d.MeanLevel:G4}): bias {d.Bias:G3} levels is {d.Bias / noise:0.###} of the {what} {noise:G3} levels; allowed ±{MaxDecileBias * DecileScale:0.###} (+ 0.1 level).");
        return null;
    }
}
