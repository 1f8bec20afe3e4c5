using System;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// Quantized mode's decode table as an array→array codec: integer codes (<c>astype</c>, uint8/uint16) ↔ the levels
/// they stand for (<c>dtype</c>), one table lookup per element. Same name and configuration as the numcodecs filter
/// of python/photoncodec, so it round-trips through <c>.zarray</c> filters and <c>zarr.json</c> codecs. Example:
/// <c>{"name":"photoncodec.decode_lut","configuration":{"decode_lut":[0,3,7],"dtype":"&lt;u2","astype":"|u1"}}</c>.
/// Encoding needs the quantizer's table (a table read from decode_lut alone only decodes).
/// </summary>
public sealed class DecodeLutCodec : ElementwiseCodec
{
    public const string CodecName = "photoncodec.decode_lut";

    public DecodeLutCodec(QuantizationTable table) => Table = table ?? throw new ArgumentNullException(nameof(table));

    public QuantizationTable Table { get; }

    public override string Name => CodecName;
    public override PixelType DecodedType => Table.InputType;
    public override PixelType EncodedType => Table.CodeType;

    public override JsonObject Configuration() => new()
    {
        ["decode_lut"] = new JsonArray(Table.DecodeLut.Select(v => (JsonNode)v).ToArray()),
        ["dtype"] = Table.InputType.ZarrDType(),
        ["astype"] = Table.CodeType.ZarrDType(),
    };

    public static DecodeLutCodec FromConfiguration(JsonObject? c)
    {
        if (c is null) throw new CodecConfigurationException($"codec '{CodecName}' needs a configuration (decode_lut, dtype, astype).");
        long[] lut = (c["decode_lut"] as JsonArray ?? throw new CodecConfigurationException($"codec '{CodecName}' has no decode_lut."))
            .Select(n => n?.GetValue<long>() ?? throw new CodecConfigurationException($"codec '{CodecName}': decode_lut holds a null.")).ToArray();
        try
        {
            PixelType levels = PixelTypeInfo.FromZarrDType(c["dtype"]?.GetValue<string>() ?? throw new CodecConfigurationException($"codec '{CodecName}' has no dtype."), out _);
            PixelType codes = PixelTypeInfo.FromZarrDType(c["astype"]?.GetValue<string>() ?? throw new CodecConfigurationException($"codec '{CodecName}' has no astype."), out _);
            return new DecodeLutCodec(QuantizationTable.FromDecodeLut(levels, codes, lut));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new CodecConfigurationException($"codec '{CodecName}' is malformed ({ex.Message}).");
        }
    }

    public override void DecodeElements(ReadOnlySpan<byte> encoded, Span<byte> destination) => Table.Decode(encoded, destination);

    public override void EncodeElements(ReadOnlySpan<byte> decoded, Span<byte> destination) => Table.Encode(decoded, destination);
}
