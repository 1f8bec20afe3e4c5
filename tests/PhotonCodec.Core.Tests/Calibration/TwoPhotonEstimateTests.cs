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
/// a dim background everywhere — no zero-photon pixels — and cells with calcium transients that change between frames).
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
        Assert.Null(e.DarkPeakLevel);
        Assert.Contains(e.Warnings, w => w.Contains("No zero-photon pixels"));

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

    private static void MakeMovie(string tif)
    {
        string script = Path.GetFullPath(Path.Combine(RealMovies.DataFolder(), "..", "tools", "make_movie.py"));
        Assert.True(File.Exists(script), $"Generator missing: {script}");
        Python.Run("""
import runpy, sys
script = sys.argv[1]
sys.argv = [script] + sys.argv[2:]
runpy.run_path(script, run_name="__main__")
""", script, tif);
    }
}
