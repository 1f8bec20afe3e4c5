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
        var sample = new FrameSample(source);
        LevelScan.Result scan = LevelScan.Run(source, anyGiven, sample, options.EffectiveThreads, progress, cancellationToken);
        LevelHistogram histogram = scan.Histogram;
        var warnings = new List<string>();
        if (scan.Noise is { } noise && DeclaredNoiseCheck.Warning(noise, Clipped(type, histogram, scan.PixelMin!, scan.PixelMax!), parameters) is string warning)
            warnings.Add(warning);
        QuantizationTable table = BestAligned(type, parameters, histogram, sample, options.CompressionLevel, options.EffectiveThreads);
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

    /// <summary>Most code shifts tried by <see cref="BestAligned"/>.</summary>
    internal const int MaxLeadingCodes = 31;

    /// <summary>
    /// The table whose codes, shifted by 0–<see cref="MaxLeadingCodes"/> unused leading codes, compress smallest on a
    /// sample of frames. Bitshuffle stores each bit of the codes as a plane: where the frequent codes straddle a
    /// power of two (63 | 64) every plane flips, and one code of shift can change the ratio by 5 %. The shift never
    /// changes the code type and never any decoded value.
    /// </summary>
    private static QuantizationTable BestAligned(PixelType type, AnscombeParameters p, LevelHistogram histogram, FrameSample sample, int clevel, int threads)
    {
        QuantizationTable first = QuantizationTable.Build(type, p, histogram);
        if (sample.Frames == 0) return first;
        int limit = first.CodeType == PixelType.UInt8 ? 256 : 65536, codes = first.CodeCount;
        int shifts = Math.Max(0, Math.Min(MaxLeadingCodes, limit - codes));
        // The trials are independent: on every core, then the smallest (the fewest leading codes on a tie, as in order).
        var tables = new QuantizationTable[shifts + 1];
        var bytes = new long[shifts + 1];
        tables[0] = first;
        System.Threading.Tasks.Parallel.For(0, shifts + 1, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
        {
            QuantizationTable table = k == 0 ? first : QuantizationTable.Build(type, p, histogram, k);
            tables[k] = table;
            bytes[k] = sample.CompressedBytes(table, clevel);
        });
        int best = 0;
        for (int k = 1; k <= shifts; k++)
            if (bytes[k] < bytes[best]) best = k;
        return tables[best];
    }
}
