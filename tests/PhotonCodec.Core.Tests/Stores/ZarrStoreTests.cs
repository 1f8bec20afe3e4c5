using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

public sealed class ZarrStoreTests
{
    private static ZarrArrayMetadata Meta(PixelType type, long t, long h, long w, int ct) => new()
    {
        Shape = new[] { t, h, w },
        Chunks = new[] { ct, (int)h, (int)w },
        DType = type,
        Compressor = new ZarrCompressor(),
        FillValue = JsonValue.Create(0),
    };

    [Theory]
    [InlineData(PixelType.UInt8)]
    [InlineData(PixelType.Int16)]
    [InlineData(PixelType.UInt16)]
    [InlineData(PixelType.Float32)]
    public void WritesAndReadsBackWithAPaddedLastChunk(PixelType type)
    {
        using var dir = new TempDir();
        var meta = Meta(type, 11, 5, 7, 4);
        int frameBytes = 5 * 7 * type.Size();
        var data = new byte[11 * frameBytes];
        new Random(1).NextBytes(data);
        if (type == PixelType.Float32) for (int i = 3; i < data.Length; i += 4) data[i] &= 0x3F; // finite floats
        using (var w = ZarrArrayWriter.Create(dir.File("a.zarr"), meta, overwrite: false))
        {
            for (long c = 0; c < 3; c++)
            {
                var chunk = new byte[meta.ChunkBytes];
                int frames = (int)Math.Min(4, 11 - c * 4);
                data.AsSpan((int)(c * 4 * frameBytes), frames * frameBytes).CopyTo(chunk);
                w.WriteChunk(new[] { c, 0L, 0L }, chunk);
            }
            w.Attributes = new JsonObject { ["hello"] = "world" };
            w.Commit();
        }
        var r = ZarrArrayReader.Open(dir.File("a.zarr"));
        Assert.Equal("world", r.Attributes["hello"]!.GetValue<string>());
        var back = new byte[data.Length];
        r.ReadFrames(0, 11, back);
        Assert.Equal(data, back);
        var some = new byte[3 * frameBytes];
        r.ReadFrames(3, 3, some);
        Assert.Equal(data.AsSpan(3 * frameBytes, 3 * frameBytes).ToArray(), some);
    }

    [Fact]
    public void DisposeWithoutCommitLeavesNothingAndExistingArraysAreKept()
    {
        using var dir = new TempDir();
        var meta = Meta(PixelType.UInt8, 2, 4, 4, 2);
        using (var w = ZarrArrayWriter.Create(dir.File("b.zarr"), meta, false))
            w.WriteChunk(new[] { 0L, 0L, 0L }, new byte[meta.ChunkBytes]);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));

        Directory.CreateDirectory(dir.File("c.zarr"));
        File.WriteAllText(Path.Combine(dir.File("c.zarr"), "marker"), "x");
        File.WriteAllText(Path.Combine(dir.File("c.zarr"), ".zarray"), "{}");   // -Force replaces only a Zarr array
        Assert.Throws<ZarrDestinationExistsException>(() => ZarrArrayWriter.Create(dir.File("c.zarr"), meta, false));
        using (var w = ZarrArrayWriter.Create(dir.File("c.zarr"), meta, true))
        {
            w.WriteChunk(new[] { 0L, 0L, 0L }, new byte[meta.ChunkBytes]);
            Assert.True(File.Exists(Path.Combine(dir.File("c.zarr"), "marker")));   // untouched until Commit
            w.Commit();
        }
        Assert.False(File.Exists(Path.Combine(dir.File("c.zarr"), "marker")));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ZarrPythonReadsOursAndWeReadZarrPythons()
    {
        using var dir = new TempDir();
        var meta = Meta(PixelType.UInt16, 9, 6, 5, 4);
        var data = Enumerable.Range(0, 9 * 6 * 5).SelectMany(i => BitConverter.GetBytes((ushort)(i * 37 % 5000))).ToArray();
        using (var w = ZarrArrayWriter.Create(dir.File("ours.zarr"), meta, false))
        {
            for (long c = 0; c < 3; c++)
            {
                var chunk = new byte[meta.ChunkBytes];
                int frames = (int)Math.Min(4, 9 - c * 4);
                data.AsSpan((int)(c * 4 * 60), frames * 60).CopyTo(chunk);
                w.WriteChunk(new[] { c, 0L, 0L }, chunk);
            }
            w.Commit();
        }
        string output = Python.Run("""
            import sys, os, json, zarr, numpy as np, numcodecs
            from numcodecs import Blosc
            d = sys.argv[1]
            z = zarr.open(os.path.join(d, 'ours.zarr'), mode='r')
            ref = (np.arange(9*6*5) * 37 % 5000).astype('<u2').reshape(9, 6, 5)
            print('ours', bool(np.array_equal(z[:], ref)), z.chunks, str(z.dtype), z.compressor.cname, z.compressor.shuffle)
            zref = zarr.open(os.path.join(d, 'ref.zarr'), mode='w', shape=(9, 6, 5), chunks=(4, 6, 5), dtype='<u2', compressor=Blosc(cname='zstd', clevel=5, shuffle=Blosc.BITSHUFFLE), dimension_separator='.')
            ours_meta = json.load(open(os.path.join(d, 'ours.zarr', '.zarray')))
            ref_meta = json.load(open(os.path.join(d, 'ref.zarr', '.zarray')))
            print('keys', ours_meta == ref_meta)
            rng = np.random.default_rng(0)
            cases = []
            def save(name, arr, **kw):
                zz = zarr.open(os.path.join(d, name), mode='w', shape=arr.shape, dtype=arr.dtype, **kw)
                zz[:] = arr
                arr.astype(arr.dtype.newbyteorder('<')).tofile(os.path.join(d, name + '.raw'))
                cases.append(name)
            a = rng.poisson(20, (13, 9, 7)).astype('<u2')
            for sh in (0, 1, 2):
                save(f'sh{sh}.zarr', a, chunks=(5, 9, 7), compressor=Blosc(cname='zstd', clevel=5, shuffle=sh))
            save('none.zarr', a, chunks=(5, 9, 7), compressor=None)
            save('odd.zarr', rng.poisson(20, (13, 9, 7)).astype('<i4'), chunks=(7, 5, 3), compressor=Blosc(cname='zstd', clevel=3, shuffle=1))
            save('slash.zarr', a, chunks=(4, 9, 7), compressor=Blosc(cname='zstd'), dimension_separator='/')
            save('big.zarr', a.astype('>u2'), chunks=(4, 9, 7), compressor=Blosc(cname='zstd', shuffle=2))
            save('u8.zarr', rng.poisson(3, (10, 8, 8)).astype('u1'), chunks=(3, 4, 8), compressor=Blosc(cname='zstd', shuffle=2))
            save('f8.zarr', rng.normal(0, 1, (10, 8, 8)), chunks=(3, 8, 8), compressor=Blosc(cname='zstd', shuffle=1))
            m = zarr.open(os.path.join(d, 'missing.zarr'), mode='w', shape=(10, 4, 4), chunks=(3, 4, 4), dtype='<u2', fill_value=7, compressor=Blosc(cname='zstd'))
            m[0:3] = 1
            m[9] = 2
            m[:].astype('<u2').tofile(os.path.join(d, 'missing.zarr.raw')); cases.append('missing.zarr')
            one = zarr.open(os.path.join(d, 'nd1.zarr'), mode='w', shape=(25,), chunks=(7,), dtype='<i2', fill_value=-3, compressor=Blosc(cname='zstd', shuffle=1))
            one[0:14] = np.arange(14) - 5
            one[21:] = 9
            two = zarr.open(os.path.join(d, 'nd2.zarr'), mode='w', shape=(10, 6), chunks=(3, 6), dtype='<f4', compressor=None, dimension_separator='/')
            two[:] = rng.normal(0, 1, (10, 6))
            for name, zz in (('nd1.zarr', one), ('nd2.zarr', two)):
                n = zz.chunks[0] * zz.nchunks
                padded = np.full((n,) + zz.shape[1:], zz.fill_value if zz.fill_value is not None else 0, dtype=zz.dtype)
                padded[:zz.shape[0]] = zz[:]
                padded.tofile(os.path.join(d, name + '.chunks'))
            # What other writers use: zarr-python 2.13's default (Blosc lz4), lz4hc, Blosc zlib, and the zlib/gzip/zstd compressors.
            big = rng.poisson(20, (13, 64, 48)).astype('<u2')
            save('default.zarr', big, chunks=(5, 64, 48))
            save('lz4hc.zarr', big, chunks=(5, 64, 48), compressor=Blosc(cname='lz4hc', shuffle=2))
            save('bzlib.zarr', big, chunks=(5, 64, 48), compressor=Blosc(cname='zlib', shuffle=1))
            save('zlib.zarr', a, chunks=(5, 9, 7), compressor=numcodecs.Zlib())
            save('gzip.zarr', a, chunks=(5, 9, 7), compressor=numcodecs.GZip())
            save('zstd.zarr', a, chunks=(5, 9, 7), compressor=numcodecs.Zstd())
            zarr.open(os.path.join(d, 'blosclz.zarr'), mode='w', shape=(4, 4, 4), chunks=(2, 4, 4), dtype='u2', compressor=Blosc(cname='blosclz'))[:] = 1
            zarr.open(os.path.join(d, 'bz2.zarr'), mode='w', shape=(4, 4, 4), chunks=(2, 4, 4), dtype='u2', compressor=numcodecs.BZ2())[:] = 1
            zarr.open(os.path.join(d, 'filt.zarr'), mode='w', shape=(4, 4, 4), chunks=(2, 4, 4), dtype='u2', filters=[numcodecs.Delta(dtype='u2')])[:] = 1
            zarr.open(os.path.join(d, 'forder.zarr'), mode='w', shape=(4, 4, 4), chunks=(2, 4, 4), dtype='u2', order='F')[:] = 1
            print('cases', ' '.join(cases))
            """, dir.Path);
        string[] lines = output.Trim().Split('\n');
        Assert.StartsWith("ours True (4, 6, 5) uint16 zstd 2", lines[0]);
        Assert.Equal("keys True", lines[1]);
        foreach (string name in lines[2].Split(' ').Skip(1))
        {
            var r = ZarrArrayReader.Open(dir.File(name));
            byte[] expected = File.ReadAllBytes(dir.File(name + ".raw"));
            var got = new byte[expected.Length];
            r.ReadFrames(0, (int)r.Metadata.Shape[0], got);
            Assert.True(expected.AsSpan().SequenceEqual(got), name);
        }
        foreach (string name in new[] { "nd1.zarr", "nd2.zarr" })
        {
            // 1-D and 2-D arrays chunked along the first axis only: the chunks, in order, are the padded array.
            var r = ZarrArrayReader.Open(dir.File(name));
            byte[] expected = File.ReadAllBytes(dir.File(name + ".chunks"));
            var got = new byte[expected.Length];
            for (long c = 0; c < r.Metadata.ChunkCount(0); c++)
            {
                long[] index = new long[r.Metadata.Rank];
                index[0] = c;
                r.ReadChunk(index, got.AsSpan((int)(c * r.Metadata.ChunkBytes), r.Metadata.ChunkBytes));
            }
            Assert.True(expected.AsSpan().SequenceEqual(got), name);
        }
        Assert.False(ZarrArrayReader.Open(dir.File("nd1.zarr")).ChunkExists(new[] { 2L }));   // the fill-value chunk above was never written
        Assert.Contains("lz4", File.ReadAllText(dir.File("default.zarr/.zarray")));   // the default really is Blosc lz4
        Assert.Contains("blosclz", Assert.Throws<ZarrFormatException>(() => ZarrArrayReader.Open(dir.File("blosclz.zarr"))).Message);
        Assert.Contains("bz2", Assert.Throws<ZarrFormatException>(() => ZarrArrayReader.Open(dir.File("bz2.zarr"))).Message);
        Assert.Contains("delta", Assert.Throws<ZarrFormatException>(() => ZarrArrayReader.Open(dir.File("filt.zarr"))).Message);
        Assert.Contains("\"F\"", Assert.Throws<ZarrFormatException>(() => ZarrArrayReader.Open(dir.File("forder.zarr"))).Message);
    }

    [Fact]
    public void ParallelReadsOfDistinctChunksMatchSequentialOnesAndStoredBytesAgree()
    {
        using var dir = new TempDir();
        var meta = new ZarrArrayMetadata
        {
            Shape = new[] { 40L, 33, 17 }, Chunks = new[] { 3, 8, 17 }, DType = PixelType.UInt16,
            Compressor = new ZarrCompressor(), FillValue = JsonValue.Create(5),
        };
        long writerBytes;
        using (var w = ZarrArrayWriter.Create(dir.File("p.zarr"), meta, false))
        {
            var indices = Enumerable.Range(0, (int)meta.TotalChunks).Where(i => i % 11 != 4).ToArray();   // a few chunks left missing
            System.Threading.Tasks.Parallel.ForEach(indices, i =>
            {
                var chunk = new byte[meta.ChunkBytes];
                new Random(i).NextBytes(chunk);
                w.WriteChunk(new long[] { i / meta.ChunkCount(1), i % meta.ChunkCount(1), 0 }, chunk);
            });
            writerBytes = w.StoredBytes;
            w.Commit();
        }
        var r = ZarrArrayReader.Open(dir.File("p.zarr"));
        long[][] all = Enumerable.Range(0, (int)meta.TotalChunks).Select(i => new long[] { i / meta.ChunkCount(1), i % meta.ChunkCount(1), 0 }).ToArray();
        Assert.Equal(writerBytes, r.StoredBytes);
        Assert.Equal(writerBytes, all.Sum(r.ChunkStoredBytes));
        Assert.Equal(all.Length - all.Count(i => !r.ChunkExists(i)), Enumerable.Range(0, all.Length).Count(i => i % 11 != 4));
        byte[][] sequential = all.Select(i => { var b = new byte[meta.ChunkBytes]; r.ReadChunk(i, b); return b; }).ToArray();
        Assert.All(Enumerable.Range(0, all.Length).Where(i => i % 11 == 4),
            i => Assert.True(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(sequential[i]).ToArray().All(v => v == 5)));
        for (int round = 0; round < 3; round++)
        {
            var parallel = new byte[all.Length][];
            System.Threading.Tasks.Parallel.For(0, all.Length, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                var b = new byte[meta.ChunkBytes];
                r.ReadChunk(all[i], b);
                parallel[i] = b;
            });
            for (int i = 0; i < all.Length; i++) Assert.Equal(sequential[i], parallel[i]);
        }
    }

    [Fact]
    public void MetadataSurvivesItsOwnJson()
    {
        var meta = new ZarrArrayMetadata
        {
            Shape = new[] { 7L, 3 }, Chunks = new[] { 2, 3 }, DType = PixelType.Int32, BigEndian = true,
            Compressor = new ZarrCompressor(CLevel: 3, Shuffle: BloscShuffle.Byte), FillValue = JsonValue.Create(-1), DimensionSeparator = '/',
        };
        var back = ZarrArrayMetadata.Parse(meta.ToJson(), "test");
        Assert.Equal(meta.Shape, back.Shape);
        Assert.Equal(meta.Chunks, back.Chunks);
        Assert.Equal(PixelType.Int32, back.DType);
        Assert.True(back.BigEndian);
        Assert.Equal(meta.Compressor, back.Compressor);
        Assert.Equal(-1, back.FillValue!.GetValue<int>());
        Assert.Equal('/', back.DimensionSeparator);
        Assert.Equal(4, back.ChunkCount(0));
        Assert.Equal(4, back.TotalChunks);
        Assert.Equal(24, back.ChunkBytes);
        Assert.Contains("zarr_format 3", Assert.Throws<ZarrFormatException>(() => ZarrArrayMetadata.Parse(meta.ToJson().Replace("\"zarr_format\": 2", "\"zarr_format\": 3"), "test")).Message);
    }

    [Fact]
    public void CorruptChunkIsReportedWithItsFile()
    {
        using var dir = new TempDir();
        var meta = Meta(PixelType.UInt16, 4, 16, 16, 2);
        var chunk = Enumerable.Range(0, meta.ChunkBytes).Select(i => (byte)(i % 13)).ToArray();
        using (var w = ZarrArrayWriter.Create(dir.File("d.zarr"), meta, false))
        {
            w.WriteChunk(new[] { 0L, 0L, 0L }, chunk);
            w.WriteChunk(new[] { 1L, 0L, 0L }, chunk);
            w.Commit();
        }
        string file = Path.Combine(dir.File("d.zarr"), "1.0.0");
        byte[] bytes = File.ReadAllBytes(file);
        for (int i = 40; i < bytes.Length; i += 3) bytes[i] ^= 0x5A;
        File.WriteAllBytes(file, bytes);
        var r = ZarrArrayReader.Open(dir.File("d.zarr"));
        var frames = new byte[4 * 16 * 16 * 2];
        // The checksum recorded at write time refuses it first; without it the Blosc stream itself is found corrupt.
        Assert.Contains("1.0.0", Assert.Throws<ChunkChecksumException>(() => r.ReadFrames(0, 4, frames)).File);
        r.Checksums.Verify = false;
        var ex = Assert.Throws<ZarrFormatException>(() => r.ReadFrames(0, 4, frames));
        Assert.Contains("1.0.0", ex.Message);
        Assert.IsType<BloscFormatException>(ex.InnerException);
    }

    [Fact]
    public void MissingArrayAndBadMetadataGiveClearErrors()
    {
        using var dir = new TempDir();
        Assert.Throws<DirectoryNotFoundException>(() => ZarrArrayReader.Open(dir.File("nope.zarr")));
        Directory.CreateDirectory(dir.File("empty.zarr"));
        Assert.Contains(".zarray", Assert.Throws<ZarrFormatException>(() => ZarrArrayReader.Open(dir.File("empty.zarr"))).Message);
        File.WriteAllText(Path.Combine(dir.File("empty.zarr"), ".zarray"), "{not json");
        Assert.Throws<ZarrFormatException>(() => ZarrArrayReader.Open(dir.File("empty.zarr")));
    }
}
