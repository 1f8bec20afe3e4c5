using System;
using System.Collections.Generic;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Transform;

/// <summary>
/// Seeded Poisson×gain + zero + read-noise movies at constant λ: bias and added error of quantize → decode,
/// measured against the true noise σ = √(gain²·λ + readNoise²).
/// </summary>
public sealed class QuantizationAccuracyTests
{
    private static readonly double[] Lambdas = { 0.1, 1, 5, 20, 100, 1000 };
    private static readonly double[] Betas = { 0.5, 1.0 };
    private const int Frames = 4, Height = 64, Width = 64;     // 16384 samples per λ

    private readonly ITestOutputHelper _out;

    public QuantizationAccuracyTests(ITestOutputHelper output) => _out = output;

    public static IEnumerable<object[]> Cases()
    {
        foreach (double gain in new[] { 0.5, 1, 2, 8, 30, 200, 1000 })
            foreach (double readNoisePhotons in new[] { 0.0, 2.0 })
            {
                foreach (double zero in new[] { 0.0, 200, 1000 })
                    yield return new object[] { PixelType.UInt16, gain, zero, readNoisePhotons };
                foreach (double zero in new[] { -100.0, 0, 200, 1000 })
                    yield return new object[] { PixelType.Int16, gain, zero, readNoisePhotons };
            }
        // Movies that clip at the ends of the dtype: up to 65535, down to 0 (read noise of 60 levels around a zero
        // level of 10) and down to −32768. None of them is a grid case (a duplicate would be skipped, not run).
        yield return new object[] { PixelType.UInt16, 200.0, 60000.0, 2.0 };
        yield return new object[] { PixelType.UInt16, 30.0, 10.0, 2.0 };
        yield return new object[] { PixelType.Int16, 1000.0, -32000.0, 2.0 };
        yield return new object[] { PixelType.Int16, 30.0, 32000.0, 2.0 };
    }

    [Fact]
    public void EveryCaseIsDistinctSoEveryOneRuns()
    {
        var seen = new HashSet<string>();
        foreach (object[] c in Cases())
            Assert.True(seen.Add(string.Join(", ", c)), $"case ({string.Join(", ", c)}) is listed twice; xunit would run it once and skip the other");
    }

    [Fact]
    public void TheClippingCasesClip()
    {
        // The extra cases exist to clip at the ends of the dtype; a case that no longer clips tests nothing new.
        foreach (object[] c in Cases())
        {
            var (type, gain, zero, readNoisePhotons) = ((PixelType)c[0], (double)c[1], (double)c[2], (double)c[3]);
            bool extra = zero is 60000 or 10 or -32000 or 32000;
            if (!extra) continue;
            bool clips = false;
            foreach (double lambda in Lambdas)
            {
                var movie = SyntheticMovie.Constant(1, lambda, gain, zero, readNoisePhotons * gain, type, Frames, Height, Width);
                clips |= Array.Exists(movie.Levels, l => l == (long)type.MinValue() || l == (long)type.MaxValue());
            }
            Assert.True(clips, $"{type} gain {gain} zero {zero} does not clip at any λ");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BiasAndAddedErrorStayWithinTheNoiseBudget(PixelType type, double gain, double zero, double readNoisePhotons)
    {
        double readNoise = readNoisePhotons * gain;
        _out.WriteLine($"{type} gain {gain} zero {zero} read noise {readNoise} levels");
        _out.WriteLine("beta  lambda   sigma    codes  type   bias/sigma  err/sigma  bound");
        // A seed fixed by the case (HashCode.Combine is randomized per process, which made this test differ run to run).
        int seed = (int)(((long)type * 1_000_003 + (long)Math.Round(gain * 1000) * 7_919 + (long)Math.Round(zero) * 131 + (long)Math.Round(readNoisePhotons * 100)) & 0x7fffffff);
        foreach (double lambda in Lambdas)
        {
            var movie = SyntheticMovie.Constant(seed++, lambda, gain, zero, readNoise, type, Frames, Height, Width);
            byte[] bytes = movie.ToBytes();
            var histogram = new LevelHistogram(type);
            histogram.Add(bytes);
            double sigma = movie.NoiseSigma(lambda);
            foreach (double beta in Betas)
            {
                var p = new AnscombeParameters(gain, zero, readNoise, beta);
                var table = QuantizationTable.Build(type, p, histogram);
                TableInvariants.Check(table, p);
                var codes = new byte[movie.Levels.Length * table.CodeType.Size()];
                table.Encode(bytes, codes);
                var decodedBytes = new byte[bytes.Length];
                table.Decode(codes, decodedBytes);
                long[] decoded = LevelBytes.ToLevels(decodedBytes, type);

                double sum = 0, sumSq = 0;
                for (int i = 0; i < decoded.Length; i++)
                {
                    double e = decoded[i] - movie.Levels[i];
                    sum += e;
                    sumSq += e * e;
                }
                int n = decoded.Length;
                double bias = sum / n;
                double std = Math.Sqrt(Math.Max(0, sumSq / n - bias * bias));
                // The spec's bounds hold as stated at the default beta 0.5. At beta 1, when σ is only a couple of levels, a code
                // spans two or three levels and must decode to a whole level: the bounds then get an allowance for rounding the
                // output to whole levels (0.1 level more bias; 1/√12 level of error std, in quadrature).
                bool strict = beta <= AnscombeParameters.DefaultBeta;
                double specBound = (beta / Math.Sqrt(12) + 0.04) * sigma;
                double errorBound = strict ? specBound : Math.Sqrt(specBound * specBound + 1.0 / 12);
                double biasBound = 0.05 * sigma + 0.1 + (strict ? 0 : 0.1);
                _out.WriteLine($"{beta,4} {lambda,7} {sigma,8:0.##} {table.CodeCount,7} {table.CodeType,-6} {bias / sigma,10:0.0000} {std / sigma,10:0.0000} {errorBound / sigma,6:0.000}");
                Assert.True(Math.Abs(bias) <= biasBound, $"beta {beta} λ {lambda}: bias {bias} levels exceeds {biasBound}");
                if (lambda >= 1)
                    Assert.True(std <= errorBound, $"beta {beta} λ {lambda}: error std {std} levels exceeds {errorBound} (spec (β/√12 + 0.04)σ = {specBound})");
            }
        }
    }
}
