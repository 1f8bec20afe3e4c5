using System;
using PhotonCodec.Core.Calibration;
using Xunit;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>The moments that stand in for samples at a clip floor, against numerical integration of the normal density.</summary>
public sealed class TruncatedNormalTests
{
    [Theory]
    [InlineData(0, 8, 0.5)]
    [InlineData(0, 20, 0.5)]
    [InlineData(3, 5, 0.5)]
    [InlineData(-10, 30, 0.5)]
    [InlineData(40, 8, 0.5)]
    [InlineData(0, 8, -30)]
    public void Moments_below_the_floor_match_integration(double mean, double sigma, double upper)
    {
        var (m1, m2) = TruncatedNormal.BelowMoments(mean, sigma, upper);
        double mass = 0, first = 0, second = 0;
        const int Steps = 200000;
        double from = Math.Min(upper, mean) - 12 * sigma, dx = (upper - from) / Steps;
        for (int i = 0; i < Steps; i++)
        {
            double x = from + (i + 0.5) * dx, d = Math.Exp(-0.5 * Math.Pow((x - mean) / sigma, 2));
            mass += d; first += d * x; second += d * x * x;
        }
        Assert.Equal(first / mass, m1, 3);
        Assert.Equal(second / mass, m2, Math.Max(1e-3, 1e-5 * Math.Abs(m2)));
        double p = TruncatedNormal.BelowProbability(mean, sigma, upper);
        Assert.Equal(mass * dx / (sigma * Math.Sqrt(2 * Math.PI)), p, 6);
    }

    [Fact]
    public void Without_noise_the_floor_value_is_the_value()
    {
        Assert.Equal((0.5, 0.25), TruncatedNormal.BelowMoments(3, 0, 0.5));
        Assert.Equal(1, TruncatedNormal.BelowProbability(0, 0, 0.5));
    }
}
