using System;
using System.IO;
using System.Linq;
using System.Threading;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Pipeline;

public sealed class PhotonConverterTests
{
    private static SyntheticMovie Movie(PixelType type = PixelType.UInt16, int frames = 23) =>
        SyntheticMovie.Generate(5, 30, 200, 8, type, frames, 24, 20, (t, y, x) => 0.5 + (x + y) / 8.0 + (t % 5));

    private static InMemoryFrameSource Source(SyntheticMovie m) => new(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);

    [Theory]
    [InlineData(CodecMode.Lossless)]
    [InlineData(CodecMode.Float)]
    [InlineData(CodecMode.Quantized)]
    public void ConvertsAndReadsBackEveryMode(CodecMode mode)
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        string dest = dir.File("movie.zarr");
        var options = new ConversionOptions { Mode = mode, Gain = 30, ZeroLevel = 200, ReadNoise = 8, ChunkFrames = 10 };
        ConversionSummary s = PhotonConverter.Convert(Source(m), dest, options);
        Assert.Equal(m.Frames, s.Frames);
        Assert.Equal(3, Directory.GetFiles(dest).Count(f => char.IsDigit(Path.GetFileName(f)[0])));

        PhotonArchive archive = PhotonArchive.Open(dest);
        Assert.Equal(mode, archive.Mode);
        Assert.Equal(PixelType.UInt16, archive.OriginalType);
        var decoded = new byte[m.Frames * archive.FramePixels * 2];
        archive.ReadFrames(0, m.Frames, decoded);
        var stats = RoundTripVerifier.Compare(Source(m), archive);
        var bounds = new RoundTripBounds(mode, archive.Parameters);
        Assert.Null(bounds.Check(stats));
        if (mode == CodecMode.Quantized)
        {
            Assert.True(stats.MismatchedPixels > 0);
            Assert.True(stats.MaxErrorSigma <= 0.5 + 1e-9);
            Assert.Contains(archive.StoredType, new[] { PixelType.UInt8, PixelType.UInt16 });
        }
        else
        {
            Assert.Equal(m.ToBytes(), decoded);
        }
    }

    [Fact]
    public void MeasureWritesNothingAndMatchesWhatConvertStores()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        var options = new ConversionOptions { Mode = CodecMode.Quantized, Gain = 30, ZeroLevel = 200, ReadNoise = 8 };
        CompressionMeasurement measured = PhotonConverter.Measure(Source(m), options);
        ConversionSummary converted = PhotonConverter.Convert(Source(m), dir.File("a.zarr"), options);
        Assert.Equal(converted.ChunkBytes, measured.StoredBytes);
        Assert.True(measured.EntropyBitsPerPixel > 0 && measured.EntropyBitsPerPixel < 8);
        Assert.True(measured.Errors.MaxErrorSigma <= 0.5 + 1e-9);
    }

    [Fact]
    public void ExistingDestinationIsNotTouchedWithoutOverwrite()
    {
        using var dir = new TempDir();
        string dest = dir.File("x.zarr");
        Directory.CreateDirectory(dest);
        File.WriteAllText(Path.Combine(dest, "marker"), "keep");
        var options = new ConversionOptions { Mode = CodecMode.Lossless };
        Assert.Throws<ZarrDestinationExistsException>(() => PhotonConverter.Convert(Source(Movie()), dest, options));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(dest, "marker")));
        options.Overwrite = true;
        // -Force replaces only a Zarr array or group, never another folder.
        Assert.Throws<DestinationNotZarrException>(() => PhotonConverter.Convert(Source(Movie()), dest, options));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(dest, "marker")));
        File.WriteAllText(Path.Combine(dest, ".zarray"), "{}");
        PhotonConverter.Convert(Source(Movie()), dest, options);
        Assert.False(File.Exists(Path.Combine(dest, "marker")));
        Assert.True(File.Exists(Path.Combine(dest, ".zarray")));
    }

    [Fact]
    public void CancellationLeavesNothingBehind()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Stage == "Compressing" && p.FramesDone >= 5) cts.Cancel(); });
        var options = new ConversionOptions { Mode = CodecMode.Lossless, ChunkFrames = 2 };
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PhotonConverter.Convert(Source(Movie(frames: 40)), dir.File("c.zarr"), options, progress, cts.Token));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void FailureInTheSourceLeavesNothingBehind()
    {
        using var dir = new TempDir();
        var source = new FailingSource(Source(Movie(frames: 30)), failAt: 17);
        Assert.Throws<IOException>(() => PhotonConverter.Convert(source, dir.File("f.zarr"), new ConversionOptions { Mode = CodecMode.Lossless, ChunkFrames = 4 }));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void QuantizedWithoutParametersEstimatesThemAndRecordsHow()
    {
        using var dir = new TempDir();
        SyntheticMovie m = SyntheticMovie.Generate(9, 30, 200, 8, PixelType.UInt16, 60, 48, 48,
            (t, y, x) => x < 6 ? 0 : 0.5 + (x + y) / 10.0);
        ConversionSummary s = PhotonConverter.Convert(Source(m), dir.File("e.zarr"), new ConversionOptions { ReadNoise = 8 });
        Assert.NotNull(s.Estimate);
        Assert.InRange(s.Parameters!.Gain, 30 * 0.95, 30 * 1.05);
        Assert.Equal(8, s.Parameters.ReadNoise);
        PhotonArchive archive = PhotonArchive.Open(dir.File("e.zarr"));
        Assert.Equal(CodecMode.Quantized, archive.Mode);
        var estimate = archive.Store.Attributes["photon"]!["estimate"]!;
        Assert.Equal(s.Estimate!.Gain, estimate["gain"]!.GetValue<double>());
        Assert.Null(new RoundTripBounds(CodecMode.Quantized, archive.Parameters).Check(RoundTripVerifier.Compare(Source(m), archive)));
    }

    [Fact]
    public void ConstantMovieCannotBeEstimatedAndSaysWhatToGive()
    {
        using var dir = new TempDir();
        var bytes = new byte[10 * 16 * 16 * 2];
        for (int i = 0; i < bytes.Length; i += 2) bytes[i] = 100;
        var ex = Assert.Throws<PhotonCodec.Core.Calibration.PhotonTransferException>(() =>
            PhotonConverter.Convert(new InMemoryFrameSource(bytes, PixelType.UInt16, 10, 16, 16), dir.File("c.zarr"), new ConversionOptions()));
        Assert.Contains("-Gain", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void FloatInputIsRefusedForPhotonModes()
    {
        var bytes = new byte[4 * 4 * 4 * 2];
        var source = new InMemoryFrameSource(bytes, PixelType.Float32, 2, 4, 4);
        using var dir = new TempDir();
        Assert.Throws<PhotonInputException>(() => PhotonConverter.Convert(source, dir.File("f.zarr"), new ConversionOptions { Gain = 1, ZeroLevel = 0, ReadNoise = 0 }));
    }

    [Fact]
    public void ReadingOneFrameReadsOneChunk()
    {
        using var dir = new TempDir();
        PhotonConverter.Convert(Source(Movie(frames: 30)), dir.File("r.zarr"), new ConversionOptions { Mode = CodecMode.Lossless, ChunkFrames = 10 });
        PhotonArchive archive = PhotonArchive.Open(dir.File("r.zarr"));
        var frame = new byte[archive.FramePixels * 2];
        archive.ReadFrames(15, 1, frame);
        Assert.Equal(1, archive.Store.ChunksRead);
        var two = new byte[archive.FramePixels * 2 * 12];
        archive.ReadFrames(5, 12, two);
        Assert.Equal(3, archive.Store.ChunksRead);
    }

    private sealed class SyncProgress : IProgress<ConversionProgress>
    {
        private readonly Action<ConversionProgress> _report;
        public SyncProgress(Action<ConversionProgress> report) => _report = report;
        public void Report(ConversionProgress value) => _report(value);
    }

    private sealed class FailingSource : PhotonCodec.Core.Sources.IFrameSource
    {
        private readonly InMemoryFrameSource _inner;
        private readonly int _failAt;
        public FailingSource(InMemoryFrameSource inner, int failAt) { _inner = inner; _failAt = failAt; }
        public string Description => "failing";
        public int FrameCount => _inner.FrameCount;
        public int Height => _inner.Height;
        public int Width => _inner.Width;
        public PixelType PixelType => _inner.PixelType;
        public int FrameBytes => _inner.FrameBytes;
        public System.Collections.Generic.IReadOnlyDictionary<string, object?> Metadata => _inner.Metadata;
        public void ReadFrame(int index, Span<byte> destination)
        {
            if (index == _failAt) throw new IOException("disk gone");
            _inner.ReadFrame(index, destination);
        }
        public void Dispose() { }
    }
}
