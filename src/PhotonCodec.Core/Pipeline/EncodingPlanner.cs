using System;
using System.Collections.Generic;
using System.Threading;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Decides a mode's transform before any chunk is written: photon parameters (given, or estimated from the
/// movie's photon transfer), and for Quantized mode a scan of every level present, from which the code table
/// and its count-weighted decode table are built.
/// </summary>
internal static class EncodingPlanner
{
    public static EncodingPlan Plan(IFrameSource source, ConversionOptions options,
        IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        PixelType type = source.PixelType;
        if (options.Mode == CodecMode.Lossless)
            return new EncodingPlan(CodecMode.Lossless, new LosslessTransform(type), PhotonCodecDescription.ForLossless(type), null, null);

        if (!type.IsInteger() || type.Size() > 4)
            throw new PhotonInputException(
                $"{options.Mode} mode stores photon counts and needs 8-, 16- or 32-bit integer pixels; '{source.Description}' has {type.NumpyName()}. Use -Mode Lossless.");

        var estimationClock = System.Diagnostics.Stopwatch.StartNew();
        (AnscombeParameters parameters, PhotonTransferEstimate? estimate) = ResolveParameters(source, options, progress, cancellationToken);
        double estimationSeconds = estimate is null ? 0 : estimationClock.Elapsed.TotalSeconds;
        if (options.Mode == CodecMode.Float)
        {
            var codec = new FloatAnscombeCodec(type, parameters, options.FloatType);
            return new EncodingPlan(CodecMode.Float, new FloatTransform(codec), PhotonCodecDescription.ForFloat(codec), parameters, estimate)
                { EstimationSeconds = estimationSeconds };
        }

        bool anyGiven = options.Gain is not null || options.ZeroLevel is not null || options.ReadNoise is not null;
        var noise = anyGiven ? new PixelTemporalNoise(source.Height * source.Width) : null;
        var sample = new FrameSample(source);
        LevelHistogram histogram = Scan(source, noise, sample, out double[]? pixelMin, out double[]? pixelMax, progress, cancellationToken);
        var warnings = new List<string>();
        if (noise is not null && DeclaredNoiseCheck.Warning(noise, Clipped(type, histogram, pixelMin!, pixelMax!), parameters) is string warning)
            warnings.Add(warning);
        QuantizationTable table = BestAligned(type, parameters, histogram, sample, options.CompressionLevel);
        return new EncodingPlan(CodecMode.Quantized, new QuantizedTransform(table),
            PhotonCodecDescription.ForQuantized(table), parameters, estimate, warnings) { EstimationSeconds = estimationSeconds };
    }

    /// <summary>Pixels that touch the dtype's ends, or 0 when the movie's lowest level is 0 (an offset subtracted and clipped).</summary>
    private static bool[] Clipped(PixelType type, LevelHistogram histogram, double[] pixelMin, double[] pixelMax)
    {
        double low = histogram.Min == 0 || histogram.Min == type.MinValue() ? histogram.Min : double.NegativeInfinity;
        double high = type.MaxValue();
        var clipped = new bool[pixelMin.Length];
        for (int i = 0; i < clipped.Length; i++) clipped[i] = pixelMin[i] <= low || pixelMax[i] >= high;
        return clipped;
    }

    /// <summary>Given parameters win; the missing ones come from the movie's photon transfer.</summary>
    private static (AnscombeParameters, PhotonTransferEstimate?) ResolveParameters(IFrameSource source, ConversionOptions o,
        IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        PhotonTransferEstimate? estimate = null;
        if (o.Gain is null || o.ZeroLevel is null || o.ReadNoise is null)
        {
            try
            {
                estimate = PhotonTransferEstimator.Estimate(source, o.EstimationPairs, cancellationToken,
                    progress is null ? null : new FractionProgress(progress, "Estimating photon transfer", source.FrameCount));
            }
            catch (PhotonTransferException ex)
            {
                throw new PhotonTransferException(
                    $"{ex.Message} The photon parameters of '{source.Description}' cannot be measured from it: give -Gain, -ZeroLevel and -ReadNoise, or use -Mode Lossless.");
            }
        }
        double gain = o.Gain ?? estimate!.Gain;
        if (!(gain >= AnscombeParameters.MinGain && gain <= AnscombeParameters.MaxGain))
            throw new PhotonTransferException(
                $"The gain measured from '{source.Description}' is {gain:G4} levels per photon, outside {AnscombeParameters.MinGain}–{AnscombeParameters.MaxGain}: this does not look like photon-counting data. Give -Gain, -ZeroLevel and -ReadNoise, or use -Mode Lossless.");
        var parameters = new AnscombeParameters(gain, o.ZeroLevel ?? estimate!.ZeroLevel, o.ReadNoise ?? estimate!.ReadNoise, o.Beta,
            o.Mode == CodecMode.Float ? StabilizingTransform.Anscombe : o.Transform);
        parameters.Validate();
        return (parameters, estimate);
    }

    /// <summary>Every level's count; with <paramref name="noise"/>, also each pixel's temporal noise and range.</summary>
    /// <summary>Most code shifts tried by <see cref="BestAligned"/>.</summary>
    internal const int MaxLeadingCodes = 31;

    /// <summary>
    /// The table whose codes, shifted by 0–<see cref="MaxLeadingCodes"/> unused leading codes, compress smallest on a
    /// sample of frames. Bitshuffle stores each bit of the codes as a plane: where the frequent codes straddle a
    /// power of two (63 | 64) every plane flips, and one code of shift can change the ratio by 5 %. The shift never
    /// changes the code type and never any decoded value.
    /// </summary>
    private static QuantizationTable BestAligned(PixelType type, AnscombeParameters p, LevelHistogram histogram, FrameSample sample, int clevel)
    {
        QuantizationTable best = QuantizationTable.Build(type, p, histogram);
        if (sample.Frames == 0) return best;
        long bestBytes = sample.CompressedBytes(best, clevel);
        int limit = best.CodeType == PixelType.UInt8 ? 256 : 65536, codes = best.CodeCount;
        for (int k = 1; k <= MaxLeadingCodes && codes + k <= limit; k++)
        {
            QuantizationTable shifted = QuantizationTable.Build(type, p, histogram, k);
            long bytes = sample.CompressedBytes(shifted, clevel);
            if (bytes < bestBytes) (best, bestBytes) = (shifted, bytes);
        }
        return best;
    }

    private static LevelHistogram Scan(IFrameSource source, PixelTemporalNoise? noise, FrameSample sample, out double[]? pixelMin, out double[]? pixelMax,
        IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        var histogram = new LevelHistogram(source.PixelType);
        var frame = new byte[source.FrameBytes];
        int pixels = source.Height * source.Width;
        double[]? values = noise is null ? null : new double[pixels];
        pixelMin = noise is null ? null : new double[pixels];
        pixelMax = noise is null ? null : new double[pixels];
        if (pixelMin is not null) { pixelMin.AsSpan().Fill(double.PositiveInfinity); pixelMax.AsSpan().Fill(double.NegativeInfinity); }
        for (int i = 0; i < source.FrameCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            source.ReadFrame(i, frame);
            histogram.Add(frame);
            sample.Offer(i, frame);
            if (noise is not null)
            {
                PixelConvert.ToDoubles(frame, source.PixelType, values);
                noise.AddFrame(i, values);
                for (int k = 0; k < pixels; k++)
                {
                    if (values![k] < pixelMin![k]) pixelMin[k] = values[k];
                    if (values[k] > pixelMax![k]) pixelMax[k] = values[k];
                }
            }
            progress?.Report(new ConversionProgress("Scanning levels", i + 1, source.FrameCount));
        }
        return histogram;
    }
}
