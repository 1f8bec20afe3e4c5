using System;
using System.Diagnostics;
using System.IO;
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

    /// <summary>Issue 10: round ticks, significant digits, a legend for the histogram, the zero-photon label away from the points.</summary>
    [Fact]
    public void Svg_has_round_ticks_significant_digits_and_a_histogram_legend()
    {
        using InMemoryFrameSource source = RealMovies.Load("nandb-50-big.tif");
        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source);
        XDocument doc = XDocument.Parse(PhotonTransferPlot.ToSvg(e, "nandb"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        string subtitle = texts.Single(t => t.StartsWith("gain ", StringComparison.Ordinal));
        _output.WriteLine(subtitle);
        Assert.DoesNotContain("E-", subtitle);
        Assert.Matches(@"^gain \d\.\d{3} ± [\d.]+ levels/photon, zero level [-\d.]+, read noise [\d.]+, R² \d\.\d{3}$", subtitle);
        Assert.Contains(texts, t => t.Contains("histogram"));
        // Tick labels: round numbers (1, 2 or 5 × 10ⁿ apart), at most three significant digits here.
        foreach (double[] ticks in new[] { PhotonTransferPlot.Ticks(0, 171.6).ToArray(), PhotonTransferPlot.Ticks(85.79, 933.9).ToArray() })
        {
            double step = ticks[1] - ticks[0];
            Assert.Contains(step / Math.Pow(10, Math.Floor(Math.Log10(step))), new[] { 1.0, 2.0, 5.0 }.Select(v => Math.Round(v, 9)));
            Assert.All(ticks, t => Assert.Equal(0, Math.Round(t / step - Math.Round(t / step), 9)));
        }
        Assert.Equal("0.000065", PhotonTransferPlot.Significant(6.49351E-05, 2));
        Assert.Equal("171.6", PhotonTransferPlot.Significant(171.5789, 4));
        // The zero-photon label is placed clear of every bin's circle.
        var label = doc.Descendants(ns + "g").Single(g => (string?)g.Attribute("id") == "zero-photon").Element(ns + "text")!;
        double lx = Coordinate(label, "x"), ly = Coordinate(label, "y");
        foreach (var c in doc.Descendants(ns + "circle"))
        {
            double cx = Coordinate(c, "cx"), cy = Coordinate(c, "cy");
            Assert.False(cx > lx - 5 && cx < lx + 260 && cy > ly - 14 && cy < ly + 4, $"bin at ({cx}, {cy}) under the label at ({lx}, {ly})");
        }
    }

    /// <summary>Issue 10: the bright end of thunder-mouse-vs1.tif sits far above the line; the estimate and the plot say so.</summary>
    [Fact]
    public void Bright_end_departing_from_the_line_is_warned_and_shown()
    {
        using InMemoryFrameSource source = RealMovies.Load("thunder-mouse-vs1.tif");
        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source);
        foreach (string w in e.Warnings) _output.WriteLine(w);
        Assert.Contains(e.Warnings, w => w.Contains("bright end departs") && w.Contains("saturation"));
        Assert.Contains("bright end departs", PhotonTransferPlot.ToSvg(e, "thunder"));
    }

    /// <summary>Issue 10: the SVG displays in a real browser (Debian chromium, headless): the screenshot is not blank.</summary>
    [Fact]
    public void Svg_renders_in_headless_chromium()
    {
        const string Chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(Chromium), $"{Chromium} is needed to render the plot (apt-get install chromium; see .ci/run).");
        using InMemoryFrameSource source = RealMovies.Load("nandb-50-big.tif");
        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source);
        using var temp = new TempDir();
        string svg = temp.File("plot.svg"), png = temp.File("plot.png");
        File.WriteAllText(svg, PhotonTransferPlot.ToSvg(e, "nandb-50-big.tif"));
        var psi = new ProcessStartInfo(Chromium) { UseShellExecute = false };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + temp.File("profile"),
                     "--screenshot=" + png, "--window-size=720,480", new Uri(svg).AbsoluteUri })
            psi.ArgumentList.Add(a);
        using (Process p = Process.Start(psi)!)
        {
            Assert.True(p.WaitForExit(120_000), "chromium did not finish");
            Assert.True(File.Exists(png), $"no screenshot (chromium exited {p.ExitCode})");
        }
        // Count ink: pixels that are not white, and the blue of the bins.
        string counts = Python.Run("""
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
px = list(im.getdata())
ink = sum(1 for r, g, b in px if r + g + b < 600)
blue = sum(1 for r, g, b in px if b > 150 and r < 120)
print(im.size[0], im.size[1], ink, blue)
""", png).Trim();
        _output.WriteLine($"screenshot {png}: width height ink blue = {counts}");
        int[] v = counts.Split(' ').Select(int.Parse).ToArray();
        Assert.Equal(720, v[0]);
        Assert.True(v[2] > 3000, $"only {v[2]} inked pixels: the plot did not render");
        Assert.True(v[3] > 200, $"only {v[3]} blue pixels: the bins did not render");
        string keep = Environment.GetEnvironmentVariable("PHOTONCODEC_KEEP_SCREENSHOT") ?? "";
        if (keep.Length > 0) File.Copy(png, keep, overwrite: true);
    }

    private static double Coordinate(XElement e, string name) => double.Parse((string)e.Attribute(name)!, System.Globalization.CultureInfo.InvariantCulture);

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
