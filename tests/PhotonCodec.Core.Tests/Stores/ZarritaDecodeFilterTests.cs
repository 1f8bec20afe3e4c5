using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

/// <summary>
/// What zarrita.js does with a <c>-DecodeFilter</c> v3 archive (codecs: photoncodec.decode_lut, sharding_indexed).
/// zarrita 0.7.5 finds the sharding codec anywhere in the chain and reads shards through its inner codecs only, so the
/// unknown leading codec is neither applied nor refused: it returns the uint8 codes' bytes as the declared uint16
/// (each inner chunk's codes fill the first half of its frame, fill value the rest) — wrong values, no error. The
/// README's Formats table says so; this test pins it (it fails should a zarrita release start refusing or decoding).
/// </summary>
public sealed class ZarritaDecodeFilterTests
{
    [ZarritaFact]
    public void ZarritaReadsADecodeFilterV3ArchiveAsCodeBytesWithoutError()
    {
        using var dir = new TempDir();
        SyntheticMovie m = SyntheticMovie.Generate(4, 30, 200, 8, PixelType.UInt16, 6, 12, 10, (t, y, x) => 0.5 + (x + y) / 6.0);
        var options = new ConversionOptions { Format = ArchiveFormat.ZarrV3, DecodeFilter = true, Gain = 30, ZeroLevel = 200, ReadNoise = 8 };
        PhotonConverter.Convert(new InMemoryFrameSource(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width), dir.File("f.zarr"), options);
        PhotonArchive ours = PhotonArchive.Open(dir.File("f.zarr"));
        Assert.Equal(PixelType.UInt8, ours.StoredType);
        var codes = new byte[m.Frames * ours.FramePixels];
        ours.ReadFrames(0, m.Frames, codes, raw: true);
        var levels = new byte[m.Frames * ours.FramePixels * 2];
        ours.ReadFrames(0, m.Frames, levels);

        JsonNode meta = JsonNode.Parse(Zarrita.Run("read", dir.File("f.zarr"), dir.File("f.bin")))!;
        byte[] theirs = File.ReadAllBytes(dir.File("f.bin"));
        Assert.Equal("uint16", meta["data_type"]!.GetValue<string>());
        Assert.Equal(levels.Length, theirs.Length);
        Assert.NotEqual(levels, theirs);
        int framePixels = ours.FramePixels;
        for (int f = 0; f < m.Frames; f++)
        {
            Span<byte> frame = theirs.AsSpan(f * framePixels * 2, framePixels * 2);
            Assert.True(frame.Slice(0, framePixels).SequenceEqual(codes.AsSpan(f * framePixels, framePixels)), $"frame {f}: the codes' bytes");
            Assert.True(frame.Slice(framePixels).ToArray().All(b => b == 0), $"frame {f}: fill value after them");
        }
    }
}
