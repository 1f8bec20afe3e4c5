using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;
using Xunit;

namespace PhotonCodec.Core.Tests.Codecs;

/// <summary>photoncodec.predict, zig-zag residuals and the adaptive Blosc of the Max profile: exact round trips and the metadata they write.</summary>
public sealed class TemporalPredictionCodecTests
{
    private static readonly PixelType[] Types = { PixelType.UInt8, PixelType.Int8, PixelType.UInt16, PixelType.Int16, PixelType.UInt32, PixelType.Int32 };

    /// <summary>Photon-like frames: a per-pixel baseline plus noise, or (kind) constant, extreme or random values of the dtype.</summary>
    private static byte[] Frames(PixelType type, int frames, int pixels, string kind, int seed)
    {
        var rng = new Random(seed);
        int size = type.Size();
        var bytes = new byte[frames * pixels * size];
        double min = type.MinValue(), max = type.MaxValue();
        var baseline = Enumerable.Range(0, pixels).Select(_ => rng.Next(5, 60)).ToArray();
        for (int t = 0; t < frames; t++)
            for (int p = 0; p < pixels; p++)
            {
                double v = kind switch
                {
                    "constant" => 7,
                    "extremes" => (t + p) % 3 == 0 ? min : (t + p) % 3 == 1 ? max : 0,
                    "random" => min + Math.Floor(rng.NextDouble() * (max - min + 1)),
                    _ => baseline[p] + rng.Next(-4, 5) + (p % 7 == 0 ? 3 * t : 0),
                };
                v = Math.Max(min, Math.Min(max, v));
                long bits = (long)v;
                for (int b = 0; b < size; b++) bytes[(t * pixels + p) * size + b] = (byte)(bits >> (8 * b));
            }
        return bytes;
    }

    public static TheoryData<PixelType, int, string> Cases()
    {
        var data = new TheoryData<PixelType, int, string>();
        foreach (PixelType type in Types)
            foreach (string kind in new[] { "photon", "constant", "extremes", "random" })
                foreach (int frames in new[] { 1, 2, 9 })
                    data.Add(type, frames, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChunksRoundTripExactly(PixelType type, int frames, string kind)
    {
        var spec = new ChunkSpec(new[] { frames, 5, 7 }, type);
        byte[] chunk = Frames(type, frames, 35, kind, frames * 31 + (int)type);
        var codec = new TemporalPredictionCodec(type);
        byte[] encoded = codec.Encode(chunk, spec);
        Assert.Equal(codec.Resolve(spec).Bytes, encoded.Length);
        Assert.Equal(1, encoded[0]);
        Assert.InRange(encoded[1], 0, 2);
        var decoded = new byte[spec.Bytes];
        codec.Decode(encoded, spec, decoded);
        Assert.Equal(chunk, decoded);
    }

    [Fact]
    public void PhotonFramesArePredictedAndConstantOnesLeaveZeroResiduals()
    {
        var spec = new ChunkSpec(new[] { 40, 16, 16 }, PixelType.UInt8);
        var codec = new TemporalPredictionCodec(PixelType.UInt8);
        byte[] photon = codec.Encode(Frames(PixelType.UInt8, 40, 256, "photon", 3), spec);
        Assert.NotEqual((byte)PredictionMethod.None, photon[1]);
        byte[] constant = codec.Encode(Frames(PixelType.UInt8, 40, 256, "constant", 3), spec);
        // Every method compresses a constant chunk to almost nothing; a predicting one leaves residuals of 0 and the value as reference.
        if (constant[1] != (byte)PredictionMethod.None)
        {
            Assert.True(constant.AsSpan(TemporalPredictionCodec.HeaderBytes + 256).ToArray().All(b => b == 0));
            Assert.True(constant.AsSpan(TemporalPredictionCodec.HeaderBytes, 256).ToArray().All(b => b == 7));
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    public void ZigZagIsABijectionOnWrappedDifferences(int bits)
    {
        uint mask = ZigZag.Mask(bits);
        Assert.Equal(0u, ZigZag.Encode(5, 5, bits));
        Assert.Equal(1u, ZigZag.Encode(4, 5, bits));
        Assert.Equal(2u, ZigZag.Encode(6, 5, bits));
        Assert.Equal(mask, ZigZag.Encode(0, (mask >> 1) + 1, bits)); // −2^(bits−1): the largest residual
        var rng = new Random(bits);
        for (int i = 0; i < 2000; i++)
        {
            uint v = (uint)rng.Next() & mask, p = (uint)rng.Next() & mask;
            uint r = ZigZag.Encode(v, p, bits);
            Assert.True(r <= mask);
            Assert.Equal(v, ZigZag.Decode(r, p, bits));
        }
    }

    [Fact]
    public void CorruptHeadersAreRefused()
    {
        var spec = new ChunkSpec(new[] { 3, 2, 2 }, PixelType.UInt16);
        var codec = new TemporalPredictionCodec(PixelType.UInt16);
        byte[] good = codec.Encode(Frames(PixelType.UInt16, 3, 4, "photon", 1), spec);
        var target = new byte[spec.Bytes];
        byte[] method = (byte[])good.Clone();
        method[1] = 9;
        Assert.Contains("prediction method 9", Assert.Throws<CorruptChunkException>(() => codec.Decode(method, spec, target)).Message);
        byte[] frames = (byte[])good.Clone();
        frames[4] = 4;
        Assert.Contains("header says 4 frames", Assert.Throws<CorruptChunkException>(() => codec.Decode(frames, spec, target)).Message);
        Assert.Throws<CorruptChunkException>(() => codec.Decode(good.AsSpan(0, good.Length - 2), spec, target));
        Assert.Throws<CodecConfigurationException>(() => new TemporalPredictionCodec(PixelType.Float32));
    }

    [Fact]
    public void AdaptiveBloscWritesPlainBloscFramesOfTheChosenShuffle()
    {
        var spec = new ChunkSpec(new[] { 20, 32, 32 }, PixelType.UInt16);
        byte[] chunk = Frames(PixelType.UInt16, 20, 1024, "photon", 5);
        var codec = new AdaptiveBloscCodec(2, 3, 9);
        (BloscShuffle shuffle, int level, _) = codec.Choose(chunk, 2);
        byte[] frame = codec.Encode(chunk, spec);
        BloscHeader h = BloscCodec.ReadHeader(frame);
        Assert.Equal(shuffle, h.Shuffle);
        Assert.Contains(level, new[] { 3, 9 });
        Assert.Equal(chunk, new BloscChunkCodec().Decode(frame, spec));
        Assert.True(frame.Length <= BloscCodec.Compress(chunk, 2, 9, BloscShuffle.None, 0, 3).Length);
        Assert.Equal("""{"cname":"zstd","clevel":9,"shuffle":"bitshuffle","typesize":2,"blocksize":0}""", codec.Configuration().ToJsonString());
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2, CodecMode.Quantized)]
    [InlineData(ArchiveFormat.ZarrV2, CodecMode.Lossless)]
    [InlineData(ArchiveFormat.ZarrV3, CodecMode.Quantized)]
    [InlineData(ArchiveFormat.ZarrV3, CodecMode.Lossless)]
    public void MaxArchivesDecodeToTheDefaultArchivesValues(ArchiveFormat format, CodecMode mode)
    {
        using var dir = new TempDir();
        byte[] movie = SyntheticMovie.Generate(4, 30, 200, 8, PixelType.UInt16, 23, 12, 10, (t, y, x) => x < 3 ? 6 + 4 * Math.Sin(t) : 1.5).ToBytes();
        var source = new InMemoryFrameSource(movie, PixelType.UInt16, 23, 12, 10);
        var options = new ConversionOptions { Mode = mode, Format = format, ChunkFrames = 10, Gain = 30, ZeroLevel = 200, ReadNoise = 8 };
        PhotonConverter.Convert(source, dir.File("default.zarr"), options);
        options.Profile = ArchiveProfile.Max;
        PhotonConverter.Convert(source, dir.File("max.zarr"), options);

        var a = PhotonArchive.Open(dir.File("default.zarr"));
        var b = PhotonArchive.Open(dir.File("max.zarr"));
        var levelsA = new byte[23 * 120 * 2];
        var levelsB = new byte[levelsA.Length];
        a.ReadFrames(0, 23, levelsA);
        b.ReadFrames(0, 23, levelsB);
        Assert.Equal(levelsA, levelsB);
        if (mode == CodecMode.Lossless) Assert.Equal(movie, levelsB);

        string meta = format == ArchiveFormat.ZarrV2 ? File.ReadAllText(dir.File("max.zarr/.zarray")) : File.ReadAllText(dir.File("max.zarr/zarr.json"));
        Assert.Contains(TemporalPredictionCodec.CodecName, meta);
        if (format == ArchiveFormat.ZarrV3)
        {
            // The inner chunk is the whole shard, so frames are predicted from each other.
            JsonNode sharding = JsonNode.Parse(meta)!["codecs"]![0]!;
            Assert.Equal("[10,12,10]", sharding["configuration"]!["chunk_shape"]!.ToJsonString());
        }
        else
        {
            JsonObject filter = JsonNode.Parse(meta)!["filters"]![0]!.AsObject();
            Assert.Equal(TemporalPredictionCodec.CodecName, filter["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public void MaxIsRefusedInFloatMode()
    {
        var options = new ConversionOptions { Mode = CodecMode.Float, Profile = ArchiveProfile.Max };
        Assert.Contains("Quantized and Lossless", Assert.Throws<ArgumentOutOfRangeException>(options.Validate).Message);
    }
}
