using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// One Zarr array, v2 or v3: shape, chunk grid, dtype, fill value, key encoding and the codec chain its chunks go
/// through. <see cref="ToJson"/>/<see cref="Parse"/> are the v2 <c>.zarray</c>; <see cref="ZarrV3Metadata"/> is <c>zarr.json</c>.
/// </summary>
public sealed class ZarrArrayMetadata
{
    private CodecChain? _codecs;
    private ChunkKeyEncoding? _keyEncoding;

    /// <summary>2 or 3.</summary>
    public int ZarrFormat { get; init; } = 2;

    public long[] Shape { get; init; } = Array.Empty<long>();

    /// <summary>The chunk grid's chunk shape (a shard's shape when the array is sharded).</summary>
    public int[] Chunks { get; init; } = Array.Empty<int>();

    public PixelType DType { get; init; }

    /// <summary>v2's dtype byte order (v3 says it in the bytes codec).</summary>
    public bool BigEndian { get; init; }

    /// <summary>v2's Blosc compressor as written to .zarray; null: chunks stored uncompressed (or, read, another compressor in <see cref="Codecs"/>).</summary>
    public ZarrCompressor? Compressor { get; init; }

    public JsonNode? FillValue { get; init; }
    public char DimensionSeparator { get; init; } = '.';

    /// <summary>The decode table as a filter/codec for zarr-python (null: none). <see cref="DType"/> stays the stored code type.</summary>
    public DecodeLutFilter? DecodeFilter { get; init; }

    /// <summary>v3's dimension_names (null: none).</summary>
    public string?[]? DimensionNames { get; init; }

    /// <summary>The chain every chunk is encoded and decoded by; for v2 built from <see cref="Compressor"/> unless given.</summary>
    public CodecChain Codecs
    {
        get => _codecs ??= Compressor is { } c
            ? new CodecChain(new BytesCodec(BigEndian), new BloscChunkCodec(c.CName, c.CLevel, c.Shuffle, null, c.BlockSize))
            : new CodecChain(new BytesCodec(BigEndian));
        init => _codecs = value;
    }

    public ChunkKeyEncoding KeyEncoding
    {
        get => _keyEncoding ??= ZarrFormat == 3 ? ChunkKeyEncoding.Default : ChunkKeyEncoding.V2(DimensionSeparator);
        init => _keyEncoding = value;
    }

    /// <summary>The smallest piece that decodes on its own: the inner chunk of a sharded array, else the chunk.</summary>
    public int[] ReadChunkShape => Codecs.Sharding?.ChunkShape ?? Chunks;

    /// <summary>One chunk (padded at the edges) as the codecs see it.</summary>
    public ChunkSpec ChunkSpec
    {
        get
        {
            var fill = new byte[DType.Size()];
            FillValueWriter.Fill(fill, this);
            return new ChunkSpec(Chunks, DType, fill);
        }
    }

    public int Rank => Shape.Length;

    /// <summary>Chunks along dimension <paramref name="dim"/> (ceil(shape/chunk)).</summary>
    public long ChunkCount(int dim) => Shape[dim] == 0 ? 0 : (Shape[dim] + Chunks[dim] - 1) / Chunks[dim];

    public long TotalChunks => Enumerable.Range(0, Rank).Aggregate(1L, (acc, d) => acc * ChunkCount(d));

    public int ChunkElements => checked(Chunks.Aggregate(1, (acc, c) => checked(acc * c)));

    public int ChunkBytes => checked(ChunkElements * DType.Size());

    public string ToJson()
    {
        var shape = new JsonArray(Shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        var chunks = new JsonArray(Chunks.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        JsonNode? compressor = Compressor is null ? null : new JsonObject
        {
            ["blocksize"] = Compressor.BlockSize,
            ["clevel"] = Compressor.CLevel,
            ["cname"] = Compressor.CName,
            ["id"] = "blosc",
            ["shuffle"] = (int)Compressor.Shuffle,
        };
        string dtype = (DecodeFilter?.LevelType ?? DType).ZarrDType();
        if (BigEndian && DType.Size() > 1) dtype = ">" + dtype.Substring(1);
        // Keys in zarr-python's (sorted) order; the separator is written explicitly, as zarr-python does when one is
        // given, so readers whose store defaults to "/" still find "0.0.0".
        var o = new JsonObject
        {
            ["chunks"] = chunks,
            ["compressor"] = compressor,
            ["dimension_separator"] = DimensionSeparator.ToString(),
            ["dtype"] = dtype,
            ["fill_value"] = FillValue?.DeepClone(),
            ["filters"] = Filters(),
            ["order"] = "C",
            ["shape"] = shape,
            ["zarr_format"] = 2,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>v2 filters: the decode table (levels → codes), then the chain's array→array codecs (photoncodec.predict), in encoding order.</summary>
    private JsonArray? Filters()
    {
        var filters = new JsonArray();
        if (DecodeFilter is not null) filters.Add(DecodeFilter.ToV2Json());
        foreach (ArrayToArrayCodec codec in Codecs.ArrayToArray) filters.Add(CodecRegistry.ToNumcodecs(codec));
        return filters.Count == 0 ? null : filters;
    }

    /// <summary>Parses a .zarray; <paramref name="where"/> names it in errors.</summary>
    public static ZarrArrayMetadata Parse(string json, string where)
    {
        JsonObject o = MetadataDocument.Parse(json, where, ".zarray");
        try
        {
            int format = o["zarr_format"]?.GetValue<int>() ?? throw new ZarrFormatException($"{where}: .zarray has no zarr_format.");
            if (format != 2) throw new ZarrFormatException($"{where}: zarr_format {format} is not supported (Zarr v2 only).");
            long[] shape = (o["shape"] as JsonArray ?? throw new ZarrFormatException($"{where}: .zarray has no shape.")).Select(n => n?.GetValue<long>() ?? throw new ZarrFormatException($"{where}: shape holds a null.")).ToArray();
            int[] chunks = (o["chunks"] as JsonArray ?? throw new ZarrFormatException($"{where}: .zarray has no chunks.")).Select(n => n?.GetValue<int>() ?? throw new ZarrFormatException($"{where}: chunks holds a null.")).ToArray();
            if (chunks.Length != shape.Length) throw new ZarrFormatException($"{where}: chunks has {chunks.Length} dimensions, shape {shape.Length}.");
            if (shape.Any(s => s < 0) || chunks.Any(c => c < 1)) throw new ZarrFormatException($"{where}: negative shape or chunk sizes below 1.");
            string dtypeText = o["dtype"] is JsonValue dv && dv.TryGetValue(out string? dt) ? dt! : throw new ZarrFormatException($"{where}: dtype {o["dtype"]?.ToJsonString()} is not supported (a structured dtype?).");
            PixelType type;
            bool bigEndian;
            try { type = PixelTypeInfo.FromZarrDType(dtypeText, out bigEndian); }
            catch (NotSupportedException ex) { throw new ZarrFormatException($"{where}: {ex.Message}", ex); }
            string order = o["order"]?.GetValue<string>() ?? "C";
            if (order != "C") throw new ZarrFormatException($"{where}: order \"{order}\" is not supported; PhotonCodec reads C-order arrays.");
            // Our own decode filter: the chunks hold its codes, which the photon attributes decode (so it is not in the chain).
            JsonArray? filters = o["filters"] as JsonArray;
            DecodeLutFilter? decodeFilter = filters is { Count: > 0 } ? DecodeLutFilter.From(filters[0], where) : null;
            if (decodeFilter is not null)
            {
                if (decodeFilter.LevelType != type)
                    throw new ZarrFormatException($"{where}: dtype {dtypeText} is not the {DecodeLutFilter.Id} filter's dtype {decodeFilter.LevelType.ZarrDType()}.");
                type = decodeFilter.CodeType;
                filters = new JsonArray(filters!.Skip(1).Select(f => f?.DeepClone()).ToArray());
            }
            CodecChain codecs;
            try { codecs = CodecChain.FromV2(filters, o["compressor"] as JsonObject, bigEndian); }
            catch (CodecConfigurationException ex) { throw new ZarrFormatException($"{where}: {ex.Message}", ex); }
            ZarrCompressor? compressor = codecs.BytesToBytes.Count == 1 && codecs.BytesToBytes[0] is BloscChunkCodec b
                ? new ZarrCompressor(b.CName, b.CLevel, b.Shuffle, b.BlockSize) : null;
            string sep = o["dimension_separator"]?.GetValue<string>() ?? ".";
            if (sep is not ("." or "/")) throw new ZarrFormatException($"{where}: dimension_separator '{sep}' is not supported.");
            var metadata = new ZarrArrayMetadata
            {
                Shape = shape, Chunks = chunks, DType = type, BigEndian = bigEndian, Compressor = compressor, Codecs = codecs,
                FillValue = o["fill_value"]?.DeepClone(), DimensionSeparator = sep[0], DecodeFilter = decodeFilter,
            };
            _ = metadata.ChunkBytes; // overflow check: chunks above 2 GB are refused
            _ = metadata.ChunkSpec; // a fill_value that is not a number is refused here, not when a missing chunk is read
            return metadata;
        }
        // ArgumentException: a key given twice (JsonObject throws it on first access).
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new ZarrFormatException($"{where}: .zarray is malformed ({ex.Message}).", ex);
        }
    }
}
