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
    public void BitShuffleMatchesCBloscBytes()
    {
        var values = new byte[32];
        for (int i = 0; i < 16; i++) BitConverter.TryWriteBytes(values.AsSpan(i * 2), (ushort)(i * 0x0101 + 1));
        var shuffled = new byte[32];
        BitShuffle.Shuffle(values, shuffled, 2, new byte[32]);
        byte[] expected = Convert.FromHexString("555566667878807f0080000000000000aaaaccccf0f000ff0000000000000000");
        Assert.Equal(expected, shuffled);
        var back = new byte[32];
        BitShuffle.Unshuffle(shuffled, back, 2, new byte[32]);
        Assert.Equal(values, back);
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
        frame[2] = (byte)((frame[2] & 0x1F) | (1 << 5)); // lz4
        var ex = Assert.Throws<NotSupportedException>(() => BloscCodec.Decompress(frame));
        Assert.Contains("lz4", ex.Message);
    }

    /// <summary>Frames both ways with numcodecs 0.11 (c-blosc 1.21): theirs decode here, ours decode there, sizes agree.</summary>
    [Fact]
    public void InteroperatesWithNumcodecsBothWays()
    {
        using var dir = new TempDir();
        var cases = new List<(string Name, int TypeSize, int Size, int Shuffle, int BlockSize)>();
        foreach (int ts in new[] { 1, 2, 4, 8 })
            foreach (int size in new[] { 64, 200, 1000, 4096 + 3 * ts, 100 * 64 * 64 * 2 + ts * 5 })
                foreach (int sh in new[] { 0, 1, 2 })
                    cases.Add(($"c{cases.Count}", ts, size - size % ts, sh, 0));
        cases.Add(($"c{cases.Count}", 2, 300000, 2, 4096));
        cases.Add(($"c{cases.Count}", 4, 300000, 1, 1000));
        cases.Add(($"c{cases.Count}", 2, 200, 2, 0));   // 100 elements: not a multiple of 8, c-blosc leaves the block unshuffled
        cases.Add(($"c{cases.Count}", 2, 100 * 256 * 256 * 2, 2, 0));
        cases.Add(($"c{cases.Count}", 1, 100 * 256 * 256, 2, 0));

        foreach (var c in cases)
        {
            byte[] data = PoissonLike(c.Size, c.Size * 31 + c.TypeSize);
            File.WriteAllBytes(dir.File(c.Name + ".raw"), data);
            File.WriteAllBytes(dir.File(c.Name + ".ours"), BloscCodec.Compress(data, c.TypeSize, 5, (BloscShuffle)c.Shuffle, c.BlockSize));
        }
        File.WriteAllLines(dir.File("cases.txt"), cases.Select(c => $"{c.Name} {c.TypeSize} {c.Shuffle} {c.BlockSize}"));
        string report = Python.Run("""
            import sys, os
            from numcodecs import Blosc
            d = sys.argv[1]
            for line in open(os.path.join(d, 'cases.txt')):
                name, ts, sh, bs = line.split(); ts, sh, bs = int(ts), int(sh), int(bs)
                raw = open(os.path.join(d, name + '.raw'), 'rb').read()
                ours = open(os.path.join(d, name + '.ours'), 'rb').read()
                ok = bytes(Blosc().decode(ours)) == raw
                import numpy as np
                arr = np.frombuffer(raw, dtype={1:'u1',2:'u2',4:'u4',8:'u8'}[ts])
                theirs = Blosc(cname='zstd', clevel=5, shuffle=sh, blocksize=bs).encode(arr)
                open(os.path.join(d, name + '.theirs'), 'wb').write(theirs)
                print(name, int(ok), len(theirs), int.from_bytes(theirs[8:12], 'little'))
            """, dir.Path);
        var failures = new List<string>();
        foreach (string line in report.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ');
            var c = cases.Single(x => x.Name == f[0]);
            byte[] raw = File.ReadAllBytes(dir.File(c.Name + ".raw"));
            byte[] ours = File.ReadAllBytes(dir.File(c.Name + ".ours"));
            byte[] theirs = File.ReadAllBytes(dir.File(c.Name + ".theirs"));
            if (f[1] != "1") failures.Add($"{c}: numcodecs did not decode our frame to the input");
            if (!BloscCodec.Decompress(theirs).SequenceEqual(raw)) failures.Add($"{c}: we did not decode numcodecs' frame to the input");
            BloscHeader ho = BloscCodec.ReadHeader(ours), ht = BloscCodec.ReadHeader(theirs);
            if (ho.BlockSize != ht.BlockSize) failures.Add($"{c}: blocksize ours {ho.BlockSize} theirs {ht.BlockSize}");
            if (ho.Flags != ht.Flags) failures.Add($"{c}: flags ours {ho.Flags:x2} theirs {ht.Flags:x2}");
            // Same block structure; the zstd inside differs in version (ZstdSharp 1.5.7 port vs Debian libzstd 1.5.4), so sizes differ slightly.
            if (Math.Abs(ours.Length - theirs.Length) > Math.Max(16, 0.03 * theirs.Length)) failures.Add($"{c}: size ours {ours.Length} theirs {theirs.Length}");
        }
        Assert.Equal(cases.Count, report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
