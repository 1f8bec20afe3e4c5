using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

public sealed class OmeZarrTests
{
    private static InMemoryFrameSource Source(SyntheticMovie m) => new(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);

    private static SyntheticMovie Movie() => SyntheticMovie.Generate(3, 30, 200, 8, PixelType.UInt16, 12, 16, 10, (t, y, x) => 1 + x / 4.0);

    /// <summary>The NGFF rules a reader relies on: one multiscale, axes t/y/x typed time/space/space, datasets that exist, a scale per axis.</summary>
    private static void AssertNgff(JsonObject multiscale, string groupPath, double[] scale, bool units)
    {
        var axes = multiscale["axes"]!.AsArray();
        Assert.Equal(new[] { "t", "y", "x" }, axes.Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal(new[] { "time", "space", "space" }, axes.Select(a => a!["type"]!.GetValue<string>()));
        Assert.Equal(units ? new[] { "second", "micrometer", "micrometer" } : new string?[] { null, null, null }, axes.Select(a => a!["unit"]?.GetValue<string>()));
        var dataset = Assert.Single(multiscale["datasets"]!.AsArray())!;
        Assert.Equal("0", dataset["path"]!.GetValue<string>());
        var transform = Assert.Single(dataset["coordinateTransformations"]!.AsArray())!;
        Assert.Equal("scale", transform["type"]!.GetValue<string>());
        Assert.Equal(scale, transform["scale"]!.AsArray().Select(s => s!.GetValue<double>()));
        Assert.True(File.Exists(Path.Combine(groupPath, "0", ".zarray")) || File.Exists(Path.Combine(groupPath, "0", "zarr.json")));
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2)]
    [InlineData(ArchiveFormat.ZarrV3)]
    public void WritesAnImageGroupThatOpensAsItsArray(ArchiveFormat format)
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        string group = dir.File("ome.zarr");
        var options = new ConversionOptions { Mode = CodecMode.Lossless, Format = format, Layout = ArchiveStructure.OmeZarr, PixelSize = 0.5, FrameInterval = 0.033 };
        PhotonConverter.Convert(Source(m), group, options);
        JsonObject multiscale;
        if (format == ArchiveFormat.ZarrV2)
        {
            Assert.Equal(2, JsonNode.Parse(File.ReadAllText(Path.Combine(group, ".zgroup")))!["zarr_format"]!.GetValue<int>());
            multiscale = Assert.Single(JsonNode.Parse(File.ReadAllText(Path.Combine(group, ".zattrs")))!["multiscales"]!.AsArray())!.AsObject();
            Assert.Equal("0.4", multiscale["version"]!.GetValue<string>());
        }
        else
        {
            var zarrJson = JsonNode.Parse(File.ReadAllText(Path.Combine(group, "zarr.json")))!;
            Assert.Equal("group", zarrJson["node_type"]!.GetValue<string>());
            Assert.Equal("0.5", zarrJson["attributes"]!["ome"]!["version"]!.GetValue<string>());
            multiscale = Assert.Single(zarrJson["attributes"]!["ome"]!["multiscales"]!.AsArray())!.AsObject();
            Assert.Null(multiscale["version"]);   // 0.5 keeps the version in attributes.ome only
        }
        AssertNgff(multiscale, group, new[] { 0.033, 0.5, 0.5 }, units: true);

        PhotonArchive archive = PhotonArchive.Open(group);
        Assert.Equal(CodecMode.Lossless, archive.Mode);
        var got = new byte[m.ToBytes().Length];
        archive.ReadFrames(0, m.Frames, got);
        Assert.Equal(m.ToBytes(), got);
    }

    [Fact]
    public void WithoutSizesTheScaleIsOneWithNoUnitAndZarrPythonOpensTheV2Group()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        string group = dir.File("ome.zarr");
        PhotonConverter.Convert(Source(m), group, new ConversionOptions { Mode = CodecMode.Lossless, Layout = ArchiveStructure.OmeZarr });
        var multiscale = JsonNode.Parse(File.ReadAllText(Path.Combine(group, ".zattrs")))!["multiscales"]![0]!.AsObject();
        AssertNgff(multiscale, group, new[] { 1.0, 1.0, 1.0 }, units: false);
        string output = Python.Run("""
            import sys, zarr
            g = zarr.open_group(sys.argv[1], mode='r')
            ms = g.attrs['multiscales'][0]
            a = g[ms['datasets'][0]['path']]
            print(a.shape, int(a[11, 15, 9]))
            """, group);
        Assert.Equal($"(12, 16, 10) {m.Levels[^1]}", output.Trim());
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new ConversionOptions { PixelSize = -1 }.Validate());
    }
}
