using System;
using System.Buffers;
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
        if (ArrayToArray.Count > 0 && PlainBlosc is not null && AllElementwise && TryDecodeBlockwise(encoded, spec, destination)) return;
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

    /// <summary>This chain led by <paramref name="codec"/> (the photon decode, prepended at read time).</summary>
    public CodecChain Prepend(ArrayToArrayCodec codec) =>
        new(new[] { codec }.Concat(ArrayToArray).ToArray(), ArrayToBytes, BytesToBytes.ToArray());

    /// <summary>This chain without its leading element-wise codecs: what the chunks store.</summary>
    public CodecChain WithoutElementwise() => new(ArrayToArray.SkipWhile(c => c is ElementwiseCodec).ToArray(), ArrayToBytes, BytesToBytes.ToArray());

    /// <summary>Every array→array codec maps elements on their own, so any run of a chunk's elements decodes alone.</summary>
    public bool AllElementwise => ArrayToArray.All(c => c is ElementwiseCodec);

    /// <summary>The dtype a chunk decodes to when the chunks store <paramref name="stored"/> (the leading codec's, if element-wise).</summary>
    public PixelType DecodedType(PixelType stored) => ArrayToArray.Count > 0 && ArrayToArray[0] is ElementwiseCodec e ? e.DecodedType : stored;

    /// <summary>The Blosc codec when the chain below its array→array codecs is little-endian bytes + Blosc (then blocks decode alone).</summary>
    private BloscChunkCodec? PlainBlosc => ArrayToBytes is BytesCodec b && BytesToBytes.Count == 1 && BytesToBytes[0] is BloscChunkCodec blosc && !b.BigEndian ? blosc : null;

    /// <summary>
    /// True when <see cref="DecodeRange"/> can decode part of a chunk reading only what it needs: element-wise
    /// array→array codecs over uncompressed little-endian bytes or over one Blosc codec.
    /// </summary>
    public bool CanDecodeRange => AllElementwise && ArrayToBytes is BytesCodec { BigEndian: false } && (BytesToBytes.Count == 0 || PlainBlosc is not null);

    /// <summary>
    /// Elements [<paramref name="first"/>, first + count) of a stored chunk, decoded (count = destination's elements), reading
    /// the stored bytes through <paramref name="read"/>: only the Blosc header, block table and the blocks holding them.
    /// </summary>
    public void DecodeRange(BloscRangeReader read, ChunkSpec spec, int first, int count, Span<byte> destination)
    {
        if (!CanDecodeRange) throw new InvalidOperationException("This codec chain cannot decode part of a chunk.");
        ChunkSpec inner = InnerSpec(spec);
        int size = inner.DType.Size();
        if (first < 0 || count < 0 || first + count > inner.Elements) throw new ArgumentOutOfRangeException(nameof(first));
        byte[] stored = ArrayPool<byte>.Shared.Rent(count * size);
        try
        {
            Span<byte> storedSpan = stored.AsSpan(0, count * size);
            if (BytesToBytes.Count == 0)
            {
                byte[] got = read((long)first * size, count * size);
                if (got.Length != count * size) throw new CorruptChunkException($"a {string.Join("×", inner.Shape)} {inner.DType.NumpyName()} chunk is {inner.Bytes} bytes; it ends early.");
                got.CopyTo(storedSpan);
            }
            else
            {
                BloscCodec.GetItems(read, first * size, storedSpan);
            }
            DecodeElements(storedSpan, destination.Slice(0, count * spec.DType.Size()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stored);
        }
    }

    /// <summary>Runs the (element-wise) array→array codecs backwards over stored elements.</summary>
    public void DecodeElements(ReadOnlySpan<byte> stored, Span<byte> destination)
    {
        if (ArrayToArray.Count == 0)
        {
            stored.CopyTo(destination);
            return;
        }
        if (ArrayToArray.Count == 1)
        {
            ((ElementwiseCodec)ArrayToArray[0]).DecodeElements(stored, destination);
            return;
        }
        byte[] current = stored.ToArray();
        for (int i = ArrayToArray.Count - 1; i >= 0; i--)
        {
            var codec = (ElementwiseCodec)ArrayToArray[i];
            int n = current.Length / codec.EncodedType.Size();
            var next = new byte[n * codec.DecodedType.Size()];
            codec.DecodeElements(current, next);
            current = next;
        }
        current.AsSpan().CopyTo(destination);
    }

    private ChunkSpec InnerSpec(ChunkSpec spec)
    {
        foreach (ArrayToArrayCodec codec in ArrayToArray) spec = codec.Resolve(spec);
        return spec;
    }

    // Each Blosc block runs through the element-wise codecs as soon as it is decoded, while it is in cache,
    // straight into the destination (no chunk-sized intermediate).
    // False (nothing done) when the frame's blocks would split elements: then the chunk decodes whole.
    private unsafe bool TryDecodeBlockwise(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination)
    {
        ChunkSpec inner = InnerSpec(spec);
        int storedSize = inner.DType.Size(), decodedSize = spec.DType.Size();
        BloscHeader h = BloscCodec.ReadHeader(encoded);
        if (h.UncompressedSize != inner.Bytes)
            throw new BloscFormatException($"it decompresses to {h.UncompressedSize} bytes; a chunk is {inner.Bytes}");
        if (!h.IsMemcpyed && h.BlockSize % storedSize != 0) return false;
        if (destination.Length < spec.Bytes) throw new ArgumentException("Destination is too small for the chunk.", nameof(destination));
        fixed (byte* target = destination)
        {
            var at = (IntPtr)target;
            BloscCodec.Decompress(encoded, (block, offset) =>
            {
                if (block.Length % storedSize != 0 || offset % storedSize != 0)
                    throw new BloscFormatException($"a block at {offset} of {block.Length} bytes splits an element of {storedSize} bytes.");
                var into = new Span<byte>((byte*)at + (long)offset / storedSize * decodedSize, block.Length / storedSize * decodedSize);
                DecodeElements(block, into);
            });
        }
        return true;
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

    /// <summary>A v2 array's <c>filters</c> + <c>compressor</c> as the same chain: the filters (array→array), bytes in the dtype's order, then the compressor.</summary>
    public static CodecChain FromV2(JsonArray? filters, JsonObject? compressor, bool bigEndian)
    {
        ArrayToArrayCodec[] a2a = filters is null ? Array.Empty<ArrayToArrayCodec>() : filters.Select(CodecRegistry.FilterFromNumcodecs).ToArray();
        var bytes = new BytesCodec(bigEndian);
        return new CodecChain(a2a, bytes, compressor is null ? Array.Empty<BytesToBytesCodec>() : new[] { CodecRegistry.FromNumcodecs(compressor) });
    }
}
