using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Transform;

public sealed class GeneralizedAnscombeTests
{
    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(30.0, 200.0, 8.0)]
    [InlineData(0.1, -1000.0, 0.5)]
    [InlineData(10000.0, 5.0, 20000.0)]
    public void Forward_MatchesTheFormulaAndIsContinuousAndIncreasingAcrossTheZeroLevel(double gain, double zero, double readNoise)
    {
        var p = new AnscombeParameters(gain, zero, readNoise);
        double r = (readNoise / gain) * (readNoise / gain);
        // p ≥ 0: 2√(p + 3/8 + r)
        double level = zero + 7 * gain;
        Assert.Equal(2 * Math.Sqrt(7 + 0.375 + r), GeneralizedAnscombe.Forward(level, p), 12);
        // continuity and slope at the join
        double s0 = GeneralizedAnscombe.Forward(zero, p);
        double h = 1e-6 * gain;
        Assert.Equal(s0, GeneralizedAnscombe.Forward(zero - h, p), 5);
        double slopeBelow = (s0 - GeneralizedAnscombe.Forward(zero - h, p)) / (h / gain);
        Assert.Equal(1 / Math.Sqrt(0.375 + r), slopeBelow, 4);
        // strictly increasing far below the zero level too, where 2√(p + 3/8 + r) would not even exist
        double previous = double.NegativeInfinity;
        for (double x = zero - 1000 * gain; x <= zero + 1000 * gain; x += gain * 0.37)
        {
            double s = GeneralizedAnscombe.Forward(x, p);
            Assert.True(s > previous, $"s({x}) = {s} is not above s of the previous level {previous}");
            previous = s;
        }
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(30.0, 200.0, 8.0)]
    [InlineData(0.5, -100.0, 1.0)]
    public void Inverse_UndoesForwardOnBothBranches(double gain, double zero, double readNoise)
    {
        var p = new AnscombeParameters(gain, zero, readNoise);
        foreach (double level in new[] { zero - 500 * gain, zero - 0.3 * gain, zero, zero + 0.2, zero + 40 * gain, zero + 1e5 })
            Assert.Equal(level, GeneralizedAnscombe.Inverse(GeneralizedAnscombe.Forward(level, p), p), 6);
    }

    [Theory]
    [InlineData(0.05, 1.0, 0.0, 0.0, "Gain")]
    [InlineData(20000.0, 1.0, 0.0, 0.0, "Gain")]
    [InlineData(double.NaN, 1.0, 0.0, 0.0, "Gain")]
    [InlineData(1.0, double.PositiveInfinity, 0.0, 0.5, "ZeroLevel")]
    [InlineData(1.0, 0.0, -1.0, 0.5, "ReadNoise")]
    [InlineData(1.0, 0.0, 0.0, 0.01, "Beta")]
    [InlineData(1.0, 0.0, 0.0, 3.0, "Beta")]
    public void Validate_NamesTheParameterAndItsRange(double gain, double zero, double readNoise, double beta, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AnscombeParameters(gain, zero, readNoise, beta).Validate());
        Assert.Equal(name, e.ParamName);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Validate_AcceptsTheDocumentedRangeEnds()
    {
        new AnscombeParameters(0.1, -32768, 0, 0.05).Validate();
        new AnscombeParameters(10000, 65535, 1e5, 2).Validate();
        Assert.Equal(0.5, new AnscombeParameters(1, 0, 0).Beta);
    }
}
