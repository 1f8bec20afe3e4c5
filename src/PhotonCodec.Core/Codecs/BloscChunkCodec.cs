using System;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The <c>blosc</c> bytes→bytes codec over c-blosc 1.x frames (<see cref="BloscCodec"/>), as zarr-python and zarrs
/// configure it (https://zarr-specs.readthedocs.io/en/latest/v3/codecs/blosc/index.html). Example:
/// <c>{"name":"blosc","configuration":{"cname":"zstd","clevel":5,"shuffle":"bitshuffle","typesize":2,"blocksize":0}}</c>.
/// v2's numcodecs <c>{"id":"blosc",...}</c> maps onto the same codec (shuffle numbered 0/1/2, typesize from the dtype).
/// We write zstd; we read zstd, lz4, lz4hc and zlib frames.
/// </summary>
public sealed class BloscChunkCodec : BytesToBytesCodec
{
    public const string CodecName = "blosc";
    private static readonly string[] Readable = { "zstd", "lz4", "lz4hc", "zlib" };

    public BloscChunkCodec(string cname = "zstd", int clevel = 5, BloscShuffle shuffle = BloscShuffle.Bit, int? typeSize = null, int blockSize = 0)
    {
        if (Array.IndexOf(Readable, cname) < 0)
            throw new CodecConfigurationException($"Blosc compressor '{cname}' is not supported; PhotonCodec reads Blosc with {string.Join(", ", Readable)}.");
        CName = cname;
        CLevel = clevel;
        Shuffle = shuffle;
        TypeSize = typeSize;
        BlockSize = blockSize;
    }

    public string CName { get; }
    public int CLevel { get; }
    public BloscShuffle Shuffle { get; }

    /// <summary>Null: taken from each chunk's dtype (zarr-python's evolve_from_array_spec).</summary>
    public int? TypeSize { get; }

    public int BlockSize { get; }

    public override string Name => CodecName;

    public BloscChunkCodec WithTypeSize(int typeSize) => new(CName, CLevel, Shuffle, typeSize, BlockSize);

    public override JsonObject Configuration()
    {
        var o = new JsonObject
        {
            ["cname"] = CName,
            ["clevel"] = CLevel,
            ["shuffle"] = Shuffle switch { BloscShuffle.Bit => "bitshuffle", BloscShuffle.Byte => "shuffle", _ => "noshuffle" },
        };
        if (TypeSize is int t) o["typesize"] = t;
        o["blocksize"] = BlockSize;
        return o;
    }

    public static BloscChunkCodec FromConfiguration(JsonObject? c)
    {
        if (c is null) throw new CodecConfigurationException("The blosc codec needs a configuration (cname, clevel, shuffle).");
        string shuffleText = c["shuffle"]?.GetValue<string>() ?? "noshuffle";
        BloscShuffle shuffle = shuffleText switch
        {
            "noshuffle" => BloscShuffle.None,
            "shuffle" => BloscShuffle.Byte,
            "bitshuffle" => BloscShuffle.Bit,
            _ => throw new CodecConfigurationException($"Blosc shuffle '{shuffleText}' is not noshuffle, shuffle or bitshuffle."),
        };
        return new BloscChunkCodec(c["cname"]?.GetValue<string>() ?? "zstd", c["clevel"]?.GetValue<int>() ?? 5, shuffle,
            c["typesize"]?.GetValue<int>(), c["blocksize"]?.GetValue<int>() ?? 0);
    }

    /// <summary>numcodecs' Blosc configuration (.zarray <c>compressor</c>); its default cname is lz4.</summary>
    public static BloscChunkCodec FromNumcodecs(JsonObject c)
    {
        int shuffle = c["shuffle"]?.GetValue<int>() ?? 1;
        if (shuffle is < 0 or > 2)
            throw new CodecConfigurationException($"Blosc shuffle {shuffle} is not 0, 1 or 2 (numcodecs' AUTOSHUFFLE −1 is only for writers).");
        return new BloscChunkCodec(c["cname"]?.GetValue<string>() ?? "lz4", c["clevel"]?.GetValue<int>() ?? 5, (BloscShuffle)shuffle, null,
            c["blocksize"]?.GetValue<int>() ?? 0);
    }

    public override byte[] Encode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        if (CName != "zstd") throw new CodecConfigurationException($"PhotonCodec writes Blosc with zstd only, not '{CName}'.");
        return BloscCodec.Compress(input, TypeSize ?? spec.DType.Size(), CLevel, Shuffle, BlockSize);
    }

    /// <summary>As <see cref="Encode"/>, into <paramref name="destination"/> (at least BloscCodec.MaxCompressedSize of the input); the frame's length.</summary>
    public int EncodeInto(ReadOnlySpan<byte> input, ChunkSpec spec, Span<byte> destination)
    {
        if (CName != "zstd") throw new CodecConfigurationException($"PhotonCodec writes Blosc with zstd only, not '{CName}'.");
        return BloscCodec.Compress(input, destination, TypeSize ?? spec.DType.Size(), CLevel, Shuffle, BlockSize);
    }

    public override byte[] Decode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        BloscHeader h = BloscCodec.ReadHeader(input);
        if (h.UncompressedSize > spec.Bytes)
            throw new BloscFormatException($"it decompresses to {h.UncompressedSize} bytes; a chunk is {spec.Bytes}");
        return BloscCodec.Decompress(input);
    }
}
