using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Tests.Codecs;

/// <summary>A shard cross-checked, byte for byte, against the sharding_indexed spec's layout.</summary>
public sealed class ShardingCodecTests
{
    // A 4×2×3 uint16 shard of 1×2×3 inner chunks; inner codecs bytes only, so every byte is predictable.
    private static readonly ChunkSpec Shard = new(new[] { 4, 2, 3 }, PixelType.UInt16);
    private static readonly ShardingCodec Codec = ShardingCodec.Create(new[] { 1, 2, 3 });

    private static byte[] Frames()
    {
        var data = new byte[Shard.Bytes];
        for (int i = 0; i < Shard.Elements; i++)
            if (i / 6 != 2) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2 * i), (ushort)(1000 + i)); // frame 2 all fill (0)
        return data;
    }

    [Fact]
    public void ShardIsInnerChunksThenTheIndexThenItsCrc32c()
    {
        byte[] frames = Frames();
        byte[] shard = Codec.Encode(frames, Shard);

        // Spec: inner chunks (here in C order, frame 2 empty), then 4 × (offset uint64 LE, nbytes uint64 LE), then crc32c LE of the index.
        var expected = new MemoryStream();
        foreach (int f in new[] { 0, 1, 3 }) expected.Write(frames, f * 12, 12);
        var index = new byte[4 * 16];
        ulong[] entries = { 0, 12, 12, 12, ulong.MaxValue, ulong.MaxValue, 24, 12 };
        for (int i = 0; i < entries.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(8 * i), entries[i]);
        expected.Write(index, 0, index.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32cCodec.Checksum(index));
        expected.Write(crc, 0, 4);
        Assert.Equal(expected.ToArray(), shard);
        Assert.Equal(68, Codec.IndexBytes(Shard));

        var decoded = new byte[Shard.Bytes];
        Codec.Decode(shard, Shard, decoded);
        Assert.Equal(frames, decoded);

        ShardIndex parsed = Codec.DecodeIndex(shard.AsSpan(shard.Length - 68), Shard);
        Assert.False(parsed.TryGetRange(2, shard.Length, out _, out _));
        Assert.True(parsed.TryGetRange(3, shard.Length, out long offset, out int length));
        var one = new byte[12];
        Codec.DecodeInner(shard.AsSpan((int)offset, length), Shard, one);
        Assert.Equal(frames.AsSpan(36, 12).ToArray(), one);
    }

    [Fact]
    public void IndexAtTheStartShiftsTheOffsets()
    {
        var atStart = new ShardingCodec(new[] { 2, 2, 3 }, new CodecChain(new BytesCodec()), new CodecChain(new BytesCodec(), new Crc32cCodec()), indexAtEnd: false);
        byte[] frames = Frames();
        byte[] shard = atStart.Encode(frames, Shard);
        Assert.Equal(36UL, BinaryPrimitives.ReadUInt64LittleEndian(shard));        // first inner chunk right after the 2·16 + 4 index bytes
        Assert.Equal(frames.AsSpan(0, 24).ToArray(), shard.AsSpan(36, 24).ToArray());
        var decoded = new byte[Shard.Bytes];
        atStart.Decode(shard, Shard, decoded);
        Assert.Equal(frames, decoded);
    }

    [Fact]
    public void DamagedIndexOrEntriesAreCorrupt()
    {
        byte[] shard = Codec.Encode(Frames(), Shard);
        byte[] badCrc = (byte[])shard.Clone();
        badCrc[^1] ^= 0x40;
        Assert.Contains("crc32c", Assert.Throws<CorruptChunkException>(() => Codec.Decode(badCrc, Shard, new byte[Shard.Bytes])).Message);

        // An entry pointing past the shard, with a crc32c that matches it: caught by the range check.
        byte[] index = shard.AsSpan(shard.Length - 68, 64).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(16), 1000);
        byte[] forged = shard.AsSpan(0, shard.Length - 68).ToArray().Concat(index).Concat(BitConverter.GetBytes(Crc32cCodec.Checksum(index))).ToArray();
        Assert.Contains("outside", Assert.Throws<CorruptChunkException>(() => Codec.Decode(forged, Shard, new byte[Shard.Bytes])).Message);
        Assert.Throws<CorruptChunkException>(() => Codec.Decode(shard.AsSpan(0, 10), Shard, new byte[Shard.Bytes]));
        Assert.Throws<CodecConfigurationException>(() => ShardingCodec.Create(new[] { 3, 2, 3 }).Encode(Frames(), Shard)); // 3 does not divide 4
    }
}
