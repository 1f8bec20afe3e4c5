using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>TiffExporter on real archives: every mode, -Raw, descriptions, channel groups, hyperstacks, and what a failure leaves.</summary>
public sealed class TiffExportArchiveTests
{
    private const int Frames = 23, Height = 24, Width = 20;

    private static SyntheticMovie Movie(PixelType type = PixelType.UInt16, int seed = 5, double zero = 200) =>
        SyntheticMovie.Generate(seed, 30, zero, 8, type, Frames, Height, Width, (t, y, x) => 0.5 + (x + y) / 8.0 + (t % 5));

    private static InMemoryFrameSource Source(SyntheticMovie m) => new(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);

    private static ConversionOptions Options(CodecMode mode) =>
        new() { Mode = mode, Gain = 30, ZeroLevel = 200, ReadNoise = 8, ChunkFrames = 10 };

    private static PhotonArchive Archive(TempDir dir, string name, SyntheticMovie m, CodecMode mode)
    {
        string dest = dir.File(name);
        PhotonConverter.Convert(Source(m), dest, Options(mode));
        return PhotonArchive.Open(dest);
    }

    private static byte[] Decoded(PhotonArchive a, bool raw = false)
    {
        var b = new byte[a.FrameCount * a.FramePixels * (raw ? a.StoredType : a.OriginalType).Size()];
        a.ReadFrames(0, a.FrameCount, b, raw);
        return b;
    }

    private static string Sha(byte[] b) => Convert.ToHexString(SHA256.HashData(b)).ToLowerInvariant();

    private const string Report = """
import sys, json, hashlib, tifffile
out = []
for p in sys.argv[1:]:
    with tifffile.TiffFile(p) as t:
        a = t.asarray()
        s = t.series[0]
        out.append({"dtype": str(a.dtype), "shape": list(a.shape), "pages": len(t.pages),
                    "sha256": hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest(),
                    "imagej": t.imagej_metadata, "series_shape": list(s.shape), "series_axes": s.axes,
                    "description": t.pages[0].description})
print(json.dumps(out))
""";

    private static JsonElement[] Tifffile(params string[] paths) =>
        JsonDocument.Parse(Python.Run(Report, paths)).RootElement.EnumerateArray().ToArray();

    [Fact]
    public void LosslessExportsTheOriginalPixelsBitIdentically()
    {
        using var dir = new TempDir();
        var movies = new[] { Movie(PixelType.UInt16), Movie(PixelType.Int16, 6, -50), Movie(PixelType.UInt8, 7, 10) };
        var paths = movies.Select((m, i) =>
            TiffExporter.Export(Archive(dir, $"m{i}.zarr", m, CodecMode.Lossless), dir.File($"m{i}.tif"), new TiffExportOptions()).Destination).ToArray();
        JsonElement[] r = Tifffile(paths);
        for (int i = 0; i < movies.Length; i++)
        {
            Assert.Equal(movies[i].PixelType.NumpyName(), r[i].GetProperty("dtype").GetString());
            Assert.Equal(new[] { Frames, Height, Width }, r[i].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(Sha(movies[i].ToBytes()), r[i].GetProperty("sha256").GetString());
        }
    }

    [Theory]
    [InlineData(CodecMode.Quantized, false)]
    [InlineData(CodecMode.Quantized, true)]
    [InlineData(CodecMode.Float, false)]
    public void LossyAndFloatArchivesExportTheirDecodedLevelsOrWithRawTheirCodes(CodecMode mode, bool raw)
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        PhotonArchive a = Archive(dir, "q.zarr", m, mode);
        TiffExportSummary s = TiffExporter.Export(a, dir.File("q.tif"), new TiffExportOptions { Raw = raw, Compression = TiffCompression.Deflate });
        Assert.Equal(raw ? a.StoredType : PixelType.UInt16, s.PixelType);
        JsonElement r = Tifffile(s.Destination)[0];
        Assert.Equal((raw ? a.StoredType : a.OriginalType).NumpyName(), r.GetProperty("dtype").GetString());
        Assert.Equal(Sha(Decoded(a, raw)), r.GetProperty("sha256").GetString());
        if (!raw)
        {
            // Decoded levels stay within the archive's bounds of the original (checked the way Test-PhotonRoundTrip does).
            using TiffFrameSource exported = TiffFrameSource.Open(s.Destination);
            RoundTripStatistics stats = RoundTripVerifier.Compare(Source(m), PhotonArchive.Open(dir.File("q.zarr")));
            Assert.Null(new RoundTripBounds(mode, a.Parameters).Check(stats));
            var pixels = new byte[exported.FrameBytes * Frames];
            for (int t = 0; t < Frames; t++) exported.ReadFrame(t, pixels.AsSpan(t * exported.FrameBytes, exported.FrameBytes));
            Assert.Equal(Decoded(a), pixels);
            if (mode == CodecMode.Quantized) Assert.NotEqual(m.ToBytes(), pixels);
        }
    }

    [Fact]
    public void TheRecordedImageDescriptionIsRestoredOnTheFirstPage()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        string description = $"ImageJ=1.53t\nimages={Frames}\nframes={Frames}\nunit=micron\nfinterval=0.033\nloop=false\n";
        string tif = dir.File("src.tif");
        using (var stream = new FileStream(tif, FileMode.CreateNew))
        using (var w = TiffStackWriter.Create(stream, tif, Width, Height, PixelType.UInt16))
        {
            byte[] px = m.ToBytes();
            for (int t = 0; t < Frames; t++) w.WritePage(px.AsSpan(t * w.FrameBytes, w.FrameBytes), t == 0 ? description : null);
            w.Close();
        }
        using (TiffFrameSource src = TiffFrameSource.Open(tif))
            PhotonConverter.Convert(src, dir.File("src.zarr"), Options(CodecMode.Lossless));
        PhotonArchive a = PhotonArchive.Open(dir.File("src.zarr"));

        TiffExportSummary s = TiffExporter.Export(a, dir.File("out.tif"), new TiffExportOptions());
        Assert.True(s.DescriptionRestored);
        using (TiffFrameSource back = TiffFrameSource.Open(s.Destination)) Assert.Equal(description, back.ImageDescription);
        JsonElement r = Tifffile(s.Destination)[0];
        Assert.Equal("micron", r.GetProperty("imagej").GetProperty("unit").GetString());
        Assert.Equal(Sha(m.ToBytes()), r.GetProperty("sha256").GetString());

        TiffExportSummary raw = TiffExporter.Export(a, dir.File("raw.tif"), new TiffExportOptions { Raw = true });
        Assert.False(raw.DescriptionRestored);
    }

    [Fact]
    public void AnImageJHeaderIsMadeToMatchThePagesWritten()
    {
        const string recorded = "ImageJ=1.53t\nimages=20\nchannels=2\nframes=10\nhyperstack=true\nmode=composite\nunit=micron\nloop=false\n";
        Assert.Equal("ImageJ=1.11a\nimages=10\nframes=10\nunit=micron\nloop=false\n", TiffExportDescription.ForStack(recorded, 10));
        Assert.Equal("ImageJ=1.11a\nimages=20\nchannels=2\nframes=10\nhyperstack=true\nmode=grayscale\nunit=micron\nloop=false\n",
            TiffExportDescription.ImageJ(recorded, 2, 10));
        Assert.Equal("ImageJ=1.11a\nimages=5\nslices=5\nspacing=2\n", TiffExportDescription.ForStack("ImageJ=1.52\nimages=9\nslices=9\nspacing=2\n", 5));
        const string same = "ImageJ=1.53t\nimages=10\nframes=10\n";
        Assert.Same(same, TiffExportDescription.ForStack(same, 10));
        Assert.Equal("state.acq.frameRate=30", TiffExportDescription.ForStack("state.acq.frameRate=30", 10));
        Assert.Null(TiffExportDescription.ForStack(null, 10));
    }

    private static PhotonArchiveGroup Group(TempDir dir, CodecMode mode, params SyntheticMovie[] channels)
    {
        string group = dir.File("g.zarr");
        Directory.CreateDirectory(group);
        File.WriteAllText(Path.Combine(group, ".zgroup"), "{\"zarr_format\": 2}");
        for (int c = 0; c < channels.Length; c++) PhotonConverter.Convert(Source(channels[c]), Path.Combine(group, "c" + c), Options(mode));
        Assert.True(PhotonArchiveGroup.IsGroup(group));
        return PhotonArchiveGroup.Open(group);
    }

    [Fact]
    public void AGroupExportsOneTiffPerChannelOrOneImageJHyperstack()
    {
        using var dir = new TempDir();
        SyntheticMovie c0 = Movie(seed: 1), c1 = Movie(seed: 2, zero: 300);
        PhotonArchiveGroup g = Group(dir, CodecMode.Lossless, c0, c1);
        Assert.Equal(new[] { "c0", "c1" }, g.ChannelNames);

        var files = TiffExporter.ExportChannels(g, new[] { dir.File("g_c0.tif"), dir.File("g_c1.tif") }, new TiffExportOptions());
        TiffExportSummary hs = TiffExporter.ExportHyperstack(g, dir.File("g.tif"), new TiffExportOptions { Compression = TiffCompression.Deflate });
        Assert.Equal(2, hs.Channels);
        JsonElement[] r = Tifffile(files[0].Destination, files[1].Destination, hs.Destination);
        Assert.Equal(Sha(c0.ToBytes()), r[0].GetProperty("sha256").GetString());
        Assert.Equal(Sha(c1.ToBytes()), r[1].GetProperty("sha256").GetString());

        JsonElement h = r[2];
        Assert.Equal(2 * Frames, h.GetProperty("pages").GetInt32());
        Assert.Equal(2, h.GetProperty("imagej").GetProperty("channels").GetInt32());
        Assert.Equal(Frames, h.GetProperty("imagej").GetProperty("frames").GetInt32());
        Assert.True(h.GetProperty("imagej").GetProperty("hyperstack").GetBoolean());
        Assert.Equal("TCYX", h.GetProperty("series_axes").GetString());
        Assert.Equal(new[] { Frames, 2, Height, Width }, h.GetProperty("series_shape").EnumerateArray().Select(e => e.GetInt32()));
        // [t, c, y, x] order: frame t of c0, then frame t of c1.
        int fb = Height * Width * 2;
        byte[] a = c0.ToBytes(), b = c1.ToBytes(), expected = new byte[2 * a.Length];
        for (int t = 0; t < Frames; t++)
        {
            Array.Copy(a, t * fb, expected, 2 * t * fb, fb);
            Array.Copy(b, t * fb, expected, (2 * t + 1) * fb, fb);
        }
        Assert.Equal(Sha(expected), h.GetProperty("sha256").GetString());
    }

    [Fact]
    public void AHyperstackNeedsChannelsOfOneShape()
    {
        using var dir = new TempDir();
        SyntheticMovie small = SyntheticMovie.Generate(3, 30, 200, 8, PixelType.UInt16, Frames, 12, Width, (_, _, _) => 2);
        PhotonArchiveGroup g = Group(dir, CodecMode.Lossless, Movie(), small);
        var e = Assert.Throws<PhotonInputException>(() => TiffExporter.ExportHyperstack(g, dir.File("h.tif"), new TiffExportOptions()));
        Assert.Contains("c1", e.Message);
        Assert.False(File.Exists(dir.File("h.tif")));
    }

    [Fact]
    public void AGroupWithoutChannelArraysOrWithAGapIsRefused()
    {
        using var dir = new TempDir();
        string g = dir.File("empty.zarr");
        Directory.CreateDirectory(g);
        File.WriteAllText(Path.Combine(g, ".zgroup"), "{\"zarr_format\": 2}");
        Assert.Throws<PhotonCodec.Core.Stores.ZarrFormatException>(() => PhotonArchiveGroup.Open(g));
        PhotonConverter.Convert(Source(Movie()), Path.Combine(g, "c1"), Options(CodecMode.Lossless));
        var e = Assert.Throws<PhotonCodec.Core.Stores.ZarrFormatException>(() => PhotonArchiveGroup.Open(g));
        Assert.Contains("c0 is missing", e.Message);
        Assert.False(PhotonArchiveGroup.IsGroup(Path.Combine(g, "c1")));
    }

    [Fact]
    public void AnExistingDestinationIsKeptUnlessOverwriteAndThenReplacedWhole()
    {
        using var dir = new TempDir();
        PhotonArchive a = Archive(dir, "a.zarr", Movie(), CodecMode.Lossless);
        string dest = dir.File("a.tif");
        File.WriteAllText(dest, "keep");
        Assert.Throws<ExportDestinationExistsException>(() => TiffExporter.Export(a, dest, new TiffExportOptions()));
        Assert.Equal("keep", File.ReadAllText(dest));
        TiffExportSummary s = TiffExporter.Export(a, dest, new TiffExportOptions { Overwrite = true });
        Assert.Equal(new FileInfo(dest).Length, s.Bytes);
        using TiffFrameSource back = TiffFrameSource.Open(dest);
        Assert.Equal(Frames, back.FrameCount);
        Assert.Equal(new[] { "a.tif" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void CancellationOrACorruptChunkLeavesNothing()
    {
        using var dir = new TempDir();
        PhotonArchive a = Archive(dir, "a.zarr", Movie(), CodecMode.Lossless);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfterFirstReport(cts);
        Assert.ThrowsAny<OperationCanceledException>(() => TiffExporter.Export(a, dir.File("a.tif"), new TiffExportOptions(), progress, cts.Token));
        Assert.Empty(Directory.GetFiles(dir.Path));

        string chunk = Path.Combine(a.Path, "1.0.0");
        byte[] bytes = File.ReadAllBytes(chunk);
        for (int i = 40; i < bytes.Length - 8; i += 5) bytes[i] ^= 0x5A;
        File.WriteAllBytes(chunk, bytes);
        Assert.ThrowsAny<Exception>(() => TiffExporter.Export(PhotonArchive.Open(a.Path), dir.File("a.tif"), new TiffExportOptions()));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    private sealed class CancelAfterFirstReport : IProgress<ConversionProgress>
    {
        private readonly CancellationTokenSource _cts;
        public CancelAfterFirstReport(CancellationTokenSource cts) => _cts = cts;
        public void Report(ConversionProgress value)
        {
            if (value.FramesDone > 0) _cts.Cancel();
        }
    }
}
