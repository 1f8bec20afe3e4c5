using System;
using System.Threading;
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
            return new EncodingPlan(CodecMode.Lossless, new LosslessTransform(type), PhotonCodecDescription.ForLossless(type), null);

        if (!type.IsInteger() || type.Size() > 4)
            throw new PhotonInputException(
                $"{options.Mode} mode stores photon counts and needs 8-, 16- or 32-bit integer pixels; '{source.Description}' has {type.NumpyName()}. Use -Mode Lossless.");

        AnscombeParameters parameters = ResolveParameters(source, options, progress, cancellationToken);
        if (options.Mode == CodecMode.Float)
        {
            var codec = new FloatAnscombeCodec(type, parameters, options.FloatType);
            return new EncodingPlan(CodecMode.Float, new FloatTransform(codec), PhotonCodecDescription.ForFloat(codec), parameters);
        }

        LevelHistogram histogram = Scan(source, progress, cancellationToken);
        QuantizationTable table = QuantizationTable.Build(type, parameters, histogram);
        return new EncodingPlan(CodecMode.Quantized, new QuantizedTransform(table),
            PhotonCodecDescription.ForQuantized(table), parameters);
    }

    private static AnscombeParameters ResolveParameters(IFrameSource source, ConversionOptions o,
        IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        var missing = new System.Collections.Generic.List<string>();
        if (o.Gain is null) missing.Add("-Gain (levels per photon)");
        if (o.ZeroLevel is null) missing.Add("-ZeroLevel (the level with no light)");
        if (o.ReadNoise is null) missing.Add("-ReadNoise (read-noise std in levels)");
        if (missing.Count > 0)
            throw new PhotonParametersRequiredException(
                $"{o.Mode} mode needs the detector's photon parameters for '{source.Description}'; give {string.Join(", ", missing)}, or use -Mode Lossless.");
        var parameters = new AnscombeParameters(o.Gain!.Value, o.ZeroLevel!.Value, o.ReadNoise!.Value, o.Beta);
        parameters.Validate();
        return parameters;
    }

    private static LevelHistogram Scan(IFrameSource source, IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        var histogram = new LevelHistogram(source.PixelType);
        var frame = new byte[source.FrameBytes];
        for (int i = 0; i < source.FrameCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            source.ReadFrame(i, frame);
            histogram.Add(frame);
            progress?.Report(new ConversionProgress("Scanning levels", i + 1, source.FrameCount));
        }
        return histogram;
    }
}
