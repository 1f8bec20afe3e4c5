using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

/// <summary>
/// A committed v3 sharded array (tests/PhotonCodec.Core.Tests/Fixtures/v3-sharded) pins the on-disk format: today's
/// reader reads it, and today's writer writes it byte for byte. After a deliberate format change, regenerate it
/// with PHOTONCODEC_WRITE_FIXTURES=1 and say why in the commit.
/// </summary>
public sealed class GoldenV3FixtureTests
{
    private static string Fixture => Path.Combine(RepoPaths.Root(), "tests", "PhotonCodec.Core.Tests", "Fixtures", "v3-sharded");
    private static readonly string[] Files = { "zarr.json", "c/0/0/0", "c/1/0/0" };

    // 6 frames of 4×3 uint16 in shards of 4 frames, inner chunks of 2; frames 2–3 all zero (an empty inner chunk).
    private static byte[] Values() => Enumerable.Range(0, 6 * 4 * 3)
        .SelectMany(i => BitConverter.GetBytes((ushort)(i / 12 is 2 or 3 ? 0 : i * 37 % 5000))).ToArray();

    private static void Write(string path)
    {
        var metadata = new ZarrArrayMetadata
        {
            ZarrFormat = 3, Shape = new long[] { 6, 4, 3 }, Chunks = new[] { 4, 4, 3 }, DType = PixelType.UInt16, FillValue = 0,
            Codecs = new CodecChain(ShardingCodec.Create(new[] { 2, 4, 3 }, new BloscChunkCodec("zstd", 5, BloscShuffle.Bit, 2, 0))),
            DimensionNames = new[] { "t", "y", "x" },
        };
        byte[] values = Values();
        using var writer = ZarrArrayWriter.Create(path, metadata, overwrite: true);
        var shard = new byte[metadata.ChunkBytes];
        for (int s = 0; s < 2; s++)
        {
            Array.Clear(shard);
            int bytes = Math.Min(shard.Length, values.Length - s * shard.Length);
            values.AsSpan(s * shard.Length, bytes).CopyTo(shard);
            writer.WriteChunk(new[] { (long)s, 0, 0 }, shard);
        }
        writer.Attributes = new JsonObject { ["fixture"] = "v3-sharded" };
        writer.Commit();
    }

    [Fact]
    public void TheCommittedArrayReadsAndTodaysWriterWritesItByteForByte()
    {
        using var dir = new TempDir();
        Write(dir.File("now.zarr"));
        if (Environment.GetEnvironmentVariable("PHOTONCODEC_WRITE_FIXTURES") == "1")
        {
            foreach (string f in Files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Fixture, f))!);
                File.Copy(dir.File("now.zarr/" + f), Path.Combine(Fixture, f), overwrite: true);
            }
        }
        var reader = ZarrArrayReader.Open(Fixture);
        var got = new byte[6 * 4 * 3 * 2];
        reader.ReadFrames(0, 6, got);
        Assert.Equal(Values(), got);
        Assert.Equal("v3-sharded", reader.Attributes["fixture"]!.GetValue<string>());
        Assert.False(reader.ShardIndexOf(new[] { 0L, 0, 0 })!.TryGetRange(1, long.MaxValue, out _, out _));   // frames 2–3: empty
        foreach (string f in Files)
            Assert.True(File.ReadAllBytes(Path.Combine(Fixture, f)).AsSpan().SequenceEqual(File.ReadAllBytes(dir.File("now.zarr/" + f))), f);
        Assert.Equal(Files.Length, Directory.GetFiles(Fixture, "*", SearchOption.AllDirectories).Length);
    }
}
