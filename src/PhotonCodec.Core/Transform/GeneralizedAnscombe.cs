using System;

namespace PhotonCodec.Core.Transform;

/// <summary>
/// The generalized Anscombe transform of detector levels (Poisson photons × gain + zero level + Gaussian read noise).
/// </summary>
/// <remarks>
/// With p = (level − zeroLevel) / gain photons and r = (readNoise / gain)² photons²,
/// s(p) = 2·√(p + 3/8 + r) for p ≥ 0. Below the zero level (p &lt; 0: read noise of dark pixels, or no light at all)
/// s continues as the tangent line at p = 0: s(p) = s(0) + p / √(3/8 + r).
/// Why the tangent at p = 0 rather than a join near p = −(3/8 + r): the square root's slope grows without bound
/// there, so any join close to it would spend a huge number of codes on levels that are only read noise.
/// The tangent keeps s continuous, strictly increasing and C¹, and its slope is the largest slope of s over p ≥ 0,
/// so a step of one level never moves s further below zero than it does just above zero.
/// </remarks>
public static class GeneralizedAnscombe
{
    /// <summary>Stabilized value s of a level.</summary>
    public static double Forward(double level, AnscombeParameters p)
    {
        double photons = (level - p.ZeroLevel) / p.Gain;
        double u0 = 0.375 + p.ReadNoisePhotonVariance;
        return photons >= 0 ? 2 * Math.Sqrt(photons + u0) : 2 * Math.Sqrt(u0) + photons / Math.Sqrt(u0);
    }

    /// <summary>Exact algebraic inverse of <see cref="Forward"/>: the (unrounded) level whose stabilized value is <paramref name="s"/>.</summary>
    public static double Inverse(double s, AnscombeParameters p)
    {
        double u0 = 0.375 + p.ReadNoisePhotonVariance;
        double s0 = 2 * Math.Sqrt(u0);
        double photons = s >= s0 ? s * s / 4 - u0 : (s - s0) * Math.Sqrt(u0);
        return p.ZeroLevel + p.Gain * photons;
    }

    /// <summary>
    /// (s(level) − s(zero level)) / beta before rounding. Computed branch by branch so that the sign follows the
    /// photon count exactly, which keeps the rounded codes non-decreasing in the level across the join.
    /// </summary>
    internal static double ScaledOffset(double level, AnscombeParameters p)
    {
        double photons = (level - p.ZeroLevel) / p.Gain;
        double u0 = 0.375 + p.ReadNoisePhotonVariance;
        double ds = photons >= 0 ? 2 * Math.Sqrt(photons + u0) - 2 * Math.Sqrt(u0) : photons / Math.Sqrt(u0);
        return ds / p.Beta;
    }

    /// <summary>Unshifted code of a level: round((s(p) − s(0)) / beta), half away from zero.</summary>
    internal static long RawCode(double level, AnscombeParameters p) =>
        (long)Math.Round(ScaledOffset(level, p), MidpointRounding.AwayFromZero);
}
