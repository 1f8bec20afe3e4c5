using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Converts a frame source into a Zarr v2 or v3 array in one of the three modes.</summary>
public static partial class PhotonConverter
{
    /// <summary>
    /// Writes <paramref name="source"/> to <paramref name="destination"/> (a .zarr folder). The array is built in a
    /// staging folder and moved into place only when complete: a failure or cancellation leaves nothing behind,
    /// and an existing destination is replaced only with <see cref="ConversionOptions.Overwrite"/> and only then.
    /// </summary>
    public static ConversionSummary Convert(IFrameSource source, string destination, ConversionOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        options.Validate();
        var clock = Stopwatch.StartNew();
        destination = Path.GetFullPath(destination);
        if (!options.Overwrite && (Directory.Exists(destination) || File.Exists(destination)))
            throw new ZarrDestinationExistsException(destination);

        EncodingPlan plan = EncodingPlanner.Plan(source, options, progress, cancellationToken);
        int chunkFrames = options.EffectiveChunkFrames(source.FrameCount);
        PhotonCodecDescription d = plan.Description;
        DecodeLutFilter? decodeFilter = options.DecodeFilter && d.DecodeLut is { } lut ? new DecodeLutFilter(lut, d.OriginalType, d.StoredType) : null;
        var metadata = ArchiveLayout.Metadata(source, plan.Transform.StoredType, chunkFrames, options.CompressionLevel,
            options.Format, options.Format == ArchiveFormat.ZarrV3 ? options.EffectiveInnerChunkFrames(chunkFrames) : 1, decodeFilter, options.Profile);

        long chunkBytes;
        bool ome = options.Layout == ArchiveStructure.OmeZarr;
        using (var writer = ZarrArrayWriter.Create(destination, metadata, options.Overwrite, ome ? OmeZarrGroup.DatasetPath : ""))
        {
            ChunkedFramePump.Run(source, chunkFrames, plan.Transform, options.EffectiveThreads,
                (in ChunkWork work) => writer.WriteChunk(new[] { work.ChunkIndex, 0L, 0L }, work.Stored),
                progress, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            writer.Attributes = ArchiveLayout.Attributes(plan, source);
            if (ome)
            {
                foreach (var (key, json) in OmeScale.Resolve(options, source.Metadata).Documents(metadata.ZarrFormat, Path.GetFileNameWithoutExtension(destination), writer.Attributes))
                    writer.WriteGroupDocument(key, json);
            }
            chunkBytes = writer.StoredBytes;
            writer.Commit();
        }

        return new ConversionSummary
        {
            Source = source.Description,
            Destination = destination,
            Mode = plan.Mode,
            Frames = source.FrameCount,
            Height = source.Height,
            Width = source.Width,
            PixelType = source.PixelType,
            StoredType = plan.Transform.StoredType,
            InputBytes = (long)source.FrameBytes * source.FrameCount,
            ChunkBytes = chunkBytes,
            StoredBytes = ArchiveLayout.DirectorySize(destination),
            Parameters = plan.Parameters,
            Estimate = plan.Estimate,
            Warnings = plan.Warnings,
            Seconds = clock.Elapsed.TotalSeconds,
            EstimationSeconds = plan.EstimationSeconds,
        };
    }

    /// <summary>
    /// Compresses <paramref name="source"/> in memory (nothing written) and measures what it would store, the
    /// order-0 entropy of the stored values and, after decoding, the error against the original.
    /// </summary>
    public static CompressionMeasurement Measure(IFrameSource source, ConversionOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        options.Validate();
        var clock = Stopwatch.StartNew();
        EncodingPlan plan = EncodingPlanner.Plan(source, options, progress, cancellationToken);
        int chunkFrames = options.EffectiveChunkFrames(source.FrameCount);
        int framePixels = source.Height * source.Width;
        var stats = new RoundTripStatistics(source.PixelType, plan.Parameters);
        var entropy = new ValueHistogram(plan.Transform.StoredType);
        long chunkBytes = 0;
        int storedSize = plan.Transform.StoredType.Size();
        int originalSize = source.PixelType.Size();
        object gate = new();
        // The archive's own codec chain, so what is measured is what Convert would store.
        var metadata = ArchiveLayout.Metadata(source, plan.Transform.StoredType, chunkFrames, options.CompressionLevel,
            options.Format, options.Format == ArchiveFormat.ZarrV3 ? options.EffectiveInnerChunkFrames(chunkFrames) : 1, profile: options.Profile);
        ChunkSpec spec = metadata.ChunkSpec;

        ChunkedFramePump.Run(source, chunkFrames, plan.Transform, options.EffectiveThreads, (in ChunkWork work) =>
        {
            byte[] compressed = metadata.Codecs.Encode(work.Stored, spec);
            var stored = new byte[spec.Bytes];
            metadata.Codecs.Decode(compressed, spec, stored);
            int realPixels = work.Frames * framePixels;
            var decoded = new byte[realPixels * originalSize];
            plan.Transform.Decode(stored.AsSpan(0, realPixels * storedSize), decoded);
            var chunkStats = new RoundTripStatistics(source.PixelType, plan.Parameters);
            chunkStats.Add(work.Raw.Slice(0, realPixels * originalSize), decoded, work.FirstFrame, framePixels);
            var chunkEntropy = new ValueHistogram(plan.Transform.StoredType);
            chunkEntropy.Add(work.Stored.Slice(0, realPixels * storedSize));
            lock (gate)
            {
                chunkBytes += compressed.Length;
                stats.Merge(chunkStats);
                entropy.Merge(chunkEntropy);
            }
        }, progress, cancellationToken);

        long pixels = (long)framePixels * source.FrameCount;
        return new CompressionMeasurement
        {
            Source = source.Description,
            Mode = plan.Mode,
            PixelType = source.PixelType,
            StoredType = plan.Transform.StoredType,
            Frames = source.FrameCount,
            InputBytes = pixels * originalSize,
            StoredBytes = chunkBytes,
            EntropyBitsPerPixel = entropy.EntropyBits(),
            Pixels = pixels,
            Errors = stats,
            Parameters = plan.Parameters,
            Estimate = plan.Estimate,
            Warnings = plan.Warnings,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }
}
