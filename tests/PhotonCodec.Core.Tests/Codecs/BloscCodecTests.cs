using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Codecs;

public sealed class BloscCodecTests
{
    public static IEnumerable<object[]> RoundTripCases()
    {
        foreach (int typeSize in new[] { 1, 2, 4, 8 })
            foreach (int size in new[] { 0, 1, 127, 128, 129, 1000003 })
                foreach (BloscShuffle shuffle in new[] { BloscShuffle.None, BloscShuffle.Byte, BloscShuffle.Bit })
                    yield return new object[] { typeSize, size, shuffle };
    }

    private static byte[] PoissonLike(int size, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte)(i % 7 == 0 ? rng.Next(256) : rng.Next(4));
        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void RoundTripsEveryTypeSizeSizeAndShuffle(int typeSize, int size, BloscShuffle shuffle)
    {
        byte[] data = PoissonLike(size, size + typeSize);
        byte[] frame = BloscCodec.Compress(data, typeSize, 5, shuffle);
        BloscHeader h = BloscCodec.ReadHeader(frame);
        Assert.Equal(size, h.UncompressedSize);
        Assert.Equal(frame.Length, h.CompressedSize);
        if (size < 128) Assert.True(h.IsMemcpyed);
        Assert.Equal(shuffle, h.Shuffle);
        Assert.Equal(data, BloscCodec.Decompress(frame));
    }

    [Fact]
    public void IncompressibleDataIsMemcpyedAndNeverLargerThanInputPlusHeader()
    {
        var rng = new Random(3);
        var data = new byte[300000];
        rng.NextBytes(data);
        byte[] frame = BloscCodec.Compress(data, 1, 5, BloscShuffle.None);
        Assert.True(frame.Length <= data.Length + 16);
        Assert.Equal(data, BloscCodec.Decompress(frame));
    }

    [Fact]
    public void ZstdLevelAndBlockSizeFollowCBlosc()
    {
        Assert.Equal(9, BloscCodec.ZstdLevel(5));
        Assert.Equal(1, BloscCodec.ZstdLevel(1));
        Assert.Equal(262144, BloscCodec.ComputeBlockSize(5, 2, 819200, 0));
        Assert.Equal(40000, BloscCodec.ComputeBlockSize(5, 4, 40000, 0));
        Assert.Equal(129, BloscCodec.ComputeBlockSize(5, 1, 129, 0));
    }

    [Fact]
    public void TruncatedOrCorruptFramesRaiseFormatErrors()
    {
        byte[] data = PoissonLike(5000, 9);
        byte[] frame = BloscCodec.Compress(data, 2, 5, BloscShuffle.Bit);
        for (int cut = 0; cut < frame.Length; cut++)
            Assert.Throws<BloscFormatException>(() => BloscCodec.Decompress(frame.AsSpan(0, cut)));

        var rng = new Random(11);
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] bad = (byte[])frame.Clone();
            int flips = 1 + rng.Next(3);
            for (int f = 0; f < flips; f++) bad[rng.Next(bad.Length)] ^= (byte)(1 << rng.Next(8));
            try
            {
                byte[] result = BloscCodec.Decompress(bad);
                Assert.True(result.Length <= bad.Length * 1000L + 16);
            }
            catch (BloscFormatException) { }
            catch (NotSupportedException) { }
        }
    }

    [Fact]
    public void HeaderWithOtherCodecIsRefusedByName()
    {
        byte[] frame = BloscCodec.Compress(PoissonLike(5000, 2), 1, 5, BloscShuffle.None);
        frame[2] = (byte)((frame[2] & 0x1F) | (2 << 5)); // snappy
        var ex = Assert.Throws<NotSupportedException>(() => BloscCodec.Decompress(frame));
        Assert.Contains("snappy", ex.Message);
    }

    private static byte[] WithInt32(byte[] frame, int offset, int value)
    {
        byte[] copy = (byte[])frame.Clone();
        BitConverter.TryWriteBytes(copy.AsSpan(offset), value);
        return copy;
    }

    [Fact]
    public void HeadersThatPromiseMoreThanTheFrameHoldsAreRefusedBeforeAllocating()
    {
        byte[] frame = BloscCodec.Compress(PoissonLike(5000, 4), 2, 5, BloscShuffle.Bit);
        int cbytes = frame.Length;
        // nbytes far beyond what the frame could expand to
        Assert.Throws<BloscFormatException>(() => BloscCodec.Decompress(WithInt32(WithInt32(frame, 4, int.MaxValue - 16), 8, int.MaxValue - 16)));
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(WithInt32(frame, 4, cbytes * 40000), 8, cbytes * 40000)));
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(frame, 4, -5)));
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(frame, 8, 0)));
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(frame, 8, 5001)));   // blocksize > nbytes
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(frame, 8, 1)));      // 5000 block offsets do not fit
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(frame, 12, cbytes + 1)));
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(frame, 12, 15)));
        Assert.Throws<BloscFormatException>(() => BloscCodec.Decompress(WithInt32(frame, 16, cbytes)));  // block start past the end
        Assert.Throws<BloscFormatException>(() => BloscCodec.Decompress(WithInt32(frame, 16, 4)));       // block start inside the header
        byte[] memcpyed = BloscCodec.Compress(PoissonLike(100, 1), 1);
        Assert.True(BloscCodec.ReadHeader(memcpyed).IsMemcpyed);
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(WithInt32(memcpyed, 4, 101)));
        byte[] reserved = (byte[])frame.Clone();
        reserved[2] |= 0x08;
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(reserved));
        byte[] version = (byte[])frame.Clone();
        version[0] = 3;
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(version));
        byte[] typeSize = (byte[])frame.Clone();
        typeSize[3] = 0;
        Assert.Throws<BloscFormatException>(() => BloscCodec.ReadHeader(typeSize));
        byte[] futureCodec = (byte[])frame.Clone();
        futureCodec[2] = (byte)((futureCodec[2] & 0x1F) | (6 << 5));
        Assert.Throws<BloscFormatException>(() => BloscCodec.Decompress(futureCodec));
        Assert.Throws<ArgumentException>(() => BloscCodec.Decompress(frame, new byte[4999]));
    }

    [Fact]
    public void MemcpyedFramesOfAnyCodecDecode()
    {
        byte[] data = PoissonLike(1000, 6);
        byte[] frame = BloscCodec.Compress(data, 1, 0);   // clevel 0: memcpyed
        Assert.True(BloscCodec.ReadHeader(frame).IsMemcpyed);
        for (int codec = 0; codec < 5; codec++)
        {
            frame[2] = (byte)((frame[2] & 0x1F) | (codec << 5));
            Assert.Equal(data, BloscCodec.Decompress(frame));
        }
    }

    /// <summary>Random header fields and random bytes in a frame with several blocks: only the two documented exceptions, never a huge allocation.</summary>
    [Fact]
    public void FuzzedHeadersAndBodiesOnlyRaiseDocumentedExceptions()
    {
        byte[] data = PoissonLike(200000, 12);
        var frames = new[]
        {
            BloscCodec.Compress(data, 2, 5, BloscShuffle.Bit, 16384),
            BloscCodec.Compress(data, 4, 5, BloscShuffle.Byte, 4096),
            BloscCodec.Compress(data.AsSpan(0, 3000), 1, 5, BloscShuffle.None),
        };
        var rng = new Random(5);
        int decoded = 0;
        for (int trial = 0; trial < 4000; trial++)
        {
            byte[] bad = (byte[])frames[trial % frames.Length].Clone();
            switch (rng.Next(4))
            {
                case 0: bad[rng.Next(16)] = (byte)rng.Next(256); break;
                case 1: BitConverter.TryWriteBytes(bad.AsSpan(4 * rng.Next(1, 4)), rng.Next(2) == 0 ? rng.Next() : rng.Next(-10, 300000)); break;
                case 2: for (int f = 0; f < 4; f++) bad[16 + rng.Next(Math.Min(bad.Length - 16, 200))] = (byte)rng.Next(256); break;   // block table, first sizes
                default: for (int f = 0; f < 1 + rng.Next(8); f++) bad[rng.Next(bad.Length)] ^= (byte)(1 << rng.Next(8)); break;
            }
            try
            {
                BloscHeader h = BloscCodec.ReadHeader(bad);
                Assert.True(h.UncompressedSize <= (long)bad.Length * 32768);
                byte[] result = BloscCodec.Decompress(bad);
                Assert.Equal(h.UncompressedSize, result.Length);
                decoded++;
            }
            catch (BloscFormatException) { }
            catch (NotSupportedException) { }
        }
        Assert.InRange(decoded, 1, 3999);   // the fuzzer reaches both outcomes
    }

    [Fact]
    public void ConcurrentCallsGiveTheSameFramesAsSerialOnes()
    {
        var inputs = new byte[8][];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = PoissonLike(150000 + 1000 * i, i);
        var shuffles = new[] { BloscShuffle.Bit, BloscShuffle.Byte, BloscShuffle.None };
        byte[][] serial = new byte[inputs.Length][];
        for (int i = 0; i < inputs.Length; i++) serial[i] = BloscCodec.Compress(inputs[i], 2, 1 + i % 9, shuffles[i % 3], i % 2 == 0 ? 0 : 8192);
        var parallel = new byte[inputs.Length * 4][];
        var decoded = new byte[inputs.Length * 4][];
        System.Threading.Tasks.Parallel.For(0, parallel.Length, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            int i = k % inputs.Length;
            parallel[k] = BloscCodec.Compress(inputs[i], 2, 1 + i % 9, shuffles[i % 3], i % 2 == 0 ? 0 : 8192);
            decoded[k] = BloscCodec.Decompress(serial[i]);
        });
        for (int k = 0; k < parallel.Length; k++)
        {
            Assert.Equal(serial[k % inputs.Length], parallel[k]);
            Assert.Equal(inputs[k % inputs.Length], decoded[k]);
        }
    }
}
