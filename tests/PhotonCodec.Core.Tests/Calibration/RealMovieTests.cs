using System;
using System.Linq;
using PhotonCodec.Core.Calibration;
using Xunit.Abstractions;

using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Calibration;

public sealed class RealMovieTests
{
    private readonly ITestOutputHelper _output;

    public RealMovieTests(ITestOutputHelper output) => _output = output;

    private void Print(string name, PhotonTransferEstimate e) =>
        _output.WriteLine($"{name}: gain {e.Gain:F4} ± {e.GainStdError:F4}, zero {e.ZeroLevel:F2}, read noise {e.ReadNoise:F2}, R² {e.FitR2:F4}, bins {e.LevelsUsed}, frames {e.FramesUsed}\n  {e.Method}\n  " + string.Join("\n  ", e.Warnings));

    /// <summary>Photon-counting movies (one level per photon, zero level 0, per the data README's plain fit).</summary>
    [Theory]
    [InlineData("detrendr-bleached.tif")]
    [InlineData("nandb-50-big.tif")]
    public void Photon_counting_movies_give_gain_near_one_and_zero_near_zero(string file)
    {
        using InMemoryFrameSource source = RealMovies.Load(file);
        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source);
        Print(file, e);
        foreach (var b in e.Bins) _output.WriteLine($"  {b.MeanLevel:F2} {b.Variance:F3} {b.Count} {b.UsedInFit}");
        Assert.InRange(e.Gain, 0.95, 1.12);
        Assert.InRange(e.ZeroLevel, -3, 3);
        // Per-pixel bins (stationary pixels, a quarter of the frames as keys) scatter a little more than bins of all samples.
        Assert.True(e.FitR2 >= 0.98, $"R² {e.FitR2}");
        Assert.True(e.GainStdError > 0 && e.GainStdError < 0.05 * e.Gain, $"gain ± {e.GainStdError}");
        Assert.True(e.LevelsUsed >= 10);
        Assert.Contains(e.Bins, b => b.UsedInFit);
    }

    [Fact]
    public void Two_photon_movie_gives_the_same_gain_from_disjoint_halves()
    {
        using InMemoryFrameSource source = RealMovies.Load("thunder-mouse-vs1.tif");
        var frames = source.Frames();
        int half = frames.Count / 2;
        PhotonTransferEstimate first = PhotonTransferEstimator.Estimate(source.PixelType, source.Height, source.Width, frames.Take(half).ToList());
        PhotonTransferEstimate second = PhotonTransferEstimator.Estimate(source.PixelType, source.Height, source.Width, frames.Skip(half).ToList());
        PhotonTransferEstimate whole = PhotonTransferEstimator.Estimate(source);
        Print("first half", first);
        Print("second half", second);
        Print("whole", whole);
        foreach (var e in new[] { first, second })
            foreach (var b in e.Bins) _output.WriteLine($"  {b.MeanLevel:F2} {b.Variance:F3} {b.Count} {b.UsedInFit}");
        // A real movie whose scene changes: the halves agree within the 10 %, or within 20 % when an estimate says it is
        // unstable (its own halves disagree; it then uses the smaller gain).
        bool unstable = new[] { first, second }.Any(e => e.Warnings.Any(w => w.Contains("Unstable photon-transfer estimate", StringComparison.Ordinal)));
        Assert.InRange(first.Gain / second.Gain, unstable ? 1 / 1.2 : 1 / 1.1, unstable ? 1.2 : 1.1);
        Assert.InRange(whole.Gain, 1.0, 3.0);
        Assert.InRange(first.FramesUsed, 200, half);
    }

    /// <summary>Issue 9: every shared movie gets an estimate, and its two halves agree within 10 % or the estimate warns that it is unstable.</summary>
    [Theory]
    [InlineData("detrendr-bleached.tif")]
    [InlineData("nandb-50-big.tif")]
    [InlineData("thunder-mouse-vs1.tif")]
    public void Every_shared_movie_gets_an_estimate_whose_halves_agree_or_warn(string file)
    {
        using InMemoryFrameSource source = RealMovies.Load(file);
        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source);
        Print(file, e);
        _output.WriteLine($"  halves {e.GainHalves[0]:G5} ± {e.GainHalvesStdError[0]:G2}, {e.GainHalves[1]:G5} ± {e.GainHalvesStdError[1]:G2}");
        Assert.True(e.Gain > 0);
        Assert.Equal(2, e.GainHalves.Count);
        double small = Math.Min(e.GainHalves[0], e.GainHalves[1]), large = Math.Max(e.GainHalves[0], e.GainHalves[1]);
        Assert.True(large <= 1.1 * small || e.Warnings.Any(w => w.Contains("Unstable photon-transfer estimate")), $"halves {small} and {large} without a warning");
        Assert.DoesNotContain(e.Warnings, w => w.Contains("frame pairs were sampled"));
    }
}
