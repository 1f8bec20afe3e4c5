using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using PhotonCodec.Core.Codecs;
using ZstdSharp;

namespace PhotonCodec.Core.Tests.Codecs;

/// <summary>
/// Frames as older c-blosc writers or other split modes lay them out: each block split into typesize streams,
/// blocks stored out of order. c-blosc 1.21 never writes these for zstd, so they are built here by hand.
/// </summary>
public sealed class BloscSplitStreamTests
{
    internal static byte[] BuildSplitFrame(byte[] data, int typeSize, int blockSize, bool reverseBlocks)
    {
        int nblocks = (data.Length + blockSize - 1) / blockSize;
        var blocks = new List<byte[]>();
        using var zstd = new Compressor(3);
        for (int j = 0; j < nblocks; j++)
        {
            int bsize = Math.Min(blockSize, data.Length - j * blockSize);
            bool leftover = bsize < blockSize;
            var shuffled = new byte[bsize];
            ByteShuffle.Shuffle(data.AsSpan(j * blockSize, bsize), shuffled, typeSize);
            int nsplits = leftover ? 1 : typeSize;
            int neblock = bsize / nsplits;
            var streams = new List<byte>();
            for (int s = 0; s < nsplits; s++)
            {
                byte[] c = zstd.Wrap(shuffled.AsSpan(s * neblock, neblock)).ToArray();
                var size = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(size, c.Length);
                streams.AddRange(size);
                streams.AddRange(c);
            }
            blocks.Add(streams.ToArray());
        }
        int tableEnd = 16 + 4 * nblocks;
        var frame = new List<byte>(new byte[tableEnd]);
        var starts = new int[nblocks];
        IEnumerable<int> order = reverseBlocks ? RangeDown(nblocks) : RangeUp(nblocks);
        foreach (int j in order)
        {
            starts[j] = frame.Count;
            frame.AddRange(blocks[j]);
        }
        byte[] result = frame.ToArray();
        result[0] = 2; result[1] = 1;
        result[2] = (byte)(BloscHeader.FlagByteShuffle | (4 << 5)); // split: no dont-split flag
        result[3] = (byte)typeSize;
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(4), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), blockSize);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(12), result.Length);
        for (int j = 0; j < nblocks; j++) BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(16 + 4 * j), starts[j]);
        return result;
    }

    private static IEnumerable<int> RangeUp(int n) { for (int i = 0; i < n; i++) yield return i; }
    private static IEnumerable<int> RangeDown(int n) { for (int i = n - 1; i >= 0; i--) yield return i; }

    [Theory]
    [InlineData(2, false)]
    [InlineData(4, true)]
    [InlineData(8, true)]
    public void DecodesSplitStreamsAndBlocksInAnyOrder(int typeSize, bool reverse)
    {
        var rng = new Random(typeSize);
        var data = new byte[70000 - 70000 % typeSize + 3 * typeSize];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i % typeSize == 0 ? rng.Next(16) : 0);
        byte[] frame = BuildSplitFrame(data, typeSize, 16384, reverse);
        Assert.False(BloscCodec.ReadHeader(frame).DontSplit);
        Assert.Equal(data, BloscCodec.Decompress(frame));
    }
}
