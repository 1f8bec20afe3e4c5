using System;
using System.Collections.Generic;
using System.IO;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Codecs;

/// <summary>
/// <see cref="BloscCodec.GetItems"/> (c-blosc's blosc_getitem): every "frame" of a chunk decoded alone equals the
/// same bytes of the whole frame decoded, over shuffle modes, split and unsplit blocks, raw (incompressible) blocks,
/// memcpyed frames and c-blosc's own frames; and it reads only the header, the block table and the blocks it needs.
/// </summary>
public sealed class BloscGetItemTests
{
    /// <summary>Compressible counts with an incompressible stretch in the middle (c-blosc stores those blocks raw).</summary>
    private static byte[] Data(int size, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte)(i > size / 3 && i < size / 2 ? rng.Next(256) : i % 7 == 0 ? rng.Next(16) : rng.Next(3));
        return data;
    }

    /// <summary>A reader over <paramref name="frame"/> that counts the bytes it hands out.</summary>
    private sealed class CountingReader
    {
        private readonly byte[] _frame;
        public CountingReader(byte[] frame) => _frame = frame;
        public long Bytes { get; private set; }

        public byte[] Read(long offset, int length)
        {
            int n = (int)Math.Max(0, Math.Min(length, _frame.Length - offset));
            Bytes += n;
            return _frame.AsSpan((int)offset, n).ToArray();
        }
    }

    /// <summary>Each of <paramref name="frames"/> equal pieces, plus ranges that straddle blocks and the ends.</summary>
    private static void AssertEveryPieceMatches(byte[] frame, int frames)
    {
        byte[] whole = BloscCodec.Decompress(frame);
        int frameBytes = whole.Length / frames;
        var ranges = new List<(int Start, int Count)>();
        for (int f = 0; f < frames; f++) ranges.Add((f * frameBytes, frameBytes));
        ranges.Add((0, whole.Length));
        ranges.Add((1, whole.Length - 2));
        ranges.Add((whole.Length - 1, 1));
        ranges.Add((whole.Length / 2 - 3, 7));
        foreach ((int start, int count) in ranges)
        {
            var got = new byte[count];
            BloscCodec.GetItems(new CountingReader(frame).Read, start, got);
            Assert.True(whole.AsSpan(start, count).SequenceEqual(got), $"bytes {start}..{start + count - 1} of {BloscCodec.ReadHeader(frame)}");
        }
    }

    [Theory]
    [InlineData(BloscShuffle.None, 1)]
    [InlineData(BloscShuffle.Byte, 2)]
    [InlineData(BloscShuffle.Bit, 1)]
    [InlineData(BloscShuffle.Bit, 2)]
    [InlineData(BloscShuffle.Bit, 4)]
    public void EveryFrameOfOurFramesDecodesAloneAsInTheWhole(BloscShuffle shuffle, int typeSize)
    {
        byte[] frame = BloscCodec.Compress(Data(100 * 640 + 5 * typeSize, typeSize), typeSize, 5, shuffle, blockSize: 4096);
        Assert.False(BloscCodec.ReadHeader(frame).IsMemcpyed);
        AssertEveryPieceMatches(frame, 10);
    }

    [Fact]
    public void MemcpyedFramesAndSplitOutOfOrderFramesDecodeAlone()
    {
        byte[] memcpyed = BloscCodec.Compress(Data(5000, 3), 2, clevel: 0);
        Assert.True(BloscCodec.ReadHeader(memcpyed).IsMemcpyed);
        AssertEveryPieceMatches(memcpyed, 5);
        byte[] split = BloscSplitStreamTests.BuildSplitFrame(Data(64 * 1000, 4), 4, 8192, reverseBlocks: true);
        Assert.False(BloscCodec.ReadHeader(split).DontSplit);
        AssertEveryPieceMatches(split, 8);
    }

    [Fact]
    public void FramesCBloscWroteDecodeAlone()
    {
        using var dir = new TempDir();
        byte[] data = Data(96 * 1024, 5);
        File.WriteAllBytes(dir.File("data.raw"), data);
        // lz4 splits blocks into typesize streams; zstd/zlib do not; blocksize 4096 makes many blocks.
        Python.Run(@"
import sys, os, numpy as np
from numcodecs import Blosc
d = np.fromfile(os.path.join(sys.argv[1], 'data.raw'), dtype='u1')
for name, cname, shuffle, ts in [('lz4-byte-2', 'lz4', Blosc.SHUFFLE, 2), ('lz4-bit-1', 'lz4', Blosc.BITSHUFFLE, 1),
                                 ('zstd-bit-2', 'zstd', Blosc.BITSHUFFLE, 2), ('zlib-none-1', 'zlib', Blosc.NOSHUFFLE, 1)]:
    c = Blosc(cname=cname, clevel=5, shuffle=shuffle, blocksize=4096)
    open(os.path.join(sys.argv[1], name + '.blosc'), 'wb').write(c.encode(d.view('u%d' % ts)))
", dir.Path);
        foreach (string name in new[] { "lz4-byte-2", "lz4-bit-1", "zstd-bit-2", "zlib-none-1" })
        {
            byte[] frame = File.ReadAllBytes(dir.File(name + ".blosc"));
            Assert.Equal(data, BloscCodec.Decompress(frame));
            AssertEveryPieceMatches(frame, 12);
        }
    }

    [Fact]
    public void ReadsOnlyTheHeaderTableAndTheBlocksHoldingTheRange()
    {
        byte[] frame = BloscCodec.Compress(Data(100 * 4096, 6), 1, 5, BloscShuffle.Bit, blockSize: 4096);
        var reader = new CountingReader(frame);
        var got = new byte[4096];
        BloscCodec.GetItems(reader.Read, 50 * 4096, got);   // exactly block 50
        Assert.Equal(BloscCodec.Decompress(frame).AsSpan(50 * 4096, 4096).ToArray(), got);
        // One head read (header + table, at most 4 KiB) and block 50 alone: far less than the frame.
        Assert.True(reader.Bytes < 4096 + 2 * 4096 && reader.Bytes < frame.Length / 4, $"{reader.Bytes} bytes read of {frame.Length}");
    }

    [Fact]
    public void TruncatedOrCorruptFramesThrowBloscFormatException()
    {
        byte[] frame = BloscCodec.Compress(Data(20 * 4096, 7), 1, 5, BloscShuffle.Bit, blockSize: 4096);
        byte[] truncated = frame.AsSpan(0, frame.Length - 10).ToArray();
        Assert.Throws<BloscFormatException>(() => BloscCodec.GetItems(new CountingReader(truncated).Read, 19 * 4096, new byte[4096]));
        byte[] badStart = (byte[])frame.Clone();
        BitConverter.GetBytes(frame.Length + 5).CopyTo(badStart, 16 + 4 * 3);
        Assert.Throws<BloscFormatException>(() => BloscCodec.GetItems(new CountingReader(badStart).Read, 3 * 4096, new byte[10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BloscCodec.GetItems(new CountingReader(frame).Read, 20 * 4096 - 5, new byte[10]));
    }
}
