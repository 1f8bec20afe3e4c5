using System;

namespace PhotonCodec.Core.Transform;

/// <summary>
/// A variance-stabilizing map s(level) in units of the local noise σ, and the integer code round(s / β) the
/// quantizer gives a level, for one set of <see cref="AnscombeParameters"/>.
/// </summary>
public abstract class VarianceStabilizer
{
    protected VarianceStabilizer(AnscombeParameters parameters) => Parameters = parameters;

    public AnscombeParameters Parameters { get; }

    /// <summary>The stabilizer of <paramref name="p"/>'s <see cref="AnscombeParameters.Transform"/>.</summary>
    public static VarianceStabilizer For(AnscombeParameters p) => p.Transform switch
    {
        StabilizingTransform.NoiseModel => new NoiseModelStabilizer(p),
        _ => new AnscombeStabilizer(p),
    };

    /// <summary>Stabilized value s of a level, in units of σ (up to a constant).</summary>
    public abstract double Forward(double level);

    /// <summary>(s(level) − s(reference)) / β before rounding; exact in sign so codes stay non-decreasing.</summary>
    public abstract double ScaledOffset(double level);

    /// <summary>The (unrounded) level whose <see cref="ScaledOffset"/> is <paramref name="scaledOffset"/>.</summary>
    public abstract double LevelAt(double scaledOffset);

    /// <summary>Unshifted code of a level: round(ScaledOffset), half away from zero.</summary>
    public long RawCode(double level) => (long)Math.Round(ScaledOffset(level), MidpointRounding.AwayFromZero);
}

/// <summary>The seed's generalized Anscombe transform (<see cref="GeneralizedAnscombe"/>), reference at the zero level.</summary>
internal sealed class AnscombeStabilizer : VarianceStabilizer
{
    public AnscombeStabilizer(AnscombeParameters p) : base(p) { }

    public override double Forward(double level) => GeneralizedAnscombe.Forward(level, Parameters);

    public override double ScaledOffset(double level) => GeneralizedAnscombe.ScaledOffset(level, Parameters);

    public override double LevelAt(double scaledOffset) =>
        GeneralizedAnscombe.Inverse(GeneralizedAnscombe.Forward(Parameters.ZeroLevel, Parameters) + scaledOffset * Parameters.Beta, Parameters);
}

/// <summary>
/// s′(level) = 1 / max(σ(level), 1/β) with σ² = g·(level − z) + rn² above z and rn² below: each step of the code is
/// β·σ where that is at least one level, and exactly one level where the noise is smaller (photon counting, or
/// read noise below 2 levels at β = 0.5), so such levels are kept exact instead of spending codes nothing occupies.
/// </summary>
/// <remarks>
/// With c = max(rn, 1/β) and the knee k = z + (c² − rn²)/g where σ reaches c:
/// s = 2·(level − k) / (√(g·(level − z) + rn²) + c) above k (that is (2/g)·(√(g·(level − z) + rn²) − c), written so
/// that it cannot cancel), and s = (level − k) / c below, continuous with the same slope at k.
/// </remarks>
internal sealed class NoiseModelStabilizer : VarianceStabilizer
{
    private readonly double _gain, _zero, _readNoiseSquared, _knee, _kneeNoise;

    public NoiseModelStabilizer(AnscombeParameters p) : base(p)
    {
        _gain = p.Gain;
        _zero = p.ZeroLevel;
        _readNoiseSquared = p.ReadNoise * p.ReadNoise;
        _kneeNoise = Math.Max(p.ReadNoise, 1 / p.Beta);
        _knee = _zero + (_kneeNoise * _kneeNoise - _readNoiseSquared) / _gain;
    }

    /// <summary>Level where the step stops being one level (or the read noise) and starts following the photon noise.</summary>
    public double Knee => _knee;

    public override double Forward(double level)
    {
        double d = level - _knee;
        return d >= 0 ? 2 * d / (Math.Sqrt(_gain * (level - _zero) + _readNoiseSquared) + _kneeNoise) : d / _kneeNoise;
    }

    public override double ScaledOffset(double level) => Forward(level) / Parameters.Beta;

    public override double LevelAt(double scaledOffset)
    {
        double s = scaledOffset * Parameters.Beta;
        if (s < 0) return _knee + s * _kneeNoise;
        double root = _kneeNoise + _gain * s / 2;
        return _zero + (root * root - _readNoiseSquared) / _gain;
    }
}
