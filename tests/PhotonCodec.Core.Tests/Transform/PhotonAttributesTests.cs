using System;
using System.IO;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Transform;

public sealed class PhotonAttributesTests
{
    private static QuantizationTable BuildTable(PixelType type, AnscombeParameters p, SyntheticMovie movie)
    {
        var h = new LevelHistogram(type);
        h.Add(movie.ToBytes());
        return QuantizationTable.Build(type, p, h);
    }

    [Fact]
    public void QuantizedDescription_RoundTripsThroughJsonText()
    {
        var p = new AnscombeParameters(30, 200, 8, 0.5);
        var movie = SyntheticMovie.Constant(1, 5, 30, 200, 8, PixelType.UInt16, 2, 32, 32);
        var table = BuildTable(PixelType.UInt16, p, movie);
        JsonObject attrs = PhotonAttributes.Build(PhotonCodecDescription.ForQuantized(table));
        var parsed = PhotonAttributes.Parse((JsonObject)JsonNode.Parse(attrs.ToJsonString())!);

        Assert.Equal(PhotonModes.Quantized, parsed.Mode);
        Assert.Equal(PhotonCodecDescription.CurrentVersion, parsed.CodecVersion);
        Assert.Equal(PixelType.UInt16, parsed.OriginalType);
        Assert.Equal(table.CodeType, parsed.StoredType);
        Assert.Equal(p, parsed.Parameters);
        Assert.Equal(table.DecodeLut, parsed.DecodeLut);
        // the seed codec's flat keys
        Assert.Equal("photon", (string?)attrs["codec_name"]);
        Assert.Equal(30.0, (double)attrs["anscombe_gain"]!);
        Assert.Equal(200.0, (double)attrs["anscombe_offset"]!);
        Assert.Equal(64.0, (double)attrs["anscombe_variance"]!);
        Assert.Equal("uint16", (string?)attrs["original_dtype"]);

        // A decode-only table from the parsed description decodes like the original.
        var codes = new byte[movie.Levels.Length * table.CodeType.Size()];
        table.Encode(movie.ToBytes(), codes);
        var a = new byte[movie.Levels.Length * 2];
        var b = new byte[a.Length];
        table.Decode(codes, a);
        parsed.ToQuantizationTable().Decode(codes, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void FloatAndLosslessDescriptions_RoundTrip()
    {
        var p = new AnscombeParameters(2.5, -100, 3, 0.5);
        var f = PhotonAttributes.Parse(PhotonAttributes.Build(PhotonCodecDescription.ForFloat(new FloatAnscombeCodec(PixelType.Int16, p, PixelType.Float32))));
        Assert.Equal(PhotonModes.Float, f.Mode);
        Assert.Equal(PixelType.Float32, f.StoredType);
        Assert.Equal(p, f.Parameters);
        Assert.Null(f.DecodeLut);

        JsonObject losslessAttrs = PhotonAttributes.Build(PhotonCodecDescription.ForLossless(PixelType.UInt8));
        Assert.Null(losslessAttrs["anscombe_gain"]);
        var l = PhotonAttributes.Parse(losslessAttrs);
        Assert.Equal(PhotonModes.Lossless, l.Mode);
        Assert.Equal(PixelType.UInt8, l.StoredType);
        Assert.Null(l.Parameters);
    }

    [Theory]
    [InlineData("{}", "no 'photon' object")]
    [InlineData("{\"photon\":{\"mode\":\"zip\",\"codec_version\":1,\"original_dtype\":\"uint16\",\"code_dtype\":\"uint8\"}}", "photon.mode")]
    [InlineData("{\"photon\":{\"mode\":\"lossless\",\"codec_version\":9,\"original_dtype\":\"uint16\",\"code_dtype\":\"uint16\"}}", "codec_version 9")]
    [InlineData("{\"photon\":{\"mode\":\"quantized\",\"codec_version\":1,\"original_dtype\":\"uint16\",\"code_dtype\":\"uint8\",\"gain\":1,\"zero_level\":0,\"read_noise\":0,\"beta\":0.5}}", "decode_lut")]
    [InlineData("{\"photon\":{\"mode\":\"quantized\",\"codec_version\":1,\"original_dtype\":\"uint8\",\"code_dtype\":\"uint8\",\"gain\":1,\"zero_level\":0,\"read_noise\":0,\"beta\":0.5,\"decode_lut\":[0,300]}}", "300")]
    [InlineData("{\"photon\":{\"mode\":\"float\",\"codec_version\":1,\"original_dtype\":\"uint16\",\"code_dtype\":\"float32\",\"gain\":-1,\"zero_level\":0,\"read_noise\":0,\"beta\":0.5}}", "Gain")]
    [InlineData("{\"photon\":{\"mode\":\"float\",\"codec_version\":1,\"original_dtype\":\"uint16\",\"code_dtype\":\"float32\",\"zero_level\":0}}", "Float mode needs")]
    public void Parse_BrokenAttributes_ThrowsNamingTheProblem(string json, string expected)
    {
        var e = Assert.Throws<PhotonAttributesException>(() => PhotonAttributes.Parse((JsonObject)JsonNode.Parse(json)!));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(PixelType.UInt16, 30.0, 200.0, 8.0, 0.5)]
    [InlineData(PixelType.Int16, 0.5, -100.0, 1.0, 0.5)]       // uint16 codes
    [InlineData(PixelType.UInt16, 1.0, 1000.0, 2.0, 1.0)]
    public void Python_DecodesWithOnlyNumpyAndTheDecodeLut(PixelType type, double gain, double zero, double readNoise, double beta)
    {
        var p = new AnscombeParameters(gain, zero, readNoise, beta);
        var movie = SyntheticMovie.Generate(7, gain, zero, readNoise, type, 3, 40, 50, (_, y, x) => 0.05 * x * y);
        var table = BuildTable(type, p, movie);
        var codes = new byte[movie.Levels.Length * table.CodeType.Size()];
        table.Encode(movie.ToBytes(), codes);
        var decoded = new byte[movie.Levels.Length * type.Size()];
        table.Decode(codes, decoded);

        using var dir = new TempDir();
        File.WriteAllText(dir.File(".zattrs"), PhotonAttributes.Build(PhotonCodecDescription.ForQuantized(table)).ToJsonString());
        File.WriteAllBytes(dir.File("codes.raw"), codes);
        string output = Python.Run("""
            import json, sys, numpy
            attrs = json.load(open(sys.argv[1] + "/.zattrs"))
            ph = attrs["photon"]
            codes = numpy.fromfile(sys.argv[1] + "/codes.raw", dtype=ph["code_dtype"])
            levels = numpy.asarray(attrs["photon"]["decode_lut"])[codes]
            levels.astype(attrs["original_dtype"]).tofile(sys.argv[1] + "/decoded.raw")
            print(attrs["codec_name"], ph["mode"], ph["code_dtype"], len(ph["decode_lut"]))
            """, dir.Path);
        Assert.Equal($"photon quantized {table.CodeType.NumpyName()} {table.CodeCount}", output.Trim());
        Assert.Equal(decoded, File.ReadAllBytes(dir.File("decoded.raw")));
    }
}
