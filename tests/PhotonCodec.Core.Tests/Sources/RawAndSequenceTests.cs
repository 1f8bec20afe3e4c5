using System.Collections.Generic;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>Raw binaries (-RawShape/-RawDType/-RawByteOrder) and TIFF sequences (-AsSequence).</summary>
public sealed class RawAndSequenceTests : IClassFixture<SourceFixtureSet>
{
    private readonly SourceFixtureSet fx;

    public RawAndSequenceTests(SourceFixtureSet fx) => this.fx = fx;

    [Fact]
    public void RawFramesAreDerivedFromTheFileSizeOrGiven()
    {
        SourceCase c = fx.Cases["raw"];
        using (FrameSourceSet derived = FrameSourceFactory.Open(c.File, new SourceOptions { RawShape = new long[] { 16, 12 }, RawDType = PixelType.UInt16 }))
            SourceFixtureSet.AssertFrames(c, derived);
        using (FrameSourceSet given = FrameSourceFactory.Open(c.File, new SourceOptions { RawShape = new long[] { 24, 16, 12 }, RawDType = PixelType.UInt16 }))
            SourceFixtureSet.AssertFrames(c, given);
    }

    [Fact]
    public void BigEndianRawIsSwapped()
    {
        SourceCase c = fx.Cases["raw_big_endian"];
        using FrameSourceSet set = FrameSourceFactory.Open(c.File, new SourceOptions { RawShape = new long[] { 16, 12 }, RawDType = PixelType.Int16, RawBigEndian = true });
        SourceFixtureSet.AssertFrames(c, set);
        Assert.Equal("big", set.Source.Metadata["byte_order"]);
    }

    [Fact]
    public void RawOfTheWrongSizeIsRefusedWithTheNumbers()
    {
        string file = fx.Errors["wrong_size"].File;
        var derived = Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(file, new SourceOptions { RawShape = new long[] { 16, 12 }, RawDType = PixelType.UInt16 }));
        Assert.Contains("9219 bytes", derived.Message);
        Assert.Contains("384 bytes", derived.Message);
        Assert.Contains("3 bytes left over", derived.Message);
        var given = Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(fx.Cases["raw"].File, new SourceOptions { RawShape = new long[] { 25, 16, 12 }, RawDType = PixelType.UInt16 }));
        Assert.Contains("25 × 384 = 9600 bytes", given.Message);
        Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(file, new SourceOptions { RawShape = new long[] { 16, 12 } }));
    }

    [Fact]
    public void SequenceIsReadInNaturalOrderWithEveryFileHashed()
    {
        SourceCase c = fx.Cases["sequence"];
        using FrameSourceSet set = FrameSourceFactory.OpenSequence(c.File, new[] { c.File });
        SourceFixtureSet.AssertFrames(c, set);
        var files = ((List<object?>)set.Source.Metadata["files"]!).Cast<Dictionary<string, object?>>().ToList();
        string[] expectedNames = c.Json.GetProperty("files").EnumerateArray().Select(f => Path.GetFileName(f.GetString()!)).ToArray();
        string[] expectedHashes = c.Json.GetProperty("sha256").EnumerateArray().Select(h => h.GetString()!).ToArray();
        Assert.Equal(expectedNames, files.Select(f => (string)f["file_name"]!));
        Assert.Equal(expectedHashes, files.Select(f => (string)f["sha256"]!));
        Assert.Equal("frame_2.tif", expectedNames[2]);
        Assert.Equal("frame_10.tif", expectedNames[10]);
    }

    [Fact]
    public void PipedFilesInAnyOrderAreSortedNaturally()
    {
        SourceCase c = fx.Cases["sequence"];
        string[] shuffled = Directory.GetFiles(c.File).OrderByDescending(f => f, System.StringComparer.Ordinal).ToArray();
        using FrameSourceSet set = FrameSourceFactory.OpenSequence(c.File, shuffled);
        SourceFixtureSet.AssertFrames(c, set);
    }

    [Theory]
    [InlineData("frame_2.tif", "frame_10.tif")]
    [InlineData("a9", "a10")]
    [InlineData("img001.tif", "img002.tif")]
    [InlineData("run1/frame_9.tif", "run2/frame_1.tif")]
    public void NaturalOrderComparesDigitRunsAsNumbers(string first, string second)
    {
        Assert.True(NaturalOrder.Instance.Compare(first, second) < 0);
        Assert.True(NaturalOrder.Instance.Compare(second, first) > 0);
    }
}
