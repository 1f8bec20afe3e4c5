using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Codecs;

/// <summary>Frames both ways with numcodecs 0.11 (c-blosc 1.21.3); all cases of a test go through one python call.</summary>
public sealed class BloscNumcodecsInteropTests
{
    private sealed record Case(string Name, byte[] Data, int TypeSize, BloscShuffle Shuffle, int BlockSize, string CName = "zstd", string SplitMode = "FORWARD_COMPAT");

    private sealed record Theirs(Case Case, bool TheyDecodedOurs, byte[] Ours, byte[] Frame);

    private static byte[] PoissonLike(int size, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte)(i % 7 == 0 ? rng.Next(256) : rng.Next(4));
        return data;
    }

    private static byte[] PhotonMovie(PixelType type, int frames, int height, int width, int seed) =>
        type == PixelType.UInt8
            ? SyntheticMovie.Constant(seed, 2.5, 1, 0, 0, type, frames, height, width).ToBytes()   // small codes, as the quantizer stores
            : SyntheticMovie.Constant(seed, 3.0, 2.2, 100, 1.5, type, frames, height, width).ToBytes();

    /// <summary>Writes every case, encodes ours, lets numcodecs decode ours and encode its own; returns both frames per case.</summary>
    private static List<Theirs> RunNumcodecs(IReadOnlyList<Case> cases)
    {
        using var dir = new TempDir();
        var ours = new Dictionary<string, byte[]>();
        foreach (Case c in cases)
        {
            File.WriteAllBytes(dir.File(c.Name + ".raw"), c.Data);
            if (c.CName == "zstd")
                ours[c.Name] = BloscCodec.Compress(c.Data, c.TypeSize, 5, c.Shuffle, c.BlockSize);
            File.WriteAllBytes(dir.File(c.Name + ".ours"), ours.TryGetValue(c.Name, out byte[]? o) ? o : Array.Empty<byte>());
        }
        File.WriteAllLines(dir.File("cases.txt"), cases.Select(c => $"{c.Name} {c.TypeSize} {(int)c.Shuffle} {c.BlockSize} {c.CName} {c.SplitMode}"));
        string report = Python.Run("""
            import sys, os
            import numpy as np
            import numcodecs.blosc as nb
            # the global-context path reads BLOSC_SPLITMODE, so split streams can be asked for
            nb.use_threads = True
            d = sys.argv[1]
            for line in open(os.path.join(d, 'cases.txt')):
                name, ts, sh, bs, cname, split = line.split(); ts, sh, bs = int(ts), int(sh), int(bs)
                os.environ['BLOSC_SPLITMODE'] = split
                raw = open(os.path.join(d, name + '.raw'), 'rb').read()
                ours = open(os.path.join(d, name + '.ours'), 'rb').read()
                arr = np.frombuffer(raw, dtype={1:'u1',2:'u2',4:'u4',8:'u8'}.get(ts) or np.dtype((np.void, ts)))
                theirs = nb.Blosc(cname=cname, clevel=5, shuffle=sh, blocksize=bs).encode(arr)
                # numcodecs cannot decode even its own empty frame; there, ours must equal theirs byte for byte
                ok = len(ours) > 0 and (bytes(nb.Blosc().decode(ours)) == raw if raw else ours == theirs)
                open(os.path.join(d, name + '.theirs'), 'wb').write(theirs)
                print(name, int(ok))
            """, dir.Path);
        string[] lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Count, lines.Length);
        return lines.Select(line =>
        {
            string[] f = line.Split(' ');
            Case c = cases.Single(x => x.Name == f[0]);
            return new Theirs(c, f[1] == "1", ours.GetValueOrDefault(c.Name, Array.Empty<byte>()), File.ReadAllBytes(dir.File(c.Name + ".theirs")));
        }).ToList();
    }

    [Fact]
    public void FramesDecodeBothWaysWithTheSameBlockStructure()
    {
        var cases = new List<Case>();
        foreach (int ts in new[] { 1, 2, 4, 8 })
            foreach (int size in new[] { 0, 64, 127, 128, 200, 1000, 4096 + 3 * ts, 40000 + 3 * ts, 100 * 64 * 64 * 2 + ts * 5 })
                foreach (BloscShuffle sh in new[] { BloscShuffle.None, BloscShuffle.Byte, BloscShuffle.Bit })
                {
                    int n = size - size % ts;
                    cases.Add(new Case($"c{cases.Count}", PoissonLike(n, n * 31 + ts), ts, sh, 0));
                }
        cases.Add(new Case("forced4096", PoissonLike(300000, 1), 2, BloscShuffle.Bit, 4096));
        cases.Add(new Case("forced1000", PoissonLike(300000, 2), 4, BloscShuffle.Byte, 1000));
        cases.Add(new Case("forced100", PoissonLike(30000, 3), 2, BloscShuffle.Bit, 100));     // raised to 128 by c-blosc
        cases.Add(new Case("odd8", PoissonLike(200, 4), 2, BloscShuffle.Bit, 0));              // 100 elements: not a multiple of 8
        cases.Add(new Case("oddBlocks", PoissonLike(300006, 5), 2, BloscShuffle.Bit, 1030)); // 515-element blocks, 103-element leftover
        cases.Add(new Case("ts3", PoissonLike(30000, 6), 3, BloscShuffle.Byte, 0));
        cases.Add(new Case("ts3bit", PoissonLike(30000, 7), 3, BloscShuffle.Bit, 0));
        cases.Add(new Case("ts200", PoissonLike(30000, 8), 200, BloscShuffle.Byte, 0));
        cases.Add(new Case("random", RandomBytes(200000, 9), 2, BloscShuffle.None, 0));        // incompressible: memcpyed

        var failures = new List<string>();
        foreach (Theirs t in RunNumcodecs(cases))
        {
            Case c = t.Case;
            string what = $"{c.Name} (typesize {c.TypeSize}, {c.Data.Length} bytes, {c.Shuffle}, blocksize {c.BlockSize})";
            if (!t.TheyDecodedOurs) failures.Add($"{what}: numcodecs did not decode our frame to the input");
            if (!BloscCodec.Decompress(t.Frame).SequenceEqual(c.Data)) failures.Add($"{what}: we did not decode numcodecs' frame to the input");
            BloscHeader ho = BloscCodec.ReadHeader(t.Ours), ht = BloscCodec.ReadHeader(t.Frame);
            if (ho.BlockSize != ht.BlockSize) failures.Add($"{what}: blocksize ours {ho.BlockSize} theirs {ht.BlockSize}");
            if (ho.Flags != ht.Flags) failures.Add($"{what}: flags ours {ho.Flags:x2} theirs {ht.Flags:x2}");
            if (ho.TypeSize != ht.TypeSize) failures.Add($"{what}: typesize ours {ho.TypeSize} theirs {ht.TypeSize}");
            // Same block structure; the zstd inside differs (ZstdSharp 1.5.7 port vs Debian's libzstd), so tiny frames may differ by a few bytes.
            if (Math.Abs(t.Ours.Length - t.Frame.Length) > Math.Max(24, 0.03 * t.Frame.Length)) failures.Add($"{what}: size ours {t.Ours.Length} theirs {t.Frame.Length}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void RealisticChunksMatchNumcodecsSizeWithinOnePercent()
    {
        var cases = new List<Case>
        {
            new("u16", PhotonMovie(PixelType.UInt16, 100, 64, 64, 1), 2, BloscShuffle.Bit, 0),
            new("u8", PhotonMovie(PixelType.UInt8, 100, 64, 64, 2), 1, BloscShuffle.Bit, 0),
            new("u16big", PhotonMovie(PixelType.UInt16, 20, 256, 256, 3), 2, BloscShuffle.Bit, 0),
            new("u16byte", PhotonMovie(PixelType.UInt16, 100, 64, 64, 4), 2, BloscShuffle.Byte, 0),
        };
        var failures = new List<string>();
        foreach (Theirs t in RunNumcodecs(cases))
        {
            Assert.Equal(t.Case.Data, BloscCodec.Decompress(t.Frame));
            Assert.True(t.TheyDecodedOurs, t.Case.Name);
            BloscHeader ho = BloscCodec.ReadHeader(t.Ours), ht = BloscCodec.ReadHeader(t.Frame);
            Assert.False(ht.IsMemcpyed);
            Assert.Equal(ht.BlockSize, ho.BlockSize);
            double ratio = (double)t.Ours.Length / t.Frame.Length;
            Console.WriteLine($"{t.Case.Name}: ours {t.Ours.Length} theirs {t.Frame.Length} ({ratio:F4}), raw {t.Case.Data.Length}");
            if (Math.Abs(ratio - 1) > 0.01) failures.Add($"{t.Case.Name}: ours {t.Ours.Length} bytes, numcodecs {t.Frame.Length} ({ratio:F4})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Split streams (c-blosc's ALWAYS/AUTO split modes), other codecs' memcpyed frames, lz4/lz4hc/zlib frames, and a refusal naming blosclz.</summary>
    [Fact]
    public void ReadsSplitStreamsAndMemcpyedFramesOfOtherCodecs()
    {
        var cases = new List<Case>();
        foreach (int ts in new[] { 1, 2, 4, 8 })
            foreach (BloscShuffle sh in new[] { BloscShuffle.None, BloscShuffle.Byte, BloscShuffle.Bit })
                cases.Add(new Case($"split{ts}{(int)sh}", PoissonLike(300000 - 300000 % ts + 7 * ts, ts * 10 + (int)sh), ts, sh, 0, SplitMode: "ALWAYS"));
        cases.Add(new Case("splitSmallBlocks", PoissonLike(100000, 1), 2, BloscShuffle.Bit, 2048, SplitMode: "ALWAYS"));
        cases.Add(new Case("splitTs16", PoissonLike(80000, 2), 16, BloscShuffle.Byte, 0, SplitMode: "ALWAYS"));
        foreach (string cname in new[] { "lz4", "lz4hc", "blosclz", "zlib" })
            cases.Add(new Case($"small_{cname}", PoissonLike(100, cname.Length), 2, BloscShuffle.Bit, 0, cname));
        cases.Add(new Case("lz4big", PoissonLike(50000, 3), 2, BloscShuffle.Byte, 0, "lz4"));
        cases.Add(new Case("lz4hcbig", PoissonLike(50000, 4), 2, BloscShuffle.Bit, 0, "lz4hc"));
        cases.Add(new Case("zlibbig", PoissonLike(50000, 5), 2, BloscShuffle.Byte, 0, "zlib"));
        cases.Add(new Case("lz4split", PoissonLike(300000, 6), 2, BloscShuffle.Byte, 0, "lz4", SplitMode: "ALWAYS"));
        cases.Add(new Case("blosclzbig", Enumerable.Range(0, 50000).Select(i => (byte)(i / 100 % 7)).ToArray(), 2, BloscShuffle.Byte, 0, "blosclz"));

        foreach (Theirs t in RunNumcodecs(cases))
        {
            Case c = t.Case;
            BloscHeader h = BloscCodec.ReadHeader(t.Frame);
            if (c.Name == "blosclzbig")
            {
                Assert.False(h.IsMemcpyed);
                var ex = Assert.Throws<NotSupportedException>(() => BloscCodec.Decompress(t.Frame));
                Assert.Contains("'blosclz'", ex.Message);
                continue;
            }
            if (c.SplitMode == "ALWAYS") Assert.False(h.DontSplit, c.Name);
            if (c.Name.EndsWith("big") || c.Name == "lz4split") Assert.False(h.IsMemcpyed, c.Name);
            else if (c.CName != "zstd") Assert.True(h.IsMemcpyed, c.Name);
            Assert.True(c.Data.SequenceEqual(BloscCodec.Decompress(t.Frame)), $"{c.Name}: decoded bytes differ");
        }
    }

    private static byte[] RandomBytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }
}
