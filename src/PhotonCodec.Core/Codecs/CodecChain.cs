using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// An array's codecs in order, built once from its metadata: array→array codecs, one array→bytes codec, then
/// bytes→bytes codecs. Encoding runs them forwards, decoding backwards, each over one chunk described by its
/// <see cref="ChunkSpec"/> (as the array→array codecs change it).
/// </summary>
public sealed class CodecChain
{
    public CodecChain(ArrayToBytesCodec arrayToBytes, params BytesToBytesCodec[] bytesToBytes)
        : this(Array.Empty<ArrayToArrayCodec>(), arrayToBytes, bytesToBytes) { }

    public CodecChain(ArrayToArrayCodec[] arrayToArray, ArrayToBytesCodec arrayToBytes, BytesToBytesCodec[] bytesToBytes)
    {
        ArrayToArray = arrayToArray;
        ArrayToBytes = arrayToBytes ?? throw new ArgumentNullException(nameof(arrayToBytes));
        BytesToBytes = bytesToBytes;
    }

    public IReadOnlyList<ArrayToArrayCodec> ArrayToArray { get; }
    public ArrayToBytesCodec ArrayToBytes { get; }
    public IReadOnlyList<BytesToBytesCodec> BytesToBytes { get; }

    /// <summary>The sharding codec when it is the whole chain, so one inner chunk can be read without the rest of its shard.</summary>
    public ShardingCodec? Sharding => ArrayToArray.Count == 0 && BytesToBytes.Count == 0 ? ArrayToBytes as ShardingCodec : null;

    public byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec)
    {
        byte[]? array = null;
        foreach (ArrayToArrayCodec codec in ArrayToArray)
        {
            array = codec.Encode(array ?? chunk, spec);
            spec = codec.Resolve(spec);
        }
        ReadOnlySpan<byte> input = array ?? chunk;
        int next = 0;
        byte[] bytes;
        if (ArrayToBytes is BytesCodec { BigEndian: false } && BytesToBytes.Count > 0)
        {
            // Little-endian bytes are the chunk as it is: the first compressor reads it in place instead of a copy
            // of every chunk (a large-object allocation each, which made memory grow with the movie's length).
            bytes = BytesToBytes[0].Encode(input.Slice(0, spec.Bytes), spec);
            next = 1;
        }
        else
        {
            bytes = ArrayToBytes.Encode(input, spec);
        }
        for (int i = next; i < BytesToBytes.Count; i++) bytes = BytesToBytes[i].Encode(bytes, spec);
        return bytes;
    }

    /// <summary>
    /// A v2 array's usual chain (little-endian bytes, then Blosc) encodes into a buffer rented from the shared pool,
    /// which the caller returns: a long movie then leaves no chunk-sized garbage per chunk. Null for other chains.
    /// </summary>
    public byte[]? EncodeRented(ReadOnlySpan<byte> chunk, ChunkSpec spec, out int length)
    {
        length = 0;
        if (ArrayToArray.Count != 0 || ArrayToBytes is not BytesCodec { BigEndian: false } || BytesToBytes.Count != 1
            || BytesToBytes[0] is not BloscChunkCodec { CName: "zstd" } blosc)
            return null;
        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(BloscCodec.MaxCompressedSize(spec.Bytes));
        try
        {
            length = blosc.EncodeInto(chunk.Slice(0, spec.Bytes), spec, rented);
            return rented;
        }
        catch
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            throw;
        }
    }

    public void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination)
    {
        if (ArrayToArray.Count == 0 && BytesToBytes.Count == 0)
        {
            ArrayToBytes.Decode(encoded, spec, destination);
            return;
        }
        // The spec each array→array codec sees, outermost first.
        var specs = new ChunkSpec[ArrayToArray.Count + 1];
        specs[0] = spec;
        for (int i = 0; i < ArrayToArray.Count; i++) specs[i + 1] = ArrayToArray[i].Resolve(specs[i]);
        ChunkSpec inner = specs[specs.Length - 1];
        byte[] bytes = encoded.ToArray();
        for (int i = BytesToBytes.Count - 1; i >= 0; i--) bytes = BytesToBytes[i].Decode(bytes, inner);
        if (ArrayToArray.Count == 0)
        {
            ArrayToBytes.Decode(bytes, spec, destination);
            return;
        }
        var array = new byte[inner.Bytes];
        ArrayToBytes.Decode(bytes, inner, array);
        for (int i = ArrayToArray.Count - 1; i >= 0; i--)
        {
            var outer = new byte[specs[i].Bytes];
            ArrayToArray[i].Decode(array, specs[i], outer);
            array = outer;
        }
        array.CopyTo(destination);
    }

    public JsonArray ToJson() => new(ArrayToArray.Select(c => (JsonNode)c.ToJson())
        .Concat(new[] { (JsonNode)ArrayToBytes.ToJson() }).Concat(BytesToBytes.Select(c => (JsonNode)c.ToJson())).ToArray());

    /// <summary>A v3 <c>codecs</c> array.</summary>
    /// <exception cref="CodecConfigurationException">an unknown codec, or codecs in an impossible order</exception>
    public static CodecChain FromJson(JsonArray codecs)
    {
        var a2a = new List<ArrayToArrayCodec>();
        ArrayToBytesCodec? a2b = null;
        var b2b = new List<BytesToBytesCodec>();
        foreach (JsonNode? node in codecs)
        {
            ZarrCodec codec = CodecRegistry.Create(node);
            switch (codec)
            {
                case ArrayToArrayCodec t when a2b is null: a2a.Add(t); break;
                case ArrayToArrayCodec: throw new CodecConfigurationException($"Array→array codec '{codec.Name}' comes after the array→bytes codec.");
                case ArrayToBytesCodec a when a2b is null: a2b = a; break;
                case ArrayToBytesCodec: throw new CodecConfigurationException("A codec chain has more than one array→bytes codec.");
                case BytesToBytesCodec b when a2b is not null: b2b.Add(b); break;
                default: throw new CodecConfigurationException($"Codec '{codec.Name}' comes before the array→bytes codec.");
            }
        }
        return new CodecChain(a2a.ToArray(), a2b ?? throw new CodecConfigurationException("A codec chain needs an array→bytes codec (e.g. bytes)."), b2b.ToArray());
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
