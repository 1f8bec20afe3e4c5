using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The <c>sharding_indexed</c> array→bytes codec (https://zarr-specs.readthedocs.io/en/latest/v3/codecs/sharding-indexed/index.html):
/// a shard holds inner chunks of <see cref="ChunkShape"/>, each encoded by <see cref="Codecs"/> and concatenated, plus an
/// index of (offset, nbytes) uint64 pairs per inner chunk in C order, encoded by <see cref="IndexCodecs"/>
/// (bytes little-endian + crc32c: 16·n + 4 bytes) at the end or start. An empty inner chunk is (2^64−1, 2^64−1).
/// Example: <c>{"name":"sharding_indexed","configuration":{"chunk_shape":[1,512,512],"codecs":[{"name":"bytes",...}],
/// "index_codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}],"index_location":"end"}}</c>.
/// </summary>
public sealed class ShardingCodec : ArrayToBytesCodec
{
    public const string CodecName = "sharding_indexed";
    public const ulong EmptyEntry = ulong.MaxValue;

    public ShardingCodec(int[] chunkShape, CodecChain codecs, CodecChain indexCodecs, bool indexAtEnd = true)
    {
        if (chunkShape.Length == 0 || chunkShape.Any(s => s < 1)) throw new CodecConfigurationException($"sharding chunk_shape [{string.Join(",", chunkShape)}] needs sizes ≥ 1.");
        ChunkShape = chunkShape;
        Codecs = codecs;
        IndexCodecs = indexCodecs;
        IndexAtEnd = indexAtEnd;
        if (indexCodecs.ArrayToBytes is not BytesCodec || indexCodecs.BytesToBytes.Any(c => c.FixedOverhead is null))
            throw new CodecConfigurationException($"sharding index_codecs {indexCodecs.ToJson().ToJsonString()} do not have a fixed size; PhotonCodec reads bytes + crc32c indexes.");
    }

    /// <summary>Inner chunks encoded by <paramref name="inner"/> after little-endian bytes; the index checked by crc32c at the end.</summary>
    public static ShardingCodec Create(int[] chunkShape, params BytesToBytesCodec[] inner) =>
        new(chunkShape, new CodecChain(new BytesCodec(), inner), new CodecChain(new BytesCodec(), new Crc32cCodec()));

    public int[] ChunkShape { get; }
    public CodecChain Codecs { get; }
    public CodecChain IndexCodecs { get; }
    public bool IndexAtEnd { get; }

    public override string Name => CodecName;

    public override JsonObject Configuration() => new()
    {
        ["chunk_shape"] = new JsonArray(ChunkShape.Select(s => (JsonNode)s).ToArray()),
        ["codecs"] = Codecs.ToJson(),
        ["index_codecs"] = IndexCodecs.ToJson(),
        ["index_location"] = IndexAtEnd ? "end" : "start",
    };

    public static ShardingCodec FromConfiguration(JsonObject? c)
    {
        if (c is null) throw new CodecConfigurationException("sharding_indexed needs a configuration.");
        int[] shape = (c["chunk_shape"] as JsonArray ?? throw new CodecConfigurationException("sharding_indexed has no chunk_shape."))
            .Select(n => n?.GetValue<int>() ?? throw new CodecConfigurationException("sharding_indexed chunk_shape holds a null.")).ToArray();
        CodecChain codecs = CodecChain.FromJson(c["codecs"] as JsonArray ?? throw new CodecConfigurationException("sharding_indexed has no codecs."));
        CodecChain index = c["index_codecs"] is JsonArray ic ? CodecChain.FromJson(ic) : new CodecChain(new BytesCodec(), new Crc32cCodec());
        string location = c["index_location"]?.GetValue<string>() ?? "end";
        if (location is not ("end" or "start")) throw new CodecConfigurationException($"sharding index_location '{location}' is neither \"start\" nor \"end\".");
        return new ShardingCodec(shape, codecs, index, location == "end");
    }

    /// <summary>Inner chunks along each dimension of a shard.</summary>
    public int[] InnerGrid(ChunkSpec shard)
    {
        if (shard.Shape.Length != ChunkShape.Length)
            throw new CodecConfigurationException($"sharding chunk_shape has {ChunkShape.Length} dimensions; the shard has {shard.Shape.Length}.");
        var grid = new int[ChunkShape.Length];
        for (int d = 0; d < grid.Length; d++)
        {
            if (shard.Shape[d] % ChunkShape[d] != 0)
                throw new CodecConfigurationException($"The shard shape [{string.Join(",", shard.Shape)}] is not a multiple of the inner chunk shape [{string.Join(",", ChunkShape)}].");
            grid[d] = shard.Shape[d] / ChunkShape[d];
        }
        return grid;
    }

    public int InnerCount(ChunkSpec shard) => InnerGrid(shard).Aggregate(1, (a, g) => checked(a * g));

    public ChunkSpec InnerSpec(ChunkSpec shard) => shard.WithShape(ChunkShape);

    private ChunkSpec IndexSpec(ChunkSpec shard) => new(InnerGrid(shard).Concat(new[] { 2 }).ToArray(), PixelType.UInt64);

    /// <summary>Bytes of the encoded index of one shard.</summary>
    public int IndexBytes(ChunkSpec shard) => checked(16 * InnerCount(shard) + IndexCodecs.BytesToBytes.Sum(c => c.FixedOverhead!.Value));

    /// <summary>Decodes (and with crc32c checks) an encoded index.</summary>
    public ShardIndex DecodeIndex(ReadOnlySpan<byte> encodedIndex, ChunkSpec shard)
    {
        if (encodedIndex.Length != IndexBytes(shard))
            throw new CorruptChunkException($"a shard index of {InnerCount(shard)} inner chunks is {IndexBytes(shard)} bytes; got {encodedIndex.Length}.");
        ChunkSpec spec = IndexSpec(shard);
        var raw = new byte[spec.Bytes];
        try
        {
            IndexCodecs.Decode(encodedIndex, spec, raw);
        }
        catch (CorruptChunkException ex)
        {
            throw new CorruptChunkException($"shard index: {ex.Message}", ex);
        }
        var entries = new ulong[raw.Length / 8];
        for (int i = 0; i < entries.Length; i++) entries[i] = BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(8 * i));
        return new ShardIndex(entries);
    }

    /// <summary>Decodes one inner chunk's bytes (as <see cref="ShardIndex.TryGetRange"/> located them) into its own buffer.</summary>
    public void DecodeInner(ReadOnlySpan<byte> encoded, ChunkSpec shard, Span<byte> destination) => Codecs.Decode(encoded, InnerSpec(shard), destination);

    public override byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec)
    {
        int[] grid = InnerGrid(spec);
        ChunkSpec inner = InnerSpec(spec);
        int n = InnerCount(spec), indexBytes = IndexBytes(spec);
        var entries = new ulong[2 * n];
        var parts = new List<byte[]>();
        long offset = IndexAtEnd ? 0 : indexBytes;
        var buffer = new byte[inner.Bytes];
        var zero = new int[ChunkShape.Length];
        for (int i = 0; i < n; i++)
        {
            ChunkRegion.Copy(chunk, spec.Shape, Origin(i, grid), buffer, ChunkShape, zero, ChunkShape, spec.DType.Size());
            if (inner.IsAllFill(buffer))
            {
                entries[2 * i] = entries[2 * i + 1] = EmptyEntry;
                continue;
            }
            byte[] encoded = Codecs.Encode(buffer, inner);
            entries[2 * i] = (ulong)offset;
            entries[2 * i + 1] = (ulong)encoded.Length;
            offset += encoded.Length;
            parts.Add(encoded);
        }
        var rawIndex = new byte[16 * n];
        for (int i = 0; i < entries.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(rawIndex.AsSpan(8 * i), entries[i]);
        byte[] index = IndexCodecs.Encode(rawIndex, IndexSpec(spec));
        var shard = new MemoryStream(checked((int)offset + (IndexAtEnd ? indexBytes : 0)));
        if (!IndexAtEnd) shard.Write(index, 0, index.Length);
        foreach (byte[] p in parts) shard.Write(p, 0, p.Length);
        if (IndexAtEnd) shard.Write(index, 0, index.Length);
        return shard.ToArray();
    }

    public override void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination)
    {
        int[] grid = InnerGrid(spec);
        ChunkSpec inner = InnerSpec(spec);
        int indexBytes = IndexBytes(spec);
        if (encoded.Length < indexBytes) throw new CorruptChunkException($"a shard of {encoded.Length} bytes cannot hold its {indexBytes}-byte index.");
        ShardIndex index = DecodeIndex(IndexAtEnd ? encoded.Slice(encoded.Length - indexBytes) : encoded.Slice(0, indexBytes), spec);
        var buffer = new byte[inner.Bytes];
        var zero = new int[ChunkShape.Length];
        for (int i = 0; i < index.Count; i++)
        {
            if (!index.TryGetRange(i, encoded.Length, out long offset, out int length)) inner.Fill(buffer);
            else Codecs.Decode(encoded.Slice((int)offset, length), inner, buffer);
            ChunkRegion.Copy(buffer, ChunkShape, zero, destination, spec.Shape, Origin(i, grid), ChunkShape, spec.DType.Size());
        }
    }

    /// <summary>Where inner chunk <paramref name="linear"/> (C order) starts inside its shard.</summary>
    public int[] Origin(int linear, int[] grid)
    {
        var origin = new int[grid.Length];
        for (int d = grid.Length - 1; d >= 0; d--)
        {
            origin[d] = linear % grid[d] * ChunkShape[d];
            linear /= grid[d];
        }
        return origin;
    }
}

/// <summary>A decoded shard index: (offset, nbytes) per inner chunk in C order.</summary>
public sealed class ShardIndex
{
    private readonly ulong[] _entries;

    internal ShardIndex(ulong[] entries) => _entries = entries;

    public int Count => _entries.Length / 2;

    public ulong Offset(int inner) => _entries[2 * inner];
    public ulong ByteCount(int inner) => _entries[2 * inner + 1];

    /// <summary>False for an empty inner chunk; throws when the entry does not fit a shard of <paramref name="shardBytes"/>.</summary>
    public bool TryGetRange(int inner, long shardBytes, out long offset, out int length)
    {
        ulong o = Offset(inner), n = ByteCount(inner);
        offset = 0;
        length = 0;
        if (o == ShardingCodec.EmptyEntry && n == ShardingCodec.EmptyEntry) return false;
        if (o > (ulong)shardBytes || n > (ulong)shardBytes - o || n > int.MaxValue)
            throw new CorruptChunkException($"shard index entry {inner} ({o}, {n}) lies outside the {shardBytes}-byte shard.");
        offset = (long)o;
        length = (int)n;
        return true;
    }
}
