using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// A Zarr v3 array's <c>zarr.json</c> (https://zarr-specs.readthedocs.io/en/latest/v3/core/v3.0.html#array-metadata)
/// read into and written from the one array model, <see cref="ZarrArrayMetadata"/>; the attributes live inside it.
/// </summary>
public static class ZarrV3Metadata
{
    public const string Key = "zarr.json";

    public static string ToJson(ZarrArrayMetadata m, JsonObject attributes)
    {
        var o = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = new JsonArray(m.Shape.Select(s => (JsonNode)s).ToArray()),
            ["data_type"] = (m.DecodeFilter?.LevelType ?? m.DType).NumpyName(),
            ["chunk_grid"] = new JsonObject
            {
                ["name"] = "regular",
                ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray(m.Chunks.Select(c => (JsonNode)c).ToArray()) },
            },
            ["chunk_key_encoding"] = m.KeyEncoding.ToJson(),
            ["fill_value"] = m.FillValue?.DeepClone() ?? 0,
            ["codecs"] = Codecs(m),
            ["attributes"] = attributes.DeepClone(),
        };
        if (m.DimensionNames is { } names) o["dimension_names"] = new JsonArray(names.Select(n => (JsonNode?)n).ToArray());
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The chain, led by the decode filter as an array→array codec when there is one.</summary>
    private static JsonArray Codecs(ZarrArrayMetadata m)
    {
        JsonArray chain = m.Codecs.ToJson();
        if (m.DecodeFilter is { } f) chain.Insert(0, f.ToV3Json());
        return chain;
    }

    /// <summary>Parses a zarr.json; <paramref name="where"/> names the array in errors.</summary>
    public static (ZarrArrayMetadata Metadata, JsonObject Attributes) Parse(string json, string where)
    {
        JsonObject o = MetadataDocument.Parse(json, where, Key);
        try
        {
            int format = o["zarr_format"]?.GetValue<int>() ?? throw new ZarrFormatException($"{where}: zarr.json has no zarr_format.");
            if (format != 3) throw new ZarrFormatException($"{where}: zarr.json says zarr_format {format}; expected 3.");
            string nodeType = o["node_type"]?.GetValue<string>() ?? "?";
            if (nodeType == "group") throw new ZarrFormatException($"{where} is a Zarr v3 group; open one of its arrays.");
            if (nodeType != "array") throw new ZarrFormatException($"{where}: zarr.json node_type '{nodeType}' is not \"array\".");
            long[] shape = (o["shape"] as JsonArray ?? throw new ZarrFormatException($"{where}: zarr.json has no shape.")).Select(n => n?.GetValue<long>() ?? throw new ZarrFormatException($"{where}: shape holds a null.")).ToArray();
            string dataType = o["data_type"] is JsonValue dv && dv.TryGetValue(out string? dt) ? dt! : throw new ZarrFormatException($"{where}: data_type {o["data_type"]?.ToJsonString()} is not supported.");
            PixelType type;
            try { type = PixelTypeInfo.FromNumpyName(dataType); }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException) { throw new ZarrFormatException($"{where}: data_type '{dataType}' is not supported.", ex); }
            JsonObject grid = o["chunk_grid"] as JsonObject ?? throw new ZarrFormatException($"{where}: zarr.json has no chunk_grid.");
            string gridName = grid["name"]?.GetValue<string>() ?? "?";
            if (gridName != "regular") throw new ZarrFormatException($"{where}: chunk_grid '{gridName}' is not supported (regular only).");
            int[] chunks = (grid["configuration"]?["chunk_shape"] as JsonArray ?? throw new ZarrFormatException($"{where}: the regular chunk_grid has no chunk_shape."))
                .Select(n => n?.GetValue<int>() ?? throw new ZarrFormatException($"{where}: chunk_shape holds a null.")).ToArray();
            if (chunks.Length != shape.Length) throw new ZarrFormatException($"{where}: chunk_shape has {chunks.Length} dimensions, shape {shape.Length}.");
            if (shape.Any(s => s < 0) || chunks.Any(c => c < 1)) throw new ZarrFormatException($"{where}: negative shape or chunk sizes below 1.");
            if (o["storage_transformers"] is JsonArray st && st.Count > 0)
                throw new ZarrFormatException($"{where}: storage transformers {st.ToJsonString()} are not supported.");
            ChunkKeyEncoding keys = ChunkKeyEncoding.FromJson(o["chunk_key_encoding"], where);
            JsonArray codecList = o["codecs"] as JsonArray ?? throw new ZarrFormatException($"{where}: zarr.json has no codecs.");
            // Our own decode filter leads the chain; the chunks hold its codes, which the photon attributes decode.
            DecodeLutFilter? decodeFilter = codecList.Count > 0 ? DecodeLutFilter.From(codecList[0], where) : null;
            if (decodeFilter is not null)
            {
                if (decodeFilter.LevelType != type)
                    throw new ZarrFormatException($"{where}: data_type '{dataType}' is not the {DecodeLutFilter.Id} codec's dtype {decodeFilter.LevelType.NumpyName()}.");
                type = decodeFilter.CodeType;
                codecList = new JsonArray(codecList.Skip(1).Select(n => n?.DeepClone()).ToArray());
            }
            CodecChain codecs;
            try
            {
                codecs = CodecChain.FromJson(codecList);
                if (codecs.Sharding is { } s) s.InnerGrid(new ChunkSpec(chunks, type));
            }
            catch (CodecConfigurationException ex) { throw new ZarrFormatException($"{where}: {ex.Message}", ex); }
            string?[]? names = o["dimension_names"] is JsonArray dn ? dn.Select(n => n?.GetValue<string>()).ToArray() : null;
            var metadata = new ZarrArrayMetadata
            {
                ZarrFormat = 3, Shape = shape, Chunks = chunks, DType = type, FillValue = o["fill_value"]?.DeepClone(),
                Codecs = codecs, KeyEncoding = keys, DimensionNames = names, DimensionSeparator = keys.Separator, DecodeFilter = decodeFilter,
            };
            _ = metadata.ChunkBytes; // overflow check: chunks above 2 GB are refused
            _ = metadata.ChunkSpec; // a fill_value that is not a number is refused here, not when a missing chunk is read
            JsonObject attributes = o["attributes"] as JsonObject is { } a ? (JsonObject)a.DeepClone() : new JsonObject();
            return (metadata, attributes);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException)
        {
            throw new ZarrFormatException($"{where}: zarr.json is malformed ({ex.Message}).", ex);
        }
    }
}
