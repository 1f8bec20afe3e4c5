using System;
using System.Text.Json.Nodes;
using ZstdSharp;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The <c>zstd</c> bytes→bytes codec: one zstd frame (https://github.com/zarr-developers/zarr-extensions/tree/main/codecs/zstd,
/// <c>{"name":"zstd","configuration":{"level":0,"checksum":false}}</c>); numcodecs' v2 <c>zstd</c> compressor is the same frame.
/// </summary>
public sealed class ZstdChunkCodec : BytesToBytesCodec
{
    public const string CodecName = "zstd";

    public ZstdChunkCodec(int level = 0, bool checksum = false)
    {
        Level = level;
        Checksum = checksum;
    }

    public int Level { get; }
    public bool Checksum { get; }

    public override string Name => CodecName;

    public override JsonObject Configuration() => new() { ["level"] = Level, ["checksum"] = Checksum };

    public static ZstdChunkCodec FromConfiguration(JsonObject? c) =>
        new(c?["level"]?.GetValue<int>() ?? 0, c?["checksum"]?.GetValue<bool>() ?? false);

    public override byte[] Encode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        using var compressor = new Compressor(Level == 0 ? 3 : Level);
        if (Checksum) compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        return compressor.Wrap(input).ToArray();
    }

    public override byte[] Decode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        using var decompressor = new Decompressor();
        try
        {
            ulong size = Decompressor.GetDecompressedSize(input);
            if (size > (ulong)spec.Bytes)
                throw new CorruptChunkException($"zstd frame claims {size} bytes; the chunk is {spec.Bytes}.");
            return decompressor.Unwrap(input, spec.Bytes).ToArray();
        }
        catch (ZstdException ex)
        {
            throw new CorruptChunkException($"zstd data is corrupt ({ex.Message}).", ex);
        }
    }
}
