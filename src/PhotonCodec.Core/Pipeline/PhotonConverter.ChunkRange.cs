using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Pipeline.Migration;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

public static partial class PhotonConverter
{
    /// <summary>
    /// Writes only chunks <paramref name="firstChunk"/> … <paramref name="firstChunk"/> + <paramref name="chunkCount"/> − 1 of
    /// the archive <see cref="Convert"/> would write for <paramref name="source"/> at <paramref name="destination"/>, into the shared staging folder
    /// <paramref name="folder"/> (one part of a movie split across tasks; the chunk files are byte-identical to Convert's).
    /// The transform is planned from the whole movie, so every part must be given the same photon parameters: Quantized and
    /// Float mode need Gain, ZeroLevel and ReadNoise given (estimated once, beforehand), never estimated per part.
    /// With <paramref name="writeMetadata"/> also writes the array's metadata (<see cref="WriteChunkRangeMetadata"/>).
    /// </summary>
    public static ChunkRangeSummary ConvertChunkRange(IFrameSource source, string destination, string folder, string tmpFolder, ConversionOptions options,
        long firstChunk, long chunkCount, bool writeMetadata, IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        options.Validate();
        if (options.Mode != CodecMode.Lossless && (options.Gain is null || options.ZeroLevel is null || options.ReadNoise is null))
            throw new ArgumentException($"A part of '{source.Description}' needs Gain, ZeroLevel and ReadNoise given: estimated per part they could differ between parts of one archive.", nameof(options));
        var clock = Stopwatch.StartNew();
        int chunkFrames = options.EffectiveChunkFrames(source.FrameCount);
        long chunks = (source.FrameCount + chunkFrames - 1) / chunkFrames;
        if (firstChunk < 0 || chunkCount < 1 || firstChunk + chunkCount > chunks)
            throw new ArgumentOutOfRangeException(nameof(chunkCount), $"Chunks {firstChunk}–{firstChunk + chunkCount - 1} are outside the {chunks} chunks of '{source.Description}'.");

        EncodingPlan plan = EncodingPlanner.Plan(source, options, progress, cancellationToken);
        ZarrChunkRangeWriter writer = ChunkRangeWriter(source, folder, tmpFolder, options, plan);
        int first = checked((int)(firstChunk * chunkFrames));
        int frames = (int)Math.Min((long)chunkCount * chunkFrames, source.FrameCount - first);
        ChunkedFramePump.Run(new FrameRangeSource(source, first, frames), chunkFrames, plan.Transform, options.EffectiveThreads,
            (in ChunkWork work) => writer.WriteChunk(new[] { firstChunk + work.ChunkIndex, 0L, 0L }, work.Stored),
            progress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (writeMetadata) WriteMetadata(writer, source, options, plan, destination);
        return new ChunkRangeSummary(source.Description, firstChunk, chunkCount, (long)frames * source.FrameBytes, writer.StoredBytes, clock.Elapsed.TotalSeconds,
            new System.Collections.Generic.Dictionary<string, uint>(writer.Checksums.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal));
    }

    /// <summary>Writes only the metadata (.zarray/.zattrs or zarr.json, and the OME-Zarr group documents) of the archive of <paramref name="source"/> into <paramref name="folder"/>.</summary>
    public static void WriteChunkRangeMetadata(IFrameSource source, string destination, string folder, string tmpFolder, ConversionOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        options.Validate();
        EncodingPlan plan = EncodingPlanner.Plan(source, options, progress, cancellationToken);
        WriteMetadata(ChunkRangeWriter(source, folder, tmpFolder, options, plan), source, options, plan, destination);
    }

    private static ZarrChunkRangeWriter ChunkRangeWriter(IFrameSource source, string folder, string tmpFolder, ConversionOptions options, EncodingPlan plan)
    {
        int chunkFrames = options.EffectiveChunkFrames(source.FrameCount);
        PhotonCodecDescription d = plan.Description;
        DecodeLutFilter? decodeFilter = options.DecodeFilter && d.DecodeLut is { } lut ? new DecodeLutFilter(lut, d.OriginalType, d.StoredType) : null;
        var metadata = ArchiveLayout.Metadata(source, plan.Transform.StoredType, chunkFrames, options.CompressionLevel,
            options.Format, options.Format == ArchiveFormat.ZarrV3 ? options.EffectiveInnerChunkFrames(chunkFrames) : 1, decodeFilter);
        return new ZarrChunkRangeWriter(folder, tmpFolder, metadata, options.Layout == ArchiveStructure.OmeZarr ? OmeZarrGroup.DatasetPath : "");
    }

    /// <param name="destination">the final destination, whose name the OME-Zarr group takes (not the staging folder's)</param>
    private static void WriteMetadata(ZarrChunkRangeWriter writer, IFrameSource source, ConversionOptions options, EncodingPlan plan, string destination)
    {
        JsonObject attributes = ArchiveLayout.Attributes(plan, source);
        (string Key, string Json)[] group = options.Layout == ArchiveStructure.OmeZarr
            ? OmeScale.Resolve(options, source.Metadata).Documents(writer.Metadata.ZarrFormat, Path.GetFileNameWithoutExtension(destination), attributes)
            : Array.Empty<(string, string)>();
        writer.WriteMetadata(attributes);
        foreach (var (key, json) in group)
            writer.WriteGroupDocument(key, json);
    }
}

/// <summary>What one part of a split movie wrote; <see cref="Checksums"/>: the CRC-32C of each chunk file by key, for the fixity manifest.</summary>
public sealed record ChunkRangeSummary(string Source, long FirstChunk, long ChunkCount, long InputBytes, long StoredBytes, double Seconds,
    System.Collections.Generic.IReadOnlyDictionary<string, uint> Checksums);
