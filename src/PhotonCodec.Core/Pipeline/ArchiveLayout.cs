using System.IO;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// The array layout PhotonCodec writes: frames × height × width, chunks of whole frames, Blosc zstd bitshuffle.
/// v2: one Blosc chunk file per chunk. v3: one shard per chunk, inner chunks of <c>innerChunkFrames</c> frames
/// (bytes little-endian, then the same Blosc), the index checked by crc32c at the end of the shard.
/// </summary>
internal static class ArchiveLayout
{
    public static ZarrArrayMetadata Metadata(IFrameSource source, PixelType storedType, int chunkFrames, int compressionLevel,
        ArchiveFormat format = ArchiveFormat.ZarrV2, int innerChunkFrames = 1, DecodeLutFilter? decodeFilter = null,
        ArchiveProfile profile = ArchiveProfile.Default)
    {
        var shape = new long[] { source.FrameCount, source.Height, source.Width };
        var chunks = new[] { chunkFrames, source.Height, source.Width };
        if (profile == ArchiveProfile.Max) return MaxMetadata(source, storedType, format, shape, chunks, innerChunkFrames, decodeFilter);
        if (format == ArchiveFormat.ZarrV2)
        {
            return new ZarrArrayMetadata
            {
                Shape = shape, Chunks = chunks, DType = storedType, FillValue = JsonValue.Create(0),
                Compressor = new ZarrCompressor("zstd", compressionLevel, BloscShuffle.Bit, 0), DecodeFilter = decodeFilter,
            };
        }
        var blosc = new BloscChunkCodec("zstd", compressionLevel, BloscShuffle.Bit, storedType.Size(), 0);
        return new ZarrArrayMetadata
        {
            ZarrFormat = 3, Shape = shape, Chunks = chunks, DType = storedType, FillValue = JsonValue.Create(0),
            Codecs = new CodecChain(ShardingCodec.Create(new[] { innerChunkFrames, source.Height, source.Width }, blosc)),
            DimensionNames = new[] { "t", "y", "x" }, DecodeFilter = decodeFilter,
        };
    }

    /// <summary>
    /// zstd levels the Max profile tries per chunk (cheapest first). Measured on residuals: 13–15 gain &lt; 0.1 % over 9
    /// and 19 about 1.7 % at ~30× the time, so the encode would fall far below half the default's speed.
    /// </summary>
    internal static readonly int[] MaxZstdLevels = { 3, 9 };

    /// <summary>
    /// The Max profile: photoncodec.predict, then bytes and the adaptive Blosc, over each v2 chunk or each v3 inner
    /// chunk (by default the whole shard: a one-frame inner chunk has no other frame to predict from).
    /// </summary>
    private static ZarrArrayMetadata MaxMetadata(IFrameSource source, PixelType storedType, ArchiveFormat format, long[] shape, int[] chunks,
        int innerChunkFrames, DecodeLutFilter? decodeFilter)
    {
        var blosc = new AdaptiveBloscCodec(format == ArchiveFormat.ZarrV2 ? null : storedType.Size(), MaxZstdLevels);
        var chain = new CodecChain(new ArrayToArrayCodec[] { new TemporalPredictionCodec(storedType) }, new BytesCodec(), new BytesToBytesCodec[] { blosc });
        if (format == ArchiveFormat.ZarrV2)
        {
            return new ZarrArrayMetadata
            {
                Shape = shape, Chunks = chunks, DType = storedType, FillValue = JsonValue.Create(0),
                Compressor = new ZarrCompressor("zstd", AdaptiveBloscCodec.BlockClevel, BloscShuffle.Bit, 0), Codecs = chain, DecodeFilter = decodeFilter,
            };
        }
        var sharding = new ShardingCodec(new[] { innerChunkFrames, source.Height, source.Width }, chain, new CodecChain(new BytesCodec(), new Crc32cCodec()));
        return new ZarrArrayMetadata
        {
            ZarrFormat = 3, Shape = shape, Chunks = chunks, DType = storedType, FillValue = JsonValue.Create(0),
            Codecs = new CodecChain(sharding), DimensionNames = new[] { "t", "y", "x" }, DecodeFilter = decodeFilter,
        };
    }

    /// <summary>.zattrs: the photon codec's description (and the seed's flat keys) plus the source's provenance.</summary>
    public static JsonObject Attributes(EncodingPlan plan, IFrameSource source)
    {
        JsonObject attrs = PhotonAttributes.Build(plan.Description);
        if (plan.Estimate is { } e && attrs[PhotonAttributes.PhotonKey] is JsonObject photon)
        {
            // How the parameters were obtained, so an archive says whether they were typed in or measured.
            photon["estimate"] = JsonValues.From(new System.Collections.Generic.Dictionary<string, object?>
            {
                ["method"] = e.Method,
                ["gain"] = e.Gain,
                ["gain_std_error"] = e.GainStdError,
                ["gain_halves"] = e.GainHalves,
                ["gain_halves_std_error"] = e.GainHalvesStdError,
                ["zero_level"] = e.ZeroLevel,
                ["read_noise"] = e.ReadNoise,
                ["fit_r2"] = e.FitR2,
                ["frames_used"] = e.FramesUsed,
                ["warnings"] = e.Warnings,
            });
        }
        attrs["source"] = JsonValues.From(source.Metadata);
        return attrs;
    }

    public static long DirectorySize(string path)
    {
        long total = 0;
        foreach (FileInfo f in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories)) total += f.Length;
        return total;
    }
}
