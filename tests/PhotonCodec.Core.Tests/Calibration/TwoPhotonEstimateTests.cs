using System;
using System.IO;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>
/// The synthetic two-photon movie of ../shared/tools/make_movie.py with its defaults (gain 30, zero level 200, read noise 8,
/// a dim background everywhere — no zero-photon pixels, but many zero-photon samples — and cells with calcium transients that change between frames).
/// </summary>
public sealed class TwoPhotonEstimateTests
{
    private const double TrueGain = 30, TrueZero = 200, TrueReadNoise = 8;
    private readonly ITestOutputHelper _output;

    public TwoPhotonEstimateTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Estimated_parameters_compress_like_the_true_ones_within_the_true_error_bounds()
    {
        using var temp = new TempDir();
        string tif = temp.File("2p.tif");
        MakeMovie(tif);
        using TiffFrameSource source = TiffFrameSource.Open(tif);

        PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source);
        _output.WriteLine($"gain {e.Gain:F3} ± {e.GainStdError:F3}, zero {e.ZeroLevel:F2}, read noise {e.ReadNoise:F2}, R² {e.FitR2:F4}\n  {e.Method}\n  {string.Join("\n  ", e.Warnings)}");
        Assert.InRange(e.Gain, TrueGain * 0.97, TrueGain * 1.03);
        // No pixel is dark, but a quarter of the samples caught no photon: their peak gives the zero level and read noise.
        Assert.InRange(e.ZeroLevel, TrueZero - 2, TrueZero + 2);
        Assert.InRange(e.ReadNoise, TrueReadNoise * 0.75, TrueReadNoise * 1.25);
        Assert.Contains("zero-photon peak of the per-sample level histogram", e.Method);

        CompressionMeasurement truth = PhotonConverter.Measure(source,
            new ConversionOptions { Gain = TrueGain, ZeroLevel = TrueZero, ReadNoise = TrueReadNoise });
        CompressionMeasurement estimated = PhotonConverter.Measure(source, new ConversionOptions());
        _output.WriteLine($"ratio: true parameters {truth.Ratio:F3}, estimated {estimated.Ratio:F3} ({estimated.Ratio / truth.Ratio - 1:P2})");
        Assert.Equal(e.Gain, estimated.Parameters!.Gain);
        Assert.InRange(estimated.Ratio / truth.Ratio, 0.95, 1.05);

        // The archive written with the estimate, decoded, judged in σ of the TRUE noise.
        string zarr = temp.File("2p.zarr");
        PhotonConverter.Convert(source, zarr, new ConversionOptions());
        var trueParameters = new AnscombeParameters(TrueGain, TrueZero, TrueReadNoise, new ConversionOptions().Beta);
        var vsTruth = new RoundTripStatistics(PixelType.UInt16, trueParameters);
        var archive = PhotonArchive.Open(zarr);
        Assert.Equal(e.Gain, archive.Parameters!.Gain);
        int framePixels = source.Height * source.Width, perChunk = archive.FramesPerChunk;
        var original = new byte[perChunk * source.FrameBytes];
        var decoded = new byte[perChunk * source.FrameBytes];
        for (int first = 0; first < source.FrameCount; first += perChunk)
        {
            int count = Math.Min(perChunk, source.FrameCount - first);
            for (int f = 0; f < count; f++) source.ReadFrame(first + f, original.AsSpan(f * source.FrameBytes, source.FrameBytes));
            archive.ReadFrames(first, count, decoded);
            vsTruth.Add(original.AsSpan(0, count * source.FrameBytes), decoded.AsSpan(0, count * source.FrameBytes), first, framePixels);
        }
        _output.WriteLine($"estimated archive vs true noise: RMS {vsTruth.RmsErrorSigma:F4}σ, max {vsTruth.MaxErrorSigma:F4}σ, bias {vsTruth.MeanBiasSigma:F4}σ; " +
            $"true-parameter run: RMS {truth.Errors.RmsErrorSigma:F4}σ, max {truth.Errors.MaxErrorSigma:F4}σ");
        Assert.Equal(source.FrameCount * (long)framePixels, vsTruth.Pixels);
        Assert.Null(new RoundTripBounds(CodecMode.Quantized, trueParameters).Check(vsTruth));
    }

    /// <summary>The issue's budget: estimating ≤ 20 % of the conversion's wall time on a 1000-frame movie. Printed, not asserted (run with -c Release).</summary>
    [Fact]
    public void Estimation_time_against_conversion_time_on_a_1000_frame_movie()
    {
        using var temp = new TempDir();
        string tif = temp.File("2p-1000.tif");
        MakeMovie(tif, "--frames", "1000");
        using TiffFrameSource source = TiffFrameSource.Open(tif);
        PhotonTransferEstimator.Estimate(source); // JIT and page cache warm-up
        var known = new ConversionOptions { Gain = TrueGain, ZeroLevel = TrueZero, ReadNoise = TrueReadNoise, Overwrite = true };
        PhotonConverter.Convert(source, temp.File("warm.zarr"), known);

        double estimate = double.MaxValue, convert = double.MaxValue;
        PhotonTransferEstimate e = null!;
        for (int rep = 0; rep < 2; rep++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            e = PhotonTransferEstimator.Estimate(source);
            estimate = Math.Min(estimate, clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            ConversionSummary summary = PhotonConverter.Convert(source, temp.File("known.zarr"), known);
            convert = Math.Min(convert, clock.Elapsed.TotalMilliseconds);
            Assert.Equal(1000, summary.Frames);
        }
        _output.WriteLine($"1000×256×256 uint16: estimation {estimate:F0} ms ({e.FramesUsed} frames read), conversion with known parameters {convert:F0} ms: estimation = {estimate / convert:P1} of the conversion (best of 2)");
        Assert.Equal(220, e.FramesUsed);
        Assert.InRange(e.Gain, TrueGain * 0.97, TrueGain * 1.03);
    }

    private static void MakeMovie(string tif, params string[] options)
    {
        string script = RepoPaths.MakeMovie;
        Assert.True(File.Exists(script), $"Generator missing: {script}");
        Python.Run("""
import runpy, sys
script = sys.argv[1]
sys.argv = [script] + sys.argv[2:]
runpy.run_path(script, run_name="__main__")
""", [script, tif, .. options]);
    }
}
