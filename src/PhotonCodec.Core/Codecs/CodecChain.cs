using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// An array's codecs in order, built once from its metadata: one array→bytes codec, then bytes→bytes codecs.
/// Encoding runs them forwards, decoding backwards, each over one chunk described by its <see cref="ChunkSpec"/>.
/// </summary>
public sealed class CodecChain
{
    public CodecChain(ArrayToBytesCodec arrayToBytes, params BytesToBytesCodec[] bytesToBytes)
    {
        ArrayToBytes = arrayToBytes ?? throw new ArgumentNullException(nameof(arrayToBytes));
        BytesToBytes = bytesToBytes;
    }

    public ArrayToBytesCodec ArrayToBytes { get; }
    public IReadOnlyList<BytesToBytesCodec> BytesToBytes { get; }

    /// <summary>The sharding codec when it is the whole chain, so one inner chunk can be read without the rest of its shard.</summary>
    public ShardingCodec? Sharding => BytesToBytes.Count == 0 ? ArrayToBytes as ShardingCodec : null;

    public byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec)
    {
        byte[] bytes = ArrayToBytes.Encode(chunk, spec);
        foreach (BytesToBytesCodec codec in BytesToBytes) bytes = codec.Encode(bytes, spec);
        return bytes;
    }

    public void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination)
    {
        if (BytesToBytes.Count == 0)
        {
            ArrayToBytes.Decode(encoded, spec, destination);
            return;
        }
        byte[] bytes = BytesToBytes[BytesToBytes.Count - 1].Decode(encoded, spec);
        for (int i = BytesToBytes.Count - 2; i >= 0; i--) bytes = BytesToBytes[i].Decode(bytes, spec);
        ArrayToBytes.Decode(bytes, spec, destination);
    }

    public JsonArray ToJson() => new(new[] { (JsonNode)ArrayToBytes.ToJson() }.Concat(BytesToBytes.Select(c => (JsonNode)c.ToJson())).ToArray());

    /// <summary>A v3 <c>codecs</c> array.</summary>
    /// <exception cref="CodecConfigurationException">an unknown codec, or codecs in an impossible order</exception>
    public static CodecChain FromJson(JsonArray codecs)
    {
        ArrayToBytesCodec? a2b = null;
        var b2b = new List<BytesToBytesCodec>();
        foreach (JsonNode? node in codecs)
        {
            ZarrCodec codec = CodecRegistry.Create(node);
            switch (codec)
            {
                case ArrayToBytesCodec a when a2b is null: a2b = a; break;
                case ArrayToBytesCodec: throw new CodecConfigurationException("A codec chain has more than one array→bytes codec.");
                case BytesToBytesCodec b when a2b is not null: b2b.Add(b); break;
                default: throw new CodecConfigurationException($"Codec '{codec.Name}' comes before the array→bytes codec.");
            }
        }
        return new CodecChain(a2b ?? throw new CodecConfigurationException("A codec chain needs an array→bytes codec (e.g. bytes)."), b2b.ToArray());
    }

    /// <summary>A v2 array's <c>filters</c> + <c>compressor</c> as the same chain: bytes in the dtype's order, then the compressor.</summary>
    public static CodecChain FromV2(JsonArray? filters, JsonObject? compressor, bool bigEndian)
    {
        if (filters is { Count: > 0 })
            throw new CodecConfigurationException($"filters {string.Join(", ", filters.Select(f => f?["id"]?.ToString() ?? "?"))} are not supported.");
        var bytes = new BytesCodec(bigEndian);
        return compressor is null ? new CodecChain(bytes) : new CodecChain(bytes, CodecRegistry.FromNumcodecs(compressor));
    }
}
