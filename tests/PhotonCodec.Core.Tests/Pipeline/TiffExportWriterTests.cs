using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using BitMiracle.LibTiff.Classic;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;
using ZstdSharp;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>TiffStackWriter against tifffile (Debian's, without imagecodecs: it decodes None and Deflate) and our LibTiff reader.</summary>
public sealed class TiffExportWriterTests
{
    private const int Frames = 3, Height = 37, Width = 29; // odd sizes: partial last strip, rows not a multiple of anything

    private static readonly PixelType[] Types = { PixelType.UInt8, PixelType.Int16, PixelType.UInt16, PixelType.Float32 };

    /// <summary>Seeded pixels covering the type's extremes (and NaN/-0 for floats), frame after frame.</summary>
    private static byte[] Pixels(PixelType type, int seed)
    {
        var rng = new Random(seed);
        int n = Frames * Height * Width;
        var bytes = new byte[n * type.Size()];
        rng.NextBytes(bytes);
        if (type == PixelType.Float32)
        {
            Span<float> f = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
            for (int i = 0; i < f.Length; i++) f[i] = (float)((rng.NextDouble() - 0.3) * 1e4);
            f[0] = float.NaN; f[1] = -0f; f[2] = float.MaxValue; f[3] = float.Epsilon;
        }
        else
        {
            // A smooth ramp in half the pixels so the predictor matters, noise in the others.
            int size = type.Size();
            for (int i = 0; i < n; i += 2) bytes[i * size] = (byte)(i % 251);
        }
        return bytes;
    }

    private static string Write(string path, PixelType type, byte[] pixels, TiffCompression compression, bool bigTiff = false,
        string? description = null)
    {
        int frameBytes = Height * Width * type.Size();
        using var stream = new FileStream(path, FileMode.CreateNew);
        using var writer = TiffStackWriter.Create(stream, path, Width, Height, type, compression, bigTiff);
        for (int t = 0; t < Frames; t++) writer.WritePage(pixels.AsSpan(t * frameBytes, frameBytes), t == 0 ? description : null);
        writer.Close();
        Assert.Equal(Frames, writer.PagesWritten);
        return path;
    }

    private const string TifffileReport = """
import sys, json, hashlib, tifffile
out = []
for p in sys.argv[1:]:
    with tifffile.TiffFile(p) as t:
        page = t.pages[0]
        r = {"path": p, "bigtiff": t.is_bigtiff, "pages": len(t.pages), "compression": int(page.compression), "predictor": int(page.predictor),
             "dtype": str(page.dtype), "shape": list(page.shape),
             "description0": page.description, "description1": t.pages[1].description if len(t.pages) > 1 else None}
        if int(page.compression) in (1, 8):
            a = t.asarray()
            r["stack_shape"] = list(a.shape)
            r["sha256"] = hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()
        out.append(r)
print(json.dumps(out))
""";

    private static JsonElement[] Tifffile(params string[] paths) =>
        JsonDocument.Parse(Python.Run(TifffileReport, paths)).RootElement.EnumerateArray().ToArray();

    private static string Sha(byte[] b) => Convert.ToHexString(SHA256.HashData(b)).ToLowerInvariant();

    [Fact]
    public void EveryDtypeAndCompressionReadsBackBitIdenticalInTifffileAndOurReader()
    {
        using var dir = new TempDir();
        var cases = new List<(string Path, PixelType Type, TiffCompression Compression, byte[] Pixels)>();
        int seed = 0;
        foreach (PixelType type in Types)
        {
            foreach (TiffCompression c in new[] { TiffCompression.None, TiffCompression.Deflate, TiffCompression.LZW })
            {
                byte[] px = Pixels(type, seed++);
                cases.Add((Write(dir.File($"{type}-{c}.tif"), type, px, c), type, c, px));
            }
        }

        JsonElement[] report = Tifffile(cases.Select(c => c.Path).ToArray());
        for (int i = 0; i < cases.Count; i++)
        {
            var (path, type, compression, px) = cases[i];
            JsonElement r = report[i];
            Assert.Equal(type.NumpyName(), r.GetProperty("dtype").GetString());
            Assert.Equal(Frames, r.GetProperty("pages").GetInt32());
            Assert.False(r.GetProperty("bigtiff").GetBoolean());
            Assert.Equal(compression switch { TiffCompression.Deflate => 8, TiffCompression.LZW => 5, _ => 1 }, r.GetProperty("compression").GetInt32());
            Assert.Equal(compression != TiffCompression.None && type != PixelType.Float32 ? 2 : 1, r.GetProperty("predictor").GetInt32());
            if (compression != TiffCompression.LZW)
            {
                Assert.Equal(new[] { Frames, Height, Width }, r.GetProperty("stack_shape").EnumerateArray().Select(e => e.GetInt32()));
                Assert.Equal(Sha(px), r.GetProperty("sha256").GetString());
            }

            using TiffFrameSource back = TiffFrameSource.Open(path);
            Assert.Equal(type, back.PixelType);
            var read = new byte[px.Length];
            for (int t = 0; t < Frames; t++) back.ReadFrame(t, read.AsSpan(t * back.FrameBytes, back.FrameBytes));
            Assert.Equal(px, read);
        }
    }

    [Fact]
    public void CompressionMakesSmoothDataSmallerAndPredictorIsSetForIntegersOnly()
    {
        using var dir = new TempDir();
        var ramp = new byte[Frames * Height * Width * 2];
        Span<ushort> v = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(ramp.AsSpan());
        for (int i = 0; i < v.Length; i++) v[i] = (ushort)(1000 + i % Width * 3);
        long none = new FileInfo(Write(dir.File("n.tif"), PixelType.UInt16, ramp, TiffCompression.None)).Length;
        string deflate = Write(dir.File("d.tif"), PixelType.UInt16, ramp, TiffCompression.Deflate);
        Assert.True(new FileInfo(deflate).Length * 4 < none, "Deflate with the predictor stores a ramp at least 4× smaller.");
        Assert.True(none >= (long)ramp.Length, "uncompressed holds every byte");
        Assert.Equal(2, TagOf(deflate, TiffTag.PREDICTOR));
        string f = Write(dir.File("f.tif"), PixelType.Float32, Pixels(PixelType.Float32, 7), TiffCompression.Deflate);
        Assert.Null(TagOf(f, TiffTag.PREDICTOR));
    }

    [Fact]
    public void BigTiffFlagWritesBigTiffThatBothReadersOpen()
    {
        using var dir = new TempDir();
        byte[] px = Pixels(PixelType.UInt16, 3);
        string big = Write(dir.File("big.tif"), PixelType.UInt16, px, TiffCompression.Deflate, bigTiff: true);
        string classic = Write(dir.File("classic.tif"), PixelType.UInt16, px, TiffCompression.None);
        byte[] header = File.ReadAllBytes(big).Take(4).ToArray();
        Assert.Equal(new byte[] { (byte)'I', (byte)'I', 43, 0 }, header);
        Assert.Equal(42, File.ReadAllBytes(classic)[2]);
        JsonElement[] r = Tifffile(big, classic);
        Assert.True(r[0].GetProperty("bigtiff").GetBoolean());
        Assert.False(r[1].GetProperty("bigtiff").GetBoolean());
        Assert.Equal(Sha(px), r[0].GetProperty("sha256").GetString());
        using TiffFrameSource back = TiffFrameSource.Open(big);
        Assert.True(back.IsBigTiff);
    }

    [Fact]
    public void BigTiffIsChosenFromTheSizeAbove4GiB()
    {
        Assert.False(TiffExporter.NeedsBigTiff(1000, 512 * 512 * 2));               // 0.5 GiB
        Assert.False(TiffExporter.NeedsBigTiff(8000, 512 * 512 * 2));               // 3.9 GiB
        Assert.True(TiffExporter.NeedsBigTiff(8192, 512 * 512 * 2));                // 4 GiB of pixels alone
        Assert.True(TiffExporter.NeedsBigTiff(1, 5L << 30));
        Assert.True(TiffExporter.NeedsBigTiff(8000, 512 * 512 * 2, 100 << 20));     // a large description tips it over
    }

    [Fact]
    public void DescriptionGoesOnTheFirstPageExactly()
    {
        using var dir = new TempDir();
        const string description = "ImageJ=1.53t\nimages=3\nframes=3\nunit=micron\nfinterval=0.033\nloop=false\n";
        string p = Write(dir.File("d.tif"), PixelType.Int16, Pixels(PixelType.Int16, 4), TiffCompression.None, description: description);
        JsonElement r = Tifffile(p)[0];
        // tifffile strips trailing whitespace from descriptions; our reader returns the tag's bytes as written.
        Assert.Equal(description.TrimEnd(), r.GetProperty("description0").GetString());
        Assert.NotEqual(description, r.GetProperty("description1").GetString());
        using TiffFrameSource back = TiffFrameSource.Open(p);
        Assert.Equal(description, back.ImageDescription);
        Assert.Equal("PhotonCodec", back.Software);
    }

    [Fact]
    public void ZstdStripsAreZstdFramesOfThePixels()
    {
        using var dir = new TempDir();
        byte[] px = Pixels(PixelType.UInt16, 5);
        string p = Write(dir.File("z.tif"), PixelType.UInt16, px, TiffCompression.Zstd);
        Assert.Equal(50000, TagOf(p, TiffTag.COMPRESSION));
        using Tiff tif = Tiff.Open(p, "r");
        using var zstd = new Decompressor();
        var decoded = new List<byte>();
        do
        {
            for (int s = 0; s < tif.NumberOfStrips(); s++)
            {
                var raw = new byte[tif.RawStripSize(s)];
                Assert.Equal(raw.Length, tif.ReadRawStrip(s, raw, 0, raw.Length));
                byte[] strip = zstd.Unwrap(raw).ToArray();
                HorizontalPredictor.Undo(strip, Width, 2);
                decoded.AddRange(strip);
            }
        } while (tif.ReadDirectory());
        Assert.Equal(px, decoded.ToArray());
        JsonElement r = Tifffile(p)[0]; // tifffile (without imagecodecs) reads the tags, not the pixels
        Assert.Equal(50000, r.GetProperty("compression").GetInt32());
        Assert.Equal(2, r.GetProperty("predictor").GetInt32());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void HorizontalDifferencingIsUndoneByARunningSumModuloTheSampleSize(int size)
    {
        var rng = new Random(size);
        var rows = new byte[3 * 11 * size];
        rng.NextBytes(rows);
        byte[] original = (byte[])rows.Clone();
        HorizontalPredictor.Apply(rows, 11, size);
        Assert.Equal(original.AsSpan(0, size).ToArray(), rows.AsSpan(0, size).ToArray()); // the first sample of a row stays
        Assert.NotEqual(original, rows);
        HorizontalPredictor.Undo(rows, 11, size);
        Assert.Equal(original, rows);
        var small = new byte[] { 10, 0, 3, 0, 1, 0 }; // uint16 10, 3, 1 → 10, -7, -2 (mod 2^16)
        HorizontalPredictor.Apply(small, 3, 2);
        Assert.Equal(new byte[] { 10, 0, 0xF9, 0xFF, 0xFE, 0xFF }, small);
    }

    [Fact]
    public void ShortPageIsRefused()
    {
        using var dir = new TempDir();
        using var stream = new FileStream(dir.File("s.tif"), FileMode.CreateNew);
        using var writer = TiffStackWriter.Create(stream, "s.tif", Width, Height, PixelType.UInt16);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePage(new byte[10]));
    }

    private static int? TagOf(string path, TiffTag tag)
    {
        using Tiff tif = Tiff.Open(path, "r");
        FieldValue[]? v = tif.GetField(tag);
        return v is { Length: > 0 } ? v[0].ToInt() : null;
    }
}
