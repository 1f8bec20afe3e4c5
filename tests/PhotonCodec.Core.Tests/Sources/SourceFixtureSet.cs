using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>An input written by make_source_fixtures.py with the frames (per channel) it must read back as.</summary>
public sealed record SourceCase(string Name, string File, IReadOnlyList<string> Raws, string Dtype, int Frames, int Height, int Width, JsonElement Json)
{
    public string? Str(string key) => Json.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>An input that must fail with the exception kind named in <c>Kind</c> (the ErrorId's suffix) and a message containing <c>Mentions</c>.</summary>
public sealed record SourceErrorCase(string Name, string File, string Kind, string? Mentions);

/// <summary>Runs make_source_fixtures.py once (one python call) for all tests of the non-TIFF and multi-channel sources.</summary>
public sealed class SourceFixtureSet : IDisposable
{
    private readonly TempDir dir = new();

    public SourceFixtureSet()
    {
        string script = System.IO.File.ReadAllText(Path.Combine(RepoPaths.Root(), "tests", "PhotonCodec.Core.Tests", "Sources", "make_source_fixtures.py"));
        string json = Python.Run(script, dir.Path);
        document = JsonDocument.Parse(json);
        Cases = document.RootElement.GetProperty("cases").EnumerateArray().Select(e => new SourceCase(
            e.GetProperty("name").GetString()!, e.GetProperty("file").GetString()!,
            e.GetProperty("raws").EnumerateArray().Select(r => r.GetString()!).ToList(), e.GetProperty("dtype").GetString()!,
            e.GetProperty("frames").GetInt32(), e.GetProperty("height").GetInt32(), e.GetProperty("width").GetInt32(), e)).ToDictionary(c => c.Name);
        Errors = document.RootElement.GetProperty("errors").EnumerateArray().Select(e => new SourceErrorCase(
            e.GetProperty("name").GetString()!, e.GetProperty("file").GetString()!, e.GetProperty("kind").GetString()!,
            e.TryGetProperty("mentions", out JsonElement m) ? m.GetString() : null)).ToDictionary(c => c.Name);
    }

    private readonly JsonDocument document;

    public IReadOnlyDictionary<string, SourceCase> Cases { get; }

    public IReadOnlyDictionary<string, SourceErrorCase> Errors { get; }

    public string Scratch(string name) => dir.File(name);

    /// <summary>Every frame of <paramref name="source"/>, concatenated.</summary>
    public static byte[] ReadAll(IFrameSource source)
    {
        var all = new byte[(long)source.FrameBytes * source.FrameCount];
        for (int i = 0; i < source.FrameCount; i++) source.ReadFrame(i, all.AsSpan(i * source.FrameBytes, source.FrameBytes));
        return all;
    }

    /// <summary>Asserts that <paramref name="set"/> holds exactly the channels <paramref name="c"/> expects, frame for frame.</summary>
    public static void AssertFrames(SourceCase c, FrameSourceSet set)
    {
        Assert.Equal(c.Raws.Count, set.Sources.Count);
        for (int i = 0; i < c.Raws.Count; i++)
        {
            IFrameSource s = set.Sources[i];
            Assert.Equal((c.Frames, c.Height, c.Width, c.Dtype), (s.FrameCount, s.Height, s.Width, s.PixelType.NumpyName()));
            Assert.True(System.IO.File.ReadAllBytes(c.Raws[i]).AsSpan().SequenceEqual(ReadAll(s)), $"{c.Name} channel {i}: frames differ");
        }
    }

    public void Dispose()
    {
        document.Dispose();
        dir.Dispose();
    }
}
