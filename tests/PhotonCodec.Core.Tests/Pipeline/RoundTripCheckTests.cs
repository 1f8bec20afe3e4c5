using System;
using System.IO;
using System.Linq;
using System.Threading;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Tests.Calibration;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>What Test-PhotonRoundTrip relies on: the first bad frame, the decile bounds, and given parameters checked against the movie.</summary>
public sealed class RoundTripCheckTests
{
    private readonly ITestOutputHelper _out;

    public RoundTripCheckTests(ITestOutputHelper output) => _out = output;

    private static SyntheticMovie Movie(int frames) =>
        SyntheticMovie.Generate(11, 30, 200, 8, PixelType.UInt16, frames, 16, 16, (t, y, x) => 0.5 + (x + y) / 2.0 + (t % 7));

    private static InMemoryFrameSource Source(SyntheticMovie m) => new(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);

    [Fact]
    public void FirstBadFrame_IsNullForAPassingArchive_AndTheFirstDamagedFrameOtherwise()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie(350);
        string dest = dir.File("q.zarr");
        PhotonConverter.Convert(Source(m), dest, new ConversionOptions { Gain = 30, ZeroLevel = 200, ReadNoise = 8 });
        PhotonArchive archive = PhotonArchive.Open(dest);
        var bounds = new RoundTripBounds(CodecMode.Quantized, archive.Parameters);
        RoundTripStatistics good = RoundTripVerifier.Compare(Source(m), archive);
        Assert.True(good.MismatchedPixels > 0);
        Assert.Null(bounds.Check(good));
        Assert.Null(bounds.FirstBadFrame(good));

        // Frames 100–299 (chunks 1 and 2) replaced by the codes of frames 0–99.
        byte[] chunk0 = File.ReadAllBytes(Path.Combine(dest, "0.0.0"));
        File.WriteAllBytes(Path.Combine(dest, "1.0.0"), chunk0);
        File.WriteAllBytes(Path.Combine(dest, "2.0.0"), chunk0);
        PhotonArchive swapped = PhotonArchive.Open(dest);
        swapped.Store.Checksums.Verify = false; // the checksums would refuse the swapped chunks; this is about the statistics
        RoundTripStatistics bad = RoundTripVerifier.Compare(Source(m), swapped);
        Assert.NotNull(bounds.Check(bad));
        Assert.Equal(100, bounds.FirstBadFrame(bad));
    }

    [Fact]
    public void TemporalNoise_CountsEveryConsecutivePairOnce_WhateverOrderTheBlocksArriveIn()
    {
        SyntheticMovie m = Movie(25);
        int pixels = m.Height * m.Width;
        double[] Frame(int t) => Enumerable.Range(0, pixels).Select(i => (double)m.Levels[t * pixels + i]).ToArray();
        var inOrder = new PixelTemporalNoise(pixels);
        for (int t = 0; t < m.Frames; t++) inOrder.AddFrame(t, Frame(t));
        var merged = new PixelTemporalNoise(pixels);
        foreach ((int first, int count) in new[] { (20, 5), (0, 7), (14, 6), (7, 7) })
        {
            var block = new PixelTemporalNoise(pixels);
            for (int t = first; t < first + count; t++) block.AddFrame(t, Frame(t));
            merged.Merge(block);
        }
        Assert.Equal(24, inOrder.Pairs);
        Assert.Equal(24, merged.Pairs);
        for (int i = 0; i < pixels; i++)
        {
            Assert.Equal(inOrder.Mean(i), merged.Mean(i), 9);
            Assert.Equal(inOrder.NoiseVariance(i), merged.NoiseVariance(i), 6);
        }
    }

    /// <summary>Issue 9 item 3: gain 30 given for thunder-mouse-vs1.tif (a gain-1.6 movie).</summary>
    [Fact]
    public void GivenParametersThatDisagreeWithTheMoviesNoise_WarnWithBothFigures_AndFailTheMeasuredNoiseBound()
    {
        InMemoryFrameSource movie = RealMovies.Load("thunder-mouse-vs1.tif");
        var wrong = new ConversionOptions { Gain = 30, ZeroLevel = 13.9, ReadNoise = 0 };
        CompressionMeasurement m = PhotonConverter.Measure(movie, wrong);
        _out.WriteLine(string.Join("\n", m.Warnings));
        string warning = Assert.Single(m.Warnings);
        Assert.Contains("gain 30", warning);
        Assert.Contains("movie's own frame-to-frame noise", warning);
        string? failure = new RoundTripBounds(CodecMode.Quantized, m.Parameters).Check(m.Errors);
        _out.WriteLine(failure);
        Assert.NotNull(failure);
        Assert.Contains("measured temporal noise", failure);
        Assert.True(m.Errors.Deciles().Max(d => d.RmsVsMeasured) > RoundTripBounds.MaxDecileRmsVsMeasured);

        CompressionMeasurement right = PhotonConverter.Measure(movie, new ConversionOptions { Gain = 1.78, ZeroLevel = 13.9, ReadNoise = 0 });
        Assert.Empty(right.Warnings);
        Assert.Null(new RoundTripBounds(CodecMode.Quantized, right.Parameters).Check(right.Errors));
    }

    /// <summary>Every real movie converts by default, and its worst decile's added error is ≤ 0.3 of its measured temporal noise.</summary>
    [Theory]
    [InlineData("thunder-mouse-vs1.tif")]
    [InlineData("detrendr-bleached.tif")]
    [InlineData("nandb-50-big.tif")]
    public void DefaultConversionOfARealMovie_StaysWithinItsMeasuredNoiseInEveryDecile(string file)
    {
        CompressionMeasurement m = PhotonConverter.Measure(RealMovies.Load(file), new ConversionOptions());
        Assert.Equal(StabilizingTransform.NoiseModel, m.Parameters!.Transform);
        IntensityDecile[] deciles = m.Errors.Deciles();
        Assert.Equal(10, deciles.Length);
        foreach (IntensityDecile d in deciles)
            _out.WriteLine($"{file} decile {d.Decile}: mean {d.MeanLevel:0.0}, measured noise {d.MeasuredNoise:0.00}, RMS {d.RmsVsMeasured:0.000}, bias {d.BiasVsMeasured:+0.000;-0.000}");
        _out.WriteLine($"ratio {m.Ratio:0.00}, gain {m.Parameters.Gain:G4}, zero {m.Parameters.ZeroLevel:G4}, read noise {m.Parameters.ReadNoise:G3}");
        Assert.All(deciles, d => Assert.True(d.RmsVsMeasured <= 0.3, $"decile {d.Decile}: RMS {d.RmsVsMeasured:0.000} of the measured noise"));
        // Bias: 0.05 of the noise plus 0.1 level for decoding to whole levels (nandb's σ is 3–6 levels).
        Assert.All(deciles, d => Assert.True(Math.Abs(d.Bias) <= 0.05 * d.MeasuredNoise + 0.1, $"decile {d.Decile}: bias {d.Bias:0.000} levels, {d.BiasVsMeasured:0.000} of the measured noise"));
        Assert.Null(new RoundTripBounds(CodecMode.Quantized, m.Parameters).Check(m.Errors));
    }
}
