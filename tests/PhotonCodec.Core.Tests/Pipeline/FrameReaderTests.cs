using System;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>
/// Frames read chunk by chunk through the chain the photon decode leads: one frame alone (Blosc blocks of a v2
/// chunk, part of a v3 inner chunk) equals the same frame of a whole read, in every mode and format; the read planner
/// returns frames in the order asked with one decode per run, and a corrupt chunk fails only its own frames.
/// </summary>
public sealed class FrameReaderTests
{
    private static SyntheticMovie Movie(int frames = 23, int height = 24, int width = 20) =>
        SyntheticMovie.Generate(9, 30, 200, 8, PixelType.UInt16, frames, height, width, (t, y, x) => 0.5 + (x + y) / 8.0 + (t % 5));

    private static InMemoryFrameSource Source(SyntheticMovie m) => new(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);

    private static PhotonArchive Convert(TempDir dir, SyntheticMovie m, ConversionOptions options, string name = "m.zarr")
    {
        options.Gain ??= 30;
        options.ZeroLevel ??= 200;
        options.ReadNoise ??= 8;
        PhotonConverter.Convert(Source(m), dir.File(name), options);
        return PhotonArchive.Open(dir.File(name));
    }

    private static byte[] Read(PhotonArchive a, int first, int count, bool raw = false)
    {
        var b = new byte[count * a.FramePixels * (raw ? a.StoredType : a.OriginalType).Size()];
        a.ReadFrames(first, count, b, raw);
        return b;
    }

    [Theory]
    [InlineData(CodecMode.Quantized, ArchiveFormat.ZarrV2, false)]
    [InlineData(CodecMode.Quantized, ArchiveFormat.ZarrV2, true)]
    [InlineData(CodecMode.Quantized, ArchiveFormat.ZarrV3, true)]
    [InlineData(CodecMode.Lossless, ArchiveFormat.ZarrV2, false)]
    [InlineData(CodecMode.Float, ArchiveFormat.ZarrV2, false)]
    [InlineData(CodecMode.Float, ArchiveFormat.ZarrV3, false)]
    public void EveryFrameReadAloneEqualsTheWholeRead(CodecMode mode, ArchiveFormat format, bool decodeFilter)
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        PhotonArchive a = Convert(dir, m, new ConversionOptions { Mode = mode, ChunkFrames = 10, Format = format, InnerChunkFrames = format == ArchiveFormat.ZarrV3 ? 5 : null, DecodeFilter = decodeFilter });
        Assert.Equal(mode == CodecMode.Lossless ? 0 : 1, a.Codecs.ArrayToArray.Count);
        foreach (bool raw in new[] { false, true })
        {
            byte[] whole = Read(a, 0, m.Frames, raw);
            int frameBytes = whole.Length / m.Frames;
            for (int f = 0; f < m.Frames; f++)
                Assert.True(whole.AsSpan(f * frameBytes, frameBytes).SequenceEqual(Read(a, f, 1, raw)), $"frame {f} raw={raw}");
            Assert.True(whole.AsSpan(3 * frameBytes, 15 * frameBytes).SequenceEqual(Read(a, 3, 15, raw)));
        }
        if (mode == CodecMode.Lossless) Assert.Equal(m.ToBytes(), Read(a, 0, m.Frames));
    }

    [Fact]
    public void TheDecodeFilterInTheMetadataLeadsTheChainAndDecodesAsTheAttributesTable()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        PhotonArchive plain = Convert(dir, m, new ConversionOptions { ChunkFrames = 10 }, "plain.zarr");
        PhotonArchive filtered = Convert(dir, m, new ConversionOptions { ChunkFrames = 10, DecodeFilter = true }, "filtered.zarr");
        Assert.IsType<DecodeLutCodec>(plain.Codecs.ArrayToArray[0]);
        Assert.IsType<DecodeLutCodec>(filtered.Codecs.ArrayToArray[0]);
        Assert.Null(plain.Store.Metadata.DecodeFilter);
        Assert.NotNull(filtered.Store.Metadata.DecodeFilter);
        Assert.Equal(Read(plain, 0, m.Frames), Read(filtered, 0, m.Frames));
    }

    [Fact]
    public void OneFrameOfAV2ChunkReadsOnlyTheBloscBlocksHoldingIt()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie(100, 64, 64); // one 800 KB chunk: 4 Blosc blocks of 256 KB
        PhotonArchive a = Convert(dir, m, new ConversionOptions { Mode = CodecMode.Lossless, ChunkFrames = 100 });
        long chunkBytes = new FileInfo(Path.Combine(a.Path, "0.0.0")).Length;
        // A checked read fetches the whole chunk its CRC-32C covers (and still decodes only the blocks it needs).
        Assert.Equal(m.ToBytes().AsSpan(10 * 64 * 64 * 2, 64 * 64 * 2).ToArray(), Read(a, 10, 1));
        a.Store.Checksums.Verify = false;
        long before = a.Store.Store.BytesRead;
        byte[] frame = Read(a, 10, 1);
        long read = a.Store.Store.BytesRead - before;
        Assert.Equal(m.ToBytes().AsSpan(10 * frame.Length, frame.Length).ToArray(), frame);
        Assert.True(read < chunkBytes / 2, $"read {read} of the chunk's {chunkBytes} bytes");
    }

    [Fact]
    public void ThePlannerReturnsFramesInTheOrderAskedWithOneDecodePerRun()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        PhotonArchive a = Convert(dir, m, new ConversionOptions { ChunkFrames = 10 });
        byte[] whole = Read(a, 0, m.Frames);
        int frameBytes = whole.Length / m.Frames;
        int[] asked = { 5, 3, 3, 22, 0, 21, 9, 9, 14 };
        var reader = new FrameReader(a);
        var got = reader.Read(asked).Select(f => (f.Index, f.Error, Pixels: f.Pixels.ToArray())).ToList();
        Assert.Equal(asked, got.Select(g => g.Index));
        foreach (var g in got)
        {
            Assert.Null(g.Error);
            Assert.Equal(whole.AsSpan(g.Index * frameBytes, frameBytes).ToArray(), g.Pixels);
        }
        Assert.Equal(6, reader.RunsRead);   // {5,3,3} {22} {0} {21} {9,9} {14}: one run per stay in a chunk
        var all = new FrameReader(a, readAhead: 2).Read(0, m.Frames).Select(f => f.Pixels.ToArray()).ToList();
        Assert.Equal(whole, all.SelectMany(p => p).ToArray());
        Assert.Equal(PixelType.UInt8, new FrameReader(a, raw: true).Type);
    }

    [Fact]
    public void ACorruptChunkFailsOnlyItsOwnFrames()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        PhotonArchive a = Convert(dir, m, new ConversionOptions { Mode = CodecMode.Lossless, ChunkFrames = 10 });
        string chunk = Path.Combine(a.Path, "1.0.0");
        byte[] bytes = File.ReadAllBytes(chunk);
        for (int i = 20; i < bytes.Length; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(chunk, bytes);
        var got = new FrameReader(a).Read(new[] { 0, 12, 15, 21 }).Select(f => (f.Index, f.Error, f.ChunkFirst, f.ChunkLast)).ToList();
        Assert.Null(got[0].Error);
        Assert.Null(got[3].Error);
        Assert.NotNull(got[1].Error);
        Assert.Same(got[1].Error, got[2].Error);
        Assert.Equal((10, 19), (got[1].ChunkFirst, got[1].ChunkLast));
    }

    [Fact]
    public void TheArchiveFrameSourceServesSequentialAndRandomFramesAsTheWholeRead()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        PhotonArchive a = Convert(dir, m, new ConversionOptions { ChunkFrames = 10 });
        byte[] whole = Read(a, 0, m.Frames);
        using var source = new ArchiveFrameSource(a);
        var frame = new byte[source.FrameBytes];
        foreach (int f in new[] { 7, 0, 1, 2, 3, 11, 12, 4, 22, 21, 5, 6 })
        {
            source.ReadFrame(f, frame);
            Assert.Equal(whole.AsSpan(f * frame.Length, frame.Length).ToArray(), frame);
        }
        using var fresh = new ArchiveFrameSource(a);
        int before = a.Store.ChunksRead;
        for (int f = 0; f < m.Frames; f++) fresh.ReadFrame(f, frame);
        Assert.Equal(3, a.Store.ChunksRead - before);   // a sequential pass decodes each chunk once
    }
}
