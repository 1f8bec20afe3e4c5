using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Sources;

[Collection(TiffFixtureCollection.Name)]
public sealed class TiffFrameSourceReadTests
{
    private readonly TiffFixtureSet fx;

    public TiffFrameSourceReadTests(TiffFixtureSet fx) => this.fx = fx;

    [Fact]
    public void EveryGeneratedFileReadsBackExactlyAsNumpyWroteIt()
    {
        var failures = new List<string>();
        foreach (TiffCase c in fx.Cases.Values)
        {
            try
            {
                CheckCase(c, checkFlags: true);
            }
            catch (Exception e)
            {
                failures.Add($"{c.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // the matrix the spec asks for is really there
        string[] dtypes = { "uint8", "int8", "uint16", "int16", "uint32", "int32", "float32" };
        foreach (string d in dtypes) Assert.Contains(fx.Cases.Values, c => c.Dtype == d);
        foreach (int comp in new[] { 1, 5, 8, 32946, 32773 })
        {
            Assert.Contains(fx.Cases.Values, c => c.Compression == comp && c.BigEndian);
            Assert.Contains(fx.Cases.Values, c => c.Compression == comp && !c.BigEndian);
            Assert.Contains(fx.Cases.Values, c => c.Compression == comp && c.Tiled);
            Assert.Contains(fx.Cases.Values, c => c.Compression == comp && !c.Tiled);
        }
        Assert.Contains(fx.Cases.Values, c => c.Predictor == 2 && c.BigEndian);
        Assert.Contains(fx.Cases.Values, c => c.Predictor == 2 && c.Tiled);
        Assert.Contains(fx.Cases.Values, c => c.Predictor == 3 && c.Tiled && c.BigEndian);
        Assert.Contains(fx.Cases.Values, c => c.Predictor == 3 && c.Dtype == "float64");
        Assert.Contains(fx.Cases.Values, c => c.BigTiff && !c.BigEndian);
    }

    [Fact]
    public void RealMoviesMatchTifffile()
    {
        Assert.True(Directory.Exists(fx.RealDataDir), $"{fx.RealDataDir} is missing");
        Assert.Equal(Directory.GetFiles(fx.RealDataDir, "*.tif").Length, fx.Real.Count);
        Assert.NotEmpty(fx.Real);
        foreach (TiffCase c in fx.Real) CheckCase(c, checkFlags: false);
    }

    [Fact]
    public void RandomAccessInAnyOrderGivesTheSameFrames()
    {
        foreach (string name in new[] { "uint16_lzw_be_strips_pred", "int32_adobe_deflate_be_tiles_pred", "bigtiff_le_lzw_tiles", "imagej_tzyx_be" })
        {
            TiffCase c = fx.Cases[name];
            byte[] raw = File.ReadAllBytes(c.Raw);
            using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
            var frame = new byte[source.FrameBytes];
            int[] order = Enumerable.Range(0, source.FrameCount).Reverse().Concat(new[] { 1, 1, 0, source.FrameCount - 1, 0 }).ToArray();
            foreach (int i in order)
            {
                Array.Clear(frame, 0, frame.Length);
                source.ReadFrame(i, frame);
                Assert.True(raw.AsSpan(i * source.FrameBytes, source.FrameBytes).SequenceEqual(frame), $"{name} frame {i}");
            }
        }
    }

    [Fact]
    public void MoreThan32767PagesAreCountedAndReachableDirectly()
    {
        TiffCase c = fx.Cases["many_pages"];
        byte[] raw = File.ReadAllBytes(c.Raw);
        using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
        Assert.Equal(33000, source.FrameCount);
        var frame = new byte[source.FrameBytes];
        foreach (int i in new[] { 32999, 0, 32767, 32768, 17, 32999, 20000 })
        {
            source.ReadFrame(i, frame);
            Assert.True(raw.AsSpan(i * 6, 6).SequenceEqual(frame), $"frame {i}");
        }
        Assert.Equal(33000L, source.Metadata["pages"]);
    }

    [Theory]
    [InlineData("large_none", 1)]
    [InlineData("large_deflate", 12)]
    public void ReadingAFrameAllocatesAFewFramesNotTheFile(string name, int framesAllowed)
    {
        // Per-thread allocation count, so other tests running in parallel do not disturb it. Deflate pays for
        // LibTiff.NET's inflater state per strip (garbage, not retained); uncompressed reads allocate almost nothing.
        TiffCase c = fx.Cases[name];
        byte[] raw = File.ReadAllBytes(c.Raw);
        using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
        var frame = new byte[source.FrameBytes];
        source.ReadFrame(0, frame); // warm-up: scratch buffer, JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < source.FrameCount; i++) source.ReadFrame(i, frame);
        long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / (source.FrameCount - 1);
        long fileBytes = new FileInfo(c.Tif).Length;
        Assert.True(perFrame < (long)framesAllowed * source.FrameBytes,
            $"{perFrame} bytes allocated per {source.FrameBytes}-byte frame of a {fileBytes}-byte file");
        long moviePixels = (long)source.FrameCount * source.FrameBytes;
        Assert.True(perFrame * 4 < moviePixels, $"{perFrame} bytes allocated per frame of a movie of {moviePixels} pixel bytes");
        Assert.True(raw.AsSpan((source.FrameCount - 1) * source.FrameBytes).SequenceEqual(frame));
    }

    [Fact]
    public void ArgumentsAreCheckedAndDisposedSourcesRefuseToRead()
    {
        TiffCase c = fx.Cases["uint16_none_le_strips"];
        TiffFrameSource source = TiffFrameSource.Open(c.Tif);
        var frame = new byte[source.FrameBytes];
        Assert.Throws<ArgumentOutOfRangeException>(() => source.ReadFrame(-1, frame));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.ReadFrame(source.FrameCount, frame));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.ReadFrame(0, new byte[source.FrameBytes - 1]));
        var larger = new byte[source.FrameBytes + 7];
        larger[^1] = 0xAB;
        source.ReadFrame(2, larger);
        Assert.Equal(0xAB, larger[^1]);
        source.Dispose();
        source.Dispose();
        Assert.Throws<ObjectDisposedException>(() => source.ReadFrame(0, frame));
        // the file is no longer held open
        File.Move(c.Tif, c.Tif + ".moved");
        File.Move(c.Tif + ".moved", c.Tif);
    }

    private static void CheckCase(TiffCase c, bool checkFlags)
    {
        byte[] raw = File.ReadAllBytes(c.Raw);
        using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
        Assert.Equal(Path.GetFullPath(c.Tif), source.Description);
        Assert.Equal(c.Frames, source.FrameCount);
        Assert.Equal(c.Height, source.Height);
        Assert.Equal(c.Width, source.Width);
        Assert.Equal(c.Dtype, source.PixelType.NumpyName());
        Assert.Equal(c.Height * c.Width * source.PixelType.Size(), source.FrameBytes);
        if (checkFlags)
        {
            Assert.Equal(c.BigTiff, source.IsBigTiff);
            Assert.Equal(c.BigEndian, source.IsBigEndian);
        }
        Assert.Equal((long)source.FrameCount * source.FrameBytes, raw.Length);
        var frame = new byte[source.FrameBytes];
        for (int i = 0; i < source.FrameCount; i++)
        {
            frame.AsSpan().Fill(0x5A);
            source.ReadFrame(i, frame);
            ReadOnlySpan<byte> expected = raw.AsSpan(i * source.FrameBytes, source.FrameBytes);
            if (!expected.SequenceEqual(frame))
            {
                int at = 0;
                while (expected[at] == frame[at]) at++;
                throw new Xunit.Sdk.XunitException($"frame {i} differs from numpy at byte {at} (pixel {at / source.PixelType.Size()}): {expected[at]} vs {frame[at]}");
            }
        }
    }
}
