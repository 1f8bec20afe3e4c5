using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>One TIFF written by make_tiff_fixtures.py, with the raw little-endian frames it must read back as.</summary>
public sealed record TiffCase(
    string Name, string Tif, string Raw, string Dtype, int Frames, int Height, int Width,
    bool BigTiff, bool BigEndian, int Compression, int Predictor, bool Tiled,
    string? Description, string? Software, string? Sha256, long FileSize);

/// <summary>A file that must fail: <c>Kind</c> is "unsupported" or "corrupt"; <c>Page</c> null (no page), -1 (any page) or the page.</summary>
public sealed record TiffErrorCase(string Name, string Tif, string Kind, int? Page);

/// <summary>Runs make_tiff_fixtures.py once (one python call) for all TIFF source tests.</summary>
public sealed class TiffFixtureSet : IDisposable
{
    private readonly TempDir dir = new();

    public TiffFixtureSet()
    {
        string script = File.ReadAllText(Path.Combine(RepoPaths.Root(), "tests", "PhotonCodec.Core.Tests", "Sources", "make_tiff_fixtures.py"));
        RealDataDir = RepoPaths.SharedData;
        string json = Python.Run(script, dir.Path, RealDataDir);
        using JsonDocument doc = JsonDocument.Parse(json);
        Cases = doc.RootElement.GetProperty("cases").EnumerateArray().Select(ReadCase).ToDictionary(c => c.Name);
        Real = doc.RootElement.GetProperty("real").EnumerateArray().Select(ReadCase).ToList();
        Errors = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => new TiffErrorCase(
            e.GetProperty("name").GetString()!, e.GetProperty("tif").GetString()!, e.GetProperty("kind").GetString()!,
            e.GetProperty("page").ValueKind == JsonValueKind.Null ? null : e.GetProperty("page").GetInt32())).ToList();
    }

    public IReadOnlyDictionary<string, TiffCase> Cases { get; }

    public IReadOnlyList<TiffCase> Real { get; }

    public List<TiffErrorCase> Errors { get; }

    public string RealDataDir { get; }

    public string Scratch(string name) => dir.File(name);

    public void Dispose() => dir.Dispose();

    private static TiffCase ReadCase(JsonElement e)
    {
        string? Str(string key) => e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int Int(string key, int fallback = 0) => e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;
        bool Bool(string key) => e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.True;
        return new TiffCase(
            Str("name")!, Str("tif")!, Str("raw")!, Str("dtype")!, Int("frames"), Int("height"), Int("width"),
            Bool("bigtiff"), Bool("bigendian"), Int("compression"), Int("predictor", 1), Bool("tiled"),
            Str("description"), Str("software"), Str("sha256"),
            e.TryGetProperty("file_size", out JsonElement fs) ? fs.GetInt64() : 0);
    }
}

[CollectionDefinition(Name)]
public sealed class TiffFixtureCollection : ICollectionFixture<TiffFixtureSet>
{
    public const string Name = "TIFF fixtures";
}
