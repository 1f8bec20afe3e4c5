using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Stores;
using Xunit;

namespace PhotonCodec.Core.Tests.Stores;

/// <summary>The decode table written as the photoncodec.decode_lut filter (v2) / codec (v3), and read back as codes.</summary>
public sealed class DecodeLutFilterTests
{
    private static readonly DecodeLutFilter Filter = new(new long[] { 0, 3, 7, 12 }, PixelType.UInt16, PixelType.UInt8);

    [Fact]
    public void V2FilterDeclaresLevelsAndReadsBackAsCodes()
    {
        var meta = new ZarrArrayMetadata
        {
            Shape = new long[] { 4, 2, 3 }, Chunks = new[] { 2, 2, 3 }, DType = PixelType.UInt8, FillValue = JsonValue.Create(0),
            Compressor = new ZarrCompressor(), DecodeFilter = Filter,
        };
        JsonObject json = JsonNode.Parse(meta.ToJson())!.AsObject();
        Assert.Equal("<u2", json["dtype"]!.GetValue<string>());
        JsonObject f = json["filters"]![0]!.AsObject();
        Assert.Equal(DecodeLutFilter.Id, f["id"]!.GetValue<string>());
        Assert.Equal("|u1", f["astype"]!.GetValue<string>());
        Assert.Equal("<u2", f["dtype"]!.GetValue<string>());

        ZarrArrayMetadata back = ZarrArrayMetadata.Parse(meta.ToJson(), "test");
        Assert.Equal(PixelType.UInt8, back.DType);
        Assert.Equal(new long[] { 0, 3, 7, 12 }, back.DecodeFilter!.DecodeLut);
        Assert.Equal(meta.ToJson(), back.ToJson());
    }

    [Fact]
    public void V3CodecLeadsTheChainAndReadsBackAsCodes()
    {
        var blosc = new BloscChunkCodec("zstd", 5, BloscShuffle.Bit, 1, 0);
        var meta = new ZarrArrayMetadata
        {
            ZarrFormat = 3, Shape = new long[] { 4, 2, 3 }, Chunks = new[] { 4, 2, 3 }, DType = PixelType.UInt8, FillValue = JsonValue.Create(0),
            Codecs = new CodecChain(ShardingCodec.Create(new[] { 1, 2, 3 }, blosc)), DecodeFilter = Filter,
        };
        string text = ZarrV3Metadata.ToJson(meta, new JsonObject());
        JsonObject json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("uint16", json["data_type"]!.GetValue<string>());
        Assert.Equal(new[] { DecodeLutFilter.Id, "sharding_indexed" }, json["codecs"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));

        (ZarrArrayMetadata back, _) = ZarrV3Metadata.Parse(text, "test");
        Assert.Equal(PixelType.UInt8, back.DType);
        Assert.NotNull(back.Codecs.Sharding);
        Assert.Equal(text, ZarrV3Metadata.ToJson(back, new JsonObject()));
    }

    [Fact]
    public void AFilterWhoseDtypeIsNotTheArraysOrAnotherFilterIsRefused()
    {
        var meta = new ZarrArrayMetadata
        {
            Shape = new long[] { 2, 2, 2 }, Chunks = new[] { 2, 2, 2 }, DType = PixelType.UInt8, FillValue = JsonValue.Create(0), DecodeFilter = Filter,
        };
        JsonObject o = JsonNode.Parse(meta.ToJson())!.AsObject();
        o["dtype"] = "<u4";
        string mismatched = o.ToJsonString();
        Assert.Contains("is not the photoncodec.decode_lut filter's dtype", Assert.Throws<ZarrFormatException>(() => ZarrArrayMetadata.Parse(mismatched, "test")).Message);
        string other = meta.ToJson().Replace(DecodeLutFilter.Id, "delta");
        Assert.Contains("filters delta are not supported", Assert.Throws<ZarrFormatException>(() => ZarrArrayMetadata.Parse(other, "test")).Message);
        string noTable = meta.ToJson().Replace("\"decode_lut\"", "\"lut\"");
        Assert.Contains("has no decode_lut", Assert.Throws<ZarrFormatException>(() => ZarrArrayMetadata.Parse(noTable, "test")).Message);
    }
}
