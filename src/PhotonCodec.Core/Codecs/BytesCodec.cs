using System;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The <c>bytes</c> array→bytes codec: the chunk's elements in C order with the given byte order
/// (https://zarr-specs.readthedocs.io/en/latest/v3/codecs/bytes/index.html). Example: <c>{"name":"bytes","configuration":{"endian":"little"}}</c>.
/// </summary>
public sealed class BytesCodec : ArrayToBytesCodec
{
    public const string CodecName = "bytes";

    public BytesCodec(bool bigEndian = false) => BigEndian = bigEndian;

    public bool BigEndian { get; }

    public override string Name => CodecName;

    public override JsonObject Configuration() => new() { ["endian"] = BigEndian ? "big" : "little" };

    public static BytesCodec FromConfiguration(JsonObject? c)
    {
        string endian = c?["endian"]?.GetValue<string>() ?? "little";
        return endian switch
        {
            "little" => new BytesCodec(false),
            "big" => new BytesCodec(true),
            _ => throw new CodecConfigurationException($"bytes codec endian '{endian}' is neither \"little\" nor \"big\"."),
        };
    }

    public override byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec)
    {
        byte[] result = chunk.Slice(0, spec.Bytes).ToArray();
        if (BigEndian) ByteOrder.SwapInPlace(result, spec.DType.Size());
        return result;
    }

    public override void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination)
    {
        if (encoded.Length != spec.Bytes)
            throw new CorruptChunkException($"a {string.Join("×", spec.Shape)} {spec.DType.NumpyName()} chunk is {spec.Bytes} bytes; got {encoded.Length}.");
        Span<byte> target = destination.Slice(0, spec.Bytes);
        encoded.CopyTo(target);
        if (BigEndian) ByteOrder.SwapInPlace(target, spec.DType.Size());
    }
}
