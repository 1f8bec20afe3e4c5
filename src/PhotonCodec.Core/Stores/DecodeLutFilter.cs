using System;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// The decode table written as a filter (v2 <c>filters</c>) or array→array codec (v3 <c>codecs</c>) with our id, so
/// zarr-python with the <c>photoncodec</c> package (python/) returns levels. The chunks still hold codes: the array's
/// declared dtype is <see cref="LevelType"/>, the stored one <see cref="CodeType"/>. PhotonCodec reads the codes and
/// decodes them through <c>photon.decode_lut</c> as for any Quantized archive, so this filter is never applied here.
/// </summary>
public sealed class DecodeLutFilter
{
    public const string Id = "photoncodec.decode_lut";

    public DecodeLutFilter(long[] decodeLut, PixelType levelType, PixelType codeType)
    {
        DecodeLut = decodeLut ?? throw new ArgumentNullException(nameof(decodeLut));
        LevelType = levelType;
        CodeType = codeType;
    }

    public long[] DecodeLut { get; }
    public PixelType LevelType { get; }
    public PixelType CodeType { get; }

    /// <summary>The configuration the Python codec takes: decode_lut, dtype (levels), astype (codes), in v2 dtype strings.</summary>
    private JsonObject Configuration() => new()
    {
        ["decode_lut"] = new JsonArray(DecodeLut.Select(v => (JsonNode)v).ToArray()),
        ["dtype"] = LevelType.ZarrDType(),
        ["astype"] = CodeType.ZarrDType(),
    };

    public JsonObject ToV2Json()
    {
        JsonObject o = Configuration();
        o["id"] = Id;
        return o;
    }

    /// <summary>The filter as the codec that applies it (codes → levels), to lead the chain a reader decodes through.</summary>
    public DecodeLutCodec ToCodec() => new(QuantizationTable.FromDecodeLut(LevelType, CodeType, DecodeLut));

    public JsonObject ToV3Json() => new() { ["name"] = Id, ["configuration"] = Configuration() };

    /// <summary>Our filter from a v2 filter or v3 codec entry (its <c>id</c> or <c>name</c> is <see cref="Id"/>); null for any other.</summary>
    /// <exception cref="ZarrFormatException">our id with a configuration that is not one</exception>
    public static DecodeLutFilter? From(JsonNode? node, string where)
    {
        if (node is not JsonObject o) return null;
        string? id = (o["id"] ?? o["name"]) is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        if (id != Id) return null;
        JsonObject config = o["configuration"] as JsonObject ?? o;
        try
        {
            long[] lut = (config["decode_lut"] as JsonArray ?? throw new ZarrFormatException($"{where}: {Id} has no decode_lut."))
                .Select(n => n?.GetValue<long>() ?? throw new ZarrFormatException($"{where}: {Id} decode_lut holds a null.")).ToArray();
            PixelType levels = PixelTypeInfo.FromZarrDType(config["dtype"]?.GetValue<string>() ?? throw new ZarrFormatException($"{where}: {Id} has no dtype."), out _);
            PixelType codes = PixelTypeInfo.FromZarrDType(config["astype"]?.GetValue<string>() ?? throw new ZarrFormatException($"{where}: {Id} has no astype."), out _);
            return new DecodeLutFilter(lut, levels, codes);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new ZarrFormatException($"{where}: {Id} is malformed ({ex.Message}).", ex);
        }
    }
}
