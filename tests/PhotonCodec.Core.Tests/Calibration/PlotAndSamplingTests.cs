using System;
using System.Diagnostics;
using System.Linq;
using System.Xml.Linq;
using PhotonCodec.Core.Calibration;
using Xunit.Abstractions;

using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Calibration;

public sealed class PlotAndSamplingTests
{
    private readonly ITestOutputHelper _output;

    public PlotAndSamplingTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Svg_is_well_formed_with_bins_line_labels_and_zero_point()
    {
        const int frames = 60, size = 64;
        byte[] bytes = DetectorMovie.Generate(5, 30, 200, 8, PixelType.UInt16, frames, size, size);
        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(new InMemoryFrameSource(bytes, PixelType.UInt16, frames, size, size));
        string svg = PhotonTransferPlot.ToSvg(e, "synthetic <gain 30> & friends");
        XDocument doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        var byId = doc.Descendants().Where(x => x.Attribute("id") is not null).ToDictionary(x => (string)x.Attribute("id")!);
        Assert.Equal(e.Bins.Count, byId["bins"].Elements(ns + "circle").Count());
        Assert.True(e.Bins.Count > 10);
        Assert.Equal(ns + "line", byId["fit"].Name);
        Assert.Contains("mean level", byId["x-label"].Value);
        Assert.Contains("variance", byId["y-label"].Value);
        Assert.Contains("zero-photon", byId["zero-photon"].Value);
        Assert.True(byId["level-histogram"].Elements().Any());
        Assert.Contains("synthetic <gain 30> & friends", doc.Root.Value);
        // The line passes through the plotted bins: its y at the mean bin is near that bin's y (SVG y grows downward).
        double y1 = double.Parse((string)byId["fit"].Attribute("y1")!, System.Globalization.CultureInfo.InvariantCulture);
        double y2 = double.Parse((string)byId["fit"].Attribute("y2")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(y2 < y1, "the fitted line rises");
    }

    [Theory]
    [InlineData(2, 200, 1, 2)]
    [InlineData(150, 200, 1, 150)]
    [InlineData(1000, 200, 22, 10)]
    [InlineData(205, 200, 20, 10)]
    [InlineData(100000, 5, 1, 6)]
    public void Sampling_plan_spreads_runs_and_caps_pairs(int frames, int maxPairs, int runs, int length)
    {
        var plan = PhotonTransferEstimator.PlanRuns(frames, maxPairs);
        Assert.Equal(runs, plan.Count);
        Assert.All(plan, r => Assert.Equal(length, r.Length));
        Assert.True(plan.Sum(r => r.Length - 1) <= Math.Max(maxPairs, 1));
        for (int i = 1; i < plan.Count; i++) Assert.True(plan[i].Start >= plan[i - 1].Start + plan[i - 1].Length, "runs overlap");
        Assert.True(plan[^1].Start + plan[^1].Length <= frames);
        if (runs > 1) Assert.Equal(frames - length, plan[^1].Start);
    }

    /// <summary>Reports throughput on a 1000-frame 256×256 uint16 movie (no timing assertion); checks only a sample is read.</summary>
    [Fact]
    public void Long_movie_reads_only_the_sampled_frames()
    {
        const int frames = 1000, size = 256;
        var rng = new Random(11);
        var bytes = new byte[frames * size * size * 2];
        for (int i = 0; i < bytes.Length; i += 2)
        {
            int v = 100 + 3 * (int)Support.SyntheticMovie.Poisson(rng, 5 + (i / 2 % size) * 0.1);
            bytes[i] = (byte)v; bytes[i + 1] = (byte)(v >> 8);
        }
        var source = new InMemoryFrameSource(bytes, PixelType.UInt16, frames, size, size);
        var progress = new Recorder();
        var sw = Stopwatch.StartNew();
        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source, progress: progress);
        sw.Stop();
        _output.WriteLine($"1000×256×256 uint16 ({bytes.Length / 1e6:F0} MB): {sw.Elapsed.TotalMilliseconds:F0} ms = {bytes.Length / 1e6 / sw.Elapsed.TotalSeconds:F0} MB/s of movie; {source.FramesRead} frames read; gain {e.Gain:F3}");
        var warm = Stopwatch.StartNew();
        PhotonTransferEstimator.Estimate(new InMemoryFrameSource(bytes, PixelType.UInt16, frames, size, size));
        warm.Stop();
        _output.WriteLine($"second run (jitted): {warm.Elapsed.TotalMilliseconds:F0} ms = {bytes.Length / 1e6 / warm.Elapsed.TotalSeconds:F0} MB/s of movie");
        Assert.Equal(220, source.FramesRead);
        Assert.Equal(220, e.FramesUsed);
        Assert.InRange(e.Gain, 2.91, 3.09);
        Assert.Equal(1.0, progress.Last, 6);
    }

    private sealed class Recorder : IProgress<double>
    {
        public double Last { get; private set; }
        public void Report(double value) => Last = value;
    }
}
