using System;
using System.Collections.Generic;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Error of decoded against original pixels. Errors "in σ" are measured in the variance-stabilized domain,
/// |s(decoded) − s(original)|, whose unit is the local photon-plus-read noise σ: that is the quantity the
/// quantizer bounds by β. Without photon parameters (Lossless of unknown data) only exactness is measured.
/// Per pixel it also keeps the temporal mean, the measured temporal noise and the error in levels, for the
/// <see cref="Deciles"/>, and per frame the error in σ, to name the first frame that breaks a bound.
/// </summary>
public sealed class RoundTripStatistics
{
    private readonly PixelType _type;
    private readonly AnscombeParameters? _parameters;
    private readonly VarianceStabilizer? _stabilizer;
    private readonly Dictionary<int, FrameErrors> _frames = new();
    private double[]? _stabilized;
    private long _stabilizedOffset;
    private PixelTemporalNoise? _noise;
    private double[]? _pixelSumError;
    private double[]? _pixelSumSquaredError;

    public RoundTripStatistics(PixelType type, AnscombeParameters? parameters)
    {
        _type = type;
        _parameters = parameters;
        _stabilizer = parameters is null ? null : VarianceStabilizer.For(parameters);
    }

    /// <summary>Error figures of one frame.</summary>
    public readonly record struct FrameErrors(long Pixels, long Mismatched, double MaxErrorSigma, double SumSquaredErrorSigma, double SumSquaredLevelStepSigma)
    {
        public double RmsErrorSigma => Pixels > 0 ? Math.Sqrt(SumSquaredErrorSigma / Pixels) : 0;
        public double RmsLevelStepSigma => Pixels > 0 ? Math.Sqrt(SumSquaredLevelStepSigma / Pixels) : 0;

        internal FrameErrors Plus(FrameErrors o) => new(Pixels + o.Pixels, Mismatched + o.Mismatched, Math.Max(MaxErrorSigma, o.MaxErrorSigma),
            SumSquaredErrorSigma + o.SumSquaredErrorSigma, SumSquaredLevelStepSigma + o.SumSquaredLevelStepSigma);
    }

    public long Pixels { get; private set; }
    public long MismatchedPixels { get; private set; }

    /// <summary>First frame with any pixel that differs (in Quantized mode nearly every frame differs: see <see cref="RoundTripBounds.FirstBadFrame"/>).</summary>
    public int? FirstMismatchedFrame { get; private set; }
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

    /// <summary>Error figures per frame, in frame order.</summary>
    public IEnumerable<KeyValuePair<int, FrameErrors>> FrameErrorsInOrder()
    {
        var keys = new List<int>(_frames.Keys);
        keys.Sort();
        foreach (int k in keys) yield return new(k, _frames[k]);
    }

    /// <summary>Added error per tenth of the pixels by temporal mean, against the declared σ and the measured temporal noise.</summary>
    public IntensityDecile[] Deciles() =>
        _noise is null ? Array.Empty<IntensityDecile>() : IntensityDeciles.Compute(_noise, _parameters, _pixelSumError, _pixelSumSquaredError);

    /// <summary>Adds frames [firstFrame …] given as whole frames of <paramref name="framePixels"/> pixels.</summary>
    public void Add(ReadOnlySpan<byte> original, ReadOnlySpan<byte> decoded, int firstFrame, int framePixels)
    {
        int size = _type.Size();
        if (original.Length != decoded.Length) throw new ArgumentException("Original and decoded differ in length.");
        _noise ??= new PixelTemporalNoise(framePixels);
        if (_noise.PixelCount != framePixels) throw new ArgumentException($"Frames of {framePixels} pixels added to statistics of {_noise.PixelCount}-pixel frames.");
        _pixelSumError ??= new double[framePixels];
        _pixelSumSquaredError ??= new double[framePixels];
        var a = new double[framePixels];
        var b = new double[framePixels];
        int frames = original.Length / size / framePixels;
        for (int f = 0; f < frames; f++)
        {
            int frame = firstFrame + f;
            PixelConvert.ToDoubles(original.Slice(f * framePixels * size, framePixels * size), _type, a);
            PixelConvert.ToDoubles(decoded.Slice(f * framePixels * size, framePixels * size), _type, b);
            _noise.AddFrame(frame, a);
            long mismatched = 0;
            double frameMax = 0, frameSumSq = 0, frameSteps = 0;
            for (int i = 0; i < framePixels; i++)
            {
                double o = a[i], d = b[i];
                if (_parameters is not null)
                {
                    double step = LevelStep(o);
                    frameSteps += step * step;
                }
                double diff = d - o;
                bool same = diff == 0 || (double.IsNaN(o) && double.IsNaN(d));
                if (same) continue;
                mismatched++;
                double abs = Math.Abs(diff);
                if (abs > MaxAbsError || double.IsNaN(abs)) MaxAbsError = abs;
                SumError += diff;
                _pixelSumError[i] += diff;
                _pixelSumSquaredError[i] += diff * diff;
                if (_parameters is null)
                {
                    frameMax = double.PositiveInfinity;
                }
                else
                {
                    double e = Stabilized(d) - Stabilized(o);
                    double ae = Math.Abs(e);
                    if (ae > frameMax) frameMax = ae;
                    frameSumSq += e * e;
                    SumErrorSigma += e;
                }
            }
            if (mismatched > 0 && (FirstMismatchedFrame is null || frame < FirstMismatchedFrame)) FirstMismatchedFrame = frame;
            MismatchedPixels += mismatched;
            if (frameMax > MaxErrorSigma) MaxErrorSigma = frameMax;
            SumSquaredErrorSigma += frameSumSq;
            SumSquaredLevelStepSigma += frameSteps;
            Pixels += framePixels;
            var errors = new FrameErrors(framePixels, mismatched, frameMax, frameSumSq, frameSteps);
            _frames[frame] = _frames.TryGetValue(frame, out FrameErrors earlier) ? earlier.Plus(errors) : errors;
        }
    }

    private double LevelStep(double level) =>
        _type.IsInteger() && level > _type.MinValue() && level < _type.MaxValue()
            ? (Stabilized(level + 1) - Stabilized(level - 1)) / 2
            : _stabilizer!.Forward(level + 0.5) - _stabilizer!.Forward(level - 0.5);

    private double Stabilized(double level)
    {
        if (_type.Size() <= 2 && _type.IsInteger())
        {
            if (_stabilized is null)
            {
                _stabilizedOffset = (long)_type.MinValue();
                int count = (int)(_type.MaxValue() - _type.MinValue() + 1);
                _stabilized = new double[count];
                for (int i = 0; i < count; i++) _stabilized[i] = _stabilizer!.Forward(i + _stabilizedOffset);
            }
            return _stabilized[(long)level - _stabilizedOffset];
        }
        return _stabilizer!.Forward(level);
    }

    public void Merge(RoundTripStatistics other)
    {
        Pixels += other.Pixels;
        MismatchedPixels += other.MismatchedPixels;
        if (other.FirstMismatchedFrame is int f && (FirstMismatchedFrame is null || f < FirstMismatchedFrame)) FirstMismatchedFrame = f;
        if (other.MaxAbsError > MaxAbsError || double.IsNaN(other.MaxAbsError)) MaxAbsError = other.MaxAbsError;
        if (other.MaxErrorSigma > MaxErrorSigma) MaxErrorSigma = other.MaxErrorSigma;
        SumSquaredErrorSigma += other.SumSquaredErrorSigma;
        SumSquaredLevelStepSigma += other.SumSquaredLevelStepSigma;
        SumError += other.SumError;
        SumErrorSigma += other.SumErrorSigma;
        foreach (KeyValuePair<int, FrameErrors> kv in other._frames)
            _frames[kv.Key] = _frames.TryGetValue(kv.Key, out FrameErrors mine) ? mine.Plus(kv.Value) : kv.Value;
        if (other._noise is null) return;
        if (_noise is null)
        {
            _noise = new PixelTemporalNoise(other._noise.PixelCount);
            _pixelSumError = new double[other._noise.PixelCount];
            _pixelSumSquaredError = new double[other._noise.PixelCount];
        }
        _noise.Merge(other._noise);
        for (int i = 0; i < _pixelSumError!.Length; i++)
        {
            _pixelSumError[i] += other._pixelSumError![i];
            _pixelSumSquaredError![i] += other._pixelSumSquaredError![i];
        }
    }
}
