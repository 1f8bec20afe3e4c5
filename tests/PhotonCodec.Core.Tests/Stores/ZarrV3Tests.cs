using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

public sealed class ZarrV3Tests
{
    private static SyntheticMovie Movie(int frames = 23) =>
        SyntheticMovie.Generate(11, 30, 200, 8, PixelType.UInt16, frames, 24, 20, (t, y, x) => 0.5 + (x + y) / 8.0 + (t % 5));

    private static InMemoryFrameSource Source(SyntheticMovie m) => new(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);

    private static ConversionOptions V3(CodecMode mode, int? inner = null) => new()
    {
        Mode = mode, Gain = 30, ZeroLevel = 200, ReadNoise = 8, ChunkFrames = 10, Format = ArchiveFormat.ZarrV3, InnerChunkFrames = inner,
    };

    [Fact]
    public void ZarrJsonIsTheSpecsArrayMetadata()
    {
        using var dir = new TempDir();
        PhotonConverter.Convert(Source(Movie()), dir.File("a.zarr"), V3(CodecMode.Lossless));
        Assert.Equal(new[] { FixityManifest.FileName, "c", "zarr.json" }, Directory.EnumerateFileSystemEntries(dir.File("a.zarr")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "0", "1", "2" }, Directory.GetDirectories(dir.File("a.zarr/c")).Select(Path.GetFileName).OrderBy(n => n));
        Assert.True(File.Exists(dir.File("a.zarr/c/2/0/0")));
        var j = JsonNode.Parse(File.ReadAllText(dir.File("a.zarr/zarr.json")))!.AsObject();
        var expected = JsonNode.Parse("""
            {"zarr_format":3,"node_type":"array","shape":[23,24,20],"data_type":"uint16",
             "chunk_grid":{"name":"regular","configuration":{"chunk_shape":[10,24,20]}},
             "chunk_key_encoding":{"name":"default","configuration":{"separator":"/"}},
             "fill_value":0,
             "codecs":[{"name":"sharding_indexed","configuration":{"chunk_shape":[1,24,20],
                "codecs":[{"name":"bytes","configuration":{"endian":"little"}},
                          {"name":"blosc","configuration":{"cname":"zstd","clevel":5,"shuffle":"bitshuffle","typesize":2,"blocksize":0}}],
                "index_codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}],
                "index_location":"end"}}],
             "dimension_names":["t","y","x"]}
            """)!.AsObject();
        Assert.Equal("lossless", j["attributes"]!["photon"]!["mode"]!.GetValue<string>());
        j.Remove("attributes");
        Assert.True(JsonNode.DeepEquals(expected, j), j.ToJsonString());
    }

    [Theory]
    [InlineData(CodecMode.Lossless, null)]
    [InlineData(CodecMode.Quantized, 5)]
    [InlineData(CodecMode.Float, 2)]
    public void V3ArchivesReadBackLikeV2Ones(CodecMode mode, int? inner)
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        var v2Options = V3(mode);
        v2Options.Format = ArchiveFormat.ZarrV2;
        v2Options.InnerChunkFrames = null;
        PhotonConverter.Convert(Source(m), dir.File("v2.zarr"), v2Options);
        PhotonConverter.Convert(Source(m), dir.File("v3.zarr"), V3(mode, inner));
        PhotonArchive a2 = PhotonArchive.Open(dir.File("v2.zarr")), a3 = PhotonArchive.Open(dir.File("v3.zarr"));
        Assert.Equal((2, 3), (a2.ZarrFormat, a3.ZarrFormat));
        Assert.Equal(inner ?? 1, a3.FramesPerChunk);
        Assert.Equal(a2.Mode, a3.Mode);
        int bytes = m.Frames * a2.FramePixels * a2.OriginalType.Size();
        byte[] d2 = new byte[bytes], d3 = new byte[bytes];
        a2.ReadFrames(0, m.Frames, d2);
        a3.ReadFrames(0, m.Frames, d3);
        Assert.Equal(d2, d3);
        a3.ReadFrames(7, 9, d3);
        Assert.Equal(d2.AsSpan(7 * a2.FramePixels * 2, 9 * a2.FramePixels * 2).ToArray(), d3.AsSpan(0, 9 * a2.FramePixels * 2).ToArray());
        Assert.Null(new RoundTripBounds(mode, a3.Parameters).Check(RoundTripVerifier.Compare(Source(m), a3)));
    }

    [Fact]
    public void OneFrameOfAShardReadsTheIndexAndOneInnerChunkOnly()
    {
        using var dir = new TempDir();
        PhotonConverter.Convert(Source(Movie()), dir.File("a.zarr"), V3(CodecMode.Lossless));
        var reader = ZarrArrayReader.Open(dir.File("a.zarr"));
        ShardingCodec sharding = reader.Metadata.Codecs.Sharding!;
        int indexBytes = sharding.IndexBytes(reader.Metadata.ChunkSpec);
        Assert.Equal(10 * 16 + 4, indexBytes);
        int readsBefore = reader.Store.Reads;
        long bytesBefore = reader.Store.BytesRead;
        var frame = new byte[24 * 20 * 2];
        reader.ReadFrames(13, 1, frame);

        // The expected inner chunk, from the shard file's own index.
        byte[] shard = File.ReadAllBytes(dir.File("a.zarr/c/1/0/0"));
        ShardIndex index = sharding.DecodeIndex(shard.AsSpan(shard.Length - indexBytes), reader.Metadata.ChunkSpec);
        Assert.True(index.TryGetRange(3, shard.Length, out _, out int innerBytes));
        Assert.Equal(2, reader.Store.Reads - readsBefore);
        Assert.Equal(indexBytes + innerBytes, reader.Store.BytesRead - bytesBefore);
        Assert.True(indexBytes + innerBytes < shard.Length / 5);
        Assert.Equal(1, reader.ChunksRead);

        reader.ReadFrames(14, 1, frame);  // same shard: the index is not read again
        Assert.Equal(3, reader.Store.Reads - readsBefore);
    }

    [Fact]
    public void AShardIndexWithABadCrc32cIsACorruptChunk()
    {
        using var dir = new TempDir();
        PhotonConverter.Convert(Source(Movie()), dir.File("a.zarr"), V3(CodecMode.Lossless));
        string shard = dir.File("a.zarr/c/0/0/0");
        byte[] bytes = File.ReadAllBytes(shard);
        bytes[^10] ^= 0x01;   // inside the index
        File.WriteAllBytes(shard, bytes);
        PhotonArchive archive = PhotonArchive.Open(dir.File("a.zarr"));
        var ex = Assert.Throws<ZarrFormatException>(() => archive.ReadFrames(0, 1, new byte[24 * 20 * 2]));
        Assert.IsType<CorruptChunkException>(ex.InnerException);
        Assert.Contains("crc32c", ex.Message);
        Assert.Contains(shard, ex.Message);
        archive.ReadFrames(10, 1, new byte[24 * 20 * 2]);   // other shards still read
    }

    [Fact]
    public void ShardsAreWrittenOnceAndInnerFramesMustDivideShards()
    {
        using var dir = new TempDir();
        var meta = ArchiveLayout.Metadata(Source(Movie()), PixelType.UInt16, 10, 5, ArchiveFormat.ZarrV3, 2);
        using (var w = ZarrArrayWriter.Create(dir.File("w.zarr"), meta, overwrite: false))
        {
            w.WriteChunk(new[] { 0L, 0, 0 }, new byte[meta.ChunkBytes]);
            Assert.Throws<IOException>(() => w.WriteChunk(new[] { 0L, 0, 0 }, new byte[meta.ChunkBytes]));
        }
        Assert.False(Directory.Exists(dir.File("w.zarr")));
        var bad = V3(CodecMode.Lossless, 3);
        Assert.Contains("InnerChunkFrames", Assert.Throws<ArgumentOutOfRangeException>(() => PhotonConverter.Convert(Source(Movie()), dir.File("x.zarr"), bad)).Message);
        var v2 = new ConversionOptions { InnerChunkFrames = 2 };
        Assert.Throws<ArgumentOutOfRangeException>(() => v2.Validate());
    }

    [Fact]
    public void V3MetadataErrorsNameWhatIsWrong()
    {
        using var dir = new TempDir();
        PhotonConverter.Convert(Source(Movie(5)), dir.File("a.zarr"), V3(CodecMode.Lossless));
        string json = File.ReadAllText(dir.File("a.zarr/zarr.json"));
        (ZarrArrayMetadata m, JsonObject attrs) = ZarrV3Metadata.Parse(json, "a");
        Assert.Equal(json, ZarrV3Metadata.ToJson(m, attrs));
        Assert.Contains("group", Assert.Throws<ZarrFormatException>(() => ZarrV3Metadata.Parse("""{"zarr_format":3,"node_type":"group"}""", "g")).Message);
        Assert.Contains("rectilinear", Assert.Throws<ZarrFormatException>(() => ZarrV3Metadata.Parse(json.Replace("\"regular\"", "\"rectilinear\""), "a")).Message);
        Assert.Contains("bool", Assert.Throws<ZarrFormatException>(() => ZarrV3Metadata.Parse(json.Replace("\"uint16\"", "\"bool\""), "a")).Message);
        Assert.Contains("lz77", Assert.Throws<ZarrFormatException>(() => ZarrV3Metadata.Parse(json.Replace("\"blosc\"", "\"lz77\""), "a")).Message);
        Assert.Contains("multiple", Assert.Throws<ZarrFormatException>(() => ZarrV3Metadata.Parse(json.Replace("\"chunk_shape\": [\n          1,", "\"chunk_shape\": [\n          2,"), "a")).Message);
    }

    [Fact]
    public void ReadsGzipAndTransposeV3ArraysAsPythonWritesThem()
    {
        using var dir = new TempDir();
        string output = Python.Run("""
            import sys, os, json, gzip, numpy as np
            d = os.path.join(sys.argv[1], 'g.zarr')
            a = (np.arange(5 * 4 * 3) * 7 % 300).astype('<u2').reshape(5, 4, 3)
            meta = {"zarr_format": 3, "node_type": "array", "shape": [5, 4, 3], "data_type": "uint16",
                    "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2, 4, 3]}},
                    "chunk_key_encoding": {"name": "default", "configuration": {"separator": "."}},
                    "fill_value": 9, "codecs": [{"name": "bytes", "configuration": {"endian": "big"}}, {"name": "gzip", "configuration": {"level": 1}}],
                    "attributes": {"by": "python"}}
            os.makedirs(d)
            json.dump(meta, open(os.path.join(d, 'zarr.json'), 'w'))
            for c in (0, 1):   # chunk 2 (frame 4) left out: fill_value
                open(os.path.join(d, f'c.{c}.0.0'), 'wb').write(gzip.compress(a[2*c:2*c+2].astype('>u2').tobytes()))
            # The same values through transpose [2, 0, 1] (chunks stored as numpy's a.transpose(2, 0, 1)), one chunk.
            t = os.path.join(sys.argv[1], 't.zarr')
            os.makedirs(os.path.join(t, 'c', '0', '0'))
            meta.update(chunk_grid={"name": "regular", "configuration": {"chunk_shape": [5, 4, 3]}}, fill_value=0,
                        chunk_key_encoding={"name": "default"},
                        codecs=[{"name": "transpose", "configuration": {"order": [2, 0, 1]}}, {"name": "bytes", "configuration": {"endian": "little"}}])
            json.dump(meta, open(os.path.join(t, 'zarr.json'), 'w'))
            open(os.path.join(t, 'c', '0', '0', '0'), 'wb').write(np.ascontiguousarray(a.transpose(2, 0, 1)).tobytes())
            print(json.dumps(a.ravel().tolist()))
            """, dir.Path);
        var expected = JsonNode.Parse(output)!.AsArray().Select(n => (ushort)n!.GetValue<int>()).ToArray();
        for (int i = 48; i < 60; i++) expected[i] = 9;
        var r = ZarrArrayReader.Open(dir.File("g.zarr"));
        Assert.Equal("python", r.Attributes["by"]!.GetValue<string>());
        var got = new byte[60 * 2];
        r.ReadFrames(0, 5, got);
        Assert.Equal(expected, Enumerable.Range(0, 60).Select(i => BitConverter.ToUInt16(got, 2 * i)).ToArray());
        var original = JsonNode.Parse(output)!.AsArray().Select(n => (ushort)n!.GetValue<int>()).ToArray();
        ZarrArrayReader.Open(dir.File("t.zarr")).ReadFrames(0, 5, got);
        Assert.Equal(original, Enumerable.Range(0, 60).Select(i => BitConverter.ToUInt16(got, 2 * i)).ToArray());
    }

    [ZarritaFact]
    public void ZarritaReadsOurV3ArraysAsTheSource()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie();
        PhotonConverter.Convert(Source(m), dir.File("l.zarr"), V3(CodecMode.Lossless));
        PhotonConverter.Convert(Source(m), dir.File("q.zarr"), V3(CodecMode.Quantized, 5));

        JsonNode lossless = JsonNode.Parse(Zarrita.Run("read", dir.File("l.zarr"), dir.File("l.bin")))!;
        Assert.Equal("uint16", lossless["data_type"]!.GetValue<string>());
        Assert.Equal(m.ToBytes(), File.ReadAllBytes(dir.File("l.bin")));

        var ome = V3(CodecMode.Lossless);
        ome.Layout = ArchiveStructure.OmeZarr;
        PhotonConverter.Convert(Source(m), dir.File("ome.zarr"), ome);   // NGFF 0.5: the array at 0
        Zarrita.Run("read", dir.File("ome.zarr/0"), dir.File("o.bin"));
        Assert.Equal(m.ToBytes(), File.ReadAllBytes(dir.File("o.bin")));

        JsonNode quantized = JsonNode.Parse(Zarrita.Run("read", dir.File("q.zarr"), dir.File("q.bin")))!;
        double[] lut = quantized["attributes"]!["photon"]!["decode_lut"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        byte[] codes = File.ReadAllBytes(dir.File("q.bin"));
        PhotonArchive archive = PhotonArchive.Open(dir.File("q.zarr"));
        Assert.Equal(PixelType.UInt8, archive.StoredType);
        var ours = new byte[m.Frames * archive.FramePixels * 2];
        archive.ReadFrames(0, m.Frames, ours);
        var raw = new byte[codes.Length];
        archive.ReadFrames(0, m.Frames, raw, raw: true);
        Assert.Equal(raw, codes);
        for (int i = 0; i < codes.Length; i++)
            Assert.Equal(BitConverter.ToUInt16(ours, 2 * i), (ushort)Math.Round(lut[codes[i]]));
    }

    [ZarritaFact]
    public void WeReadV3ArraysZarritaWrites()
    {
        using var dir = new TempDir();
        SyntheticMovie m = Movie(13);
        File.WriteAllBytes(dir.File("in.bin"), m.ToBytes());
        foreach (string codec in new[] { "zstd", "blosc-lz4" })
        {
            string path = dir.File(codec + ".zarr");
            Zarrita.Run("write", path, "uint16", $"{m.Frames},{m.Height},{m.Width}", "4", codec, dir.File("in.bin"));
            PhotonArchive archive = PhotonArchive.Open(path);
            Assert.Null(archive.Mode);
            Assert.Equal(3, archive.ZarrFormat);
            var got = new byte[m.ToBytes().Length];
            archive.ReadFrames(0, m.Frames, got);
            Assert.True(m.ToBytes().AsSpan().SequenceEqual(got), codec);
        }
    }
}
