using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Moments of a normal variable x ~ N(μ, σ²) given x &lt; t (the lower tail a clip floor at t cuts off): with α = (t − μ)/σ and
/// the inverse Mills ratio λ = φ(α)/Φ(α), E[x | x &lt; t] = μ − σλ and Var = σ²(1 − αλ − λ²)
/// (https://en.wikipedia.org/wiki/Truncated_normal_distribution#Moments).
/// </summary>
internal static class TruncatedNormal
{
    /// <summary>E[x] and E[x²] of N(<paramref name="mean"/>, <paramref name="sigma"/>²) below <paramref name="upper"/>.</summary>
    public static (double Mean, double Square) BelowMoments(double mean, double sigma, double upper)
    {
        if (!(sigma > 0)) { double v = Math.Min(mean, upper); return (v, v * v); }
        double alpha = (upper - mean) / sigma;
        double lambda = InverseMills(alpha);
        double m = mean - sigma * lambda;
        double variance = sigma * sigma * Math.Max(1 - alpha * lambda - lambda * lambda, 0);
        return (m, variance + m * m);
    }

    /// <summary>P(x &lt; <paramref name="upper"/>) for x ~ N(<paramref name="mean"/>, <paramref name="sigma"/>²).</summary>
    public static double BelowProbability(double mean, double sigma, double upper) =>
        sigma > 0 ? 0.5 * Erfc(-(upper - mean) / sigma / Math.Sqrt(2)) : mean < upper ? 1 : 0;

    /// <summary>φ(α)/Φ(α), from erfc (relative error ≲ 1e-7 far into the lower tail, where Φ underflows a plain 1 − erf).</summary>
    private static double InverseMills(double alpha)
    {
        double phi = Math.Exp(-0.5 * alpha * alpha) / Math.Sqrt(2 * Math.PI);
        double cdf = 0.5 * Erfc(-alpha / Math.Sqrt(2));
        return cdf > 0 ? phi / cdf : -alpha;
    }

    /// <summary>Complementary error function (Numerical Recipes' erfcc, Chebyshev fit, fractional error &lt; 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
