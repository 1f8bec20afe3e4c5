using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>The content of a Zarr v2 <c>.zarray</c>.</summary>
public sealed class ZarrArrayMetadata
{
    public long[] Shape { get; init; } = Array.Empty<long>();
    public int[] Chunks { get; init; } = Array.Empty<int>();
    public PixelType DType { get; init; }
    public bool BigEndian { get; init; }

    /// <summary>Null: chunks stored uncompressed.</summary>
    public ZarrCompressor? Compressor { get; init; }

    public JsonNode? FillValue { get; init; }
    public char DimensionSeparator { get; init; } = '.';

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
        string dtype = DType.ZarrDType();
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
            ["filters"] = null,
            ["order"] = "C",
            ["shape"] = shape,
            ["zarr_format"] = 2,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Parses a .zarray; <paramref name="where"/> names it in errors.</summary>
    public static ZarrArrayMetadata Parse(string json, string where)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(json) as JsonObject ?? throw new ZarrFormatException($"{where}: .zarray is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ZarrFormatException($"{where}: .zarray is not valid JSON ({ex.Message}).", ex);
        }
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
            if (o["filters"] is JsonArray filters && filters.Count > 0)
                throw new ZarrFormatException($"{where}: filters {string.Join(", ", filters.Select(f => f?["id"]?.ToString() ?? "?"))} are not supported.");
            ZarrCompressor? compressor = null;
            if (o["compressor"] is JsonObject c)
            {
                string id = c["id"]?.GetValue<string>() ?? "?";
                if (id != "blosc") throw new ZarrFormatException($"{where}: compressor '{id}' is not supported; PhotonCodec reads blosc (zstd) or uncompressed arrays.");
                string cname = c["cname"]?.GetValue<string>() ?? "lz4";
                if (cname != "zstd") throw new ZarrFormatException($"{where}: blosc compressor '{cname}' is not supported; PhotonCodec reads blosc with zstd or uncompressed arrays.");
                compressor = new ZarrCompressor(cname, c["clevel"]?.GetValue<int>() ?? 5, (BloscShuffle)(c["shuffle"]?.GetValue<int>() ?? 1), c["blocksize"]?.GetValue<int>() ?? 0);
            }
            string sep = o["dimension_separator"]?.GetValue<string>() ?? ".";
            if (sep is not ("." or "/")) throw new ZarrFormatException($"{where}: dimension_separator '{sep}' is not supported.");
            var metadata = new ZarrArrayMetadata
            {
                Shape = shape, Chunks = chunks, DType = type, BigEndian = bigEndian, Compressor = compressor,
                FillValue = o["fill_value"]?.DeepClone(), DimensionSeparator = sep[0],
            };
            _ = metadata.ChunkBytes; // overflow check: chunks above 2 GB are refused
            return metadata;
        }
        // ArgumentException: a key given twice (JsonObject throws it on first access).
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new ZarrFormatException($"{where}: .zarray is malformed ({ex.Message}).", ex);
        }
    }
}
