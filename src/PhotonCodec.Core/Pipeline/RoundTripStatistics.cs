using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Error of decoded against original pixels. Errors "in σ" are measured in the variance-stabilized domain,
/// |s(decoded) − s(original)|, whose unit is the local photon-plus-read noise σ: that is the quantity the
/// quantizer bounds by β. Without photon parameters (Lossless of unknown data) only exactness is measured.
/// </summary>
public sealed class RoundTripStatistics
{
    private readonly PixelType _type;
    private readonly AnscombeParameters? _parameters;
    private double[]? _stabilized;
    private long _stabilizedOffset;

    public RoundTripStatistics(PixelType type, AnscombeParameters? parameters)
    {
        _type = type;
        _parameters = parameters;
    }

    public long Pixels { get; private set; }
    public long MismatchedPixels { get; private set; }
    public int? FirstBadFrame { get; private set; }
    public double MaxAbsError { get; private set; }

    /// <summary>Largest |s(decoded) − s(original)|; +∞ for a mismatch when no parameters are known.</summary>
    public double MaxErrorSigma { get; private set; }

    public double SumSquaredErrorSigma { get; private set; }

    /// <summary>Σ over pixels of (s(level + ½) − s(level − ½))²: how much one level is worth in σ where the pixels are.</summary>
    public double SumSquaredLevelStepSigma { get; private set; }

    /// <summary>RMS size of one level in units of σ over the movie (0 without parameters).</summary>
    public double RmsLevelStepSigma => Pixels > 0 ? Math.Sqrt(SumSquaredLevelStepSigma / Pixels) : 0;
    public double SumError { get; private set; }
    public double SumErrorSigma { get; private set; }

    public double RmsErrorSigma => Pixels > 0 ? Math.Sqrt(SumSquaredErrorSigma / Pixels) : 0;

    /// <summary>Mean of (decoded − original) in levels.</summary>
    public double MeanBiasLevels => Pixels > 0 ? SumError / Pixels : 0;

    /// <summary>Mean of (decoded − original) in photons (levels / gain); levels when no gain is known.</summary>
    public double MeanBiasPhotons => MeanBiasLevels / (_parameters?.Gain ?? 1.0);

    /// <summary>Mean of (s(decoded) − s(original)), in units of the noise σ.</summary>
    public double MeanBiasSigma => Pixels > 0 ? SumErrorSigma / Pixels : 0;

    /// <summary>Adds frames [firstFrame …] given as whole frames of <paramref name="framePixels"/> pixels.</summary>
    public void Add(ReadOnlySpan<byte> original, ReadOnlySpan<byte> decoded, int firstFrame, int framePixels)
    {
        int size = _type.Size();
        if (original.Length != decoded.Length) throw new ArgumentException("Original and decoded differ in length.");
        var a = new double[framePixels];
        var b = new double[framePixels];
        int frames = original.Length / size / framePixels;
        for (int f = 0; f < frames; f++)
        {
            PixelConvert.ToDoubles(original.Slice(f * framePixels * size, framePixels * size), _type, a);
            PixelConvert.ToDoubles(decoded.Slice(f * framePixels * size, framePixels * size), _type, b);
            for (int i = 0; i < framePixels; i++)
            {
                double o = a[i], d = b[i];
                if (_parameters is not null)
                {
                    double step = LevelStep(o);
                    SumSquaredLevelStepSigma += step * step;
                }
                double diff = d - o;
                bool same = diff == 0 || (double.IsNaN(o) && double.IsNaN(d));
                if (!same)
                {
                    MismatchedPixels++;
                    if (FirstBadFrame is null || firstFrame + f < FirstBadFrame) FirstBadFrame = firstFrame + f;
                    double abs = Math.Abs(diff);
                    if (abs > MaxAbsError || double.IsNaN(abs)) MaxAbsError = abs;
                    SumError += diff;
                    if (_parameters is null)
                    {
                        MaxErrorSigma = double.PositiveInfinity;
                    }
                    else
                    {
                        double e = Stabilized(d) - Stabilized(o);
                        double ae = Math.Abs(e);
                        if (ae > MaxErrorSigma) MaxErrorSigma = ae;
                        SumSquaredErrorSigma += e * e;
                        SumErrorSigma += e;
                    }
                }
            }
            Pixels += framePixels;
        }
    }

    private double LevelStep(double level) =>
        _type.IsInteger() && level > _type.MinValue() && level < _type.MaxValue()
            ? (Stabilized(level + 1) - Stabilized(level - 1)) / 2
            : GeneralizedAnscombe.Forward(level + 0.5, _parameters!) - GeneralizedAnscombe.Forward(level - 0.5, _parameters!);

    private double Stabilized(double level)
    {
        AnscombeParameters p = _parameters!;
        if (_type.Size() <= 2 && _type.IsInteger())
        {
            if (_stabilized is null)
            {
                _stabilizedOffset = (long)_type.MinValue();
                int count = (int)(_type.MaxValue() - _type.MinValue() + 1);
                _stabilized = new double[count];
                for (int i = 0; i < count; i++) _stabilized[i] = GeneralizedAnscombe.Forward(i + _stabilizedOffset, p);
            }
            return _stabilized[(long)level - _stabilizedOffset];
        }
        return GeneralizedAnscombe.Forward(level, p);
    }

    public void Merge(RoundTripStatistics other)
    {
        Pixels += other.Pixels;
        MismatchedPixels += other.MismatchedPixels;
        if (other.FirstBadFrame is int f && (FirstBadFrame is null || f < FirstBadFrame)) FirstBadFrame = f;
        if (other.MaxAbsError > MaxAbsError || double.IsNaN(other.MaxAbsError)) MaxAbsError = other.MaxAbsError;
        if (other.MaxErrorSigma > MaxErrorSigma) MaxErrorSigma = other.MaxErrorSigma;
        SumSquaredErrorSigma += other.SumSquaredErrorSigma;
        SumSquaredLevelStepSigma += other.SumSquaredLevelStepSigma;
        SumError += other.SumError;
        SumErrorSigma += other.SumErrorSigma;
    }
}
