using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Tests.Codecs;

public sealed class CodecChainTests
{
    private static byte[] Levels(int count, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[count * 2];
        for (int i = 0; i < count; i++) BitConverter.TryWriteBytes(data.AsSpan(2 * i), (ushort)(200 + rng.Next(40)));
        return data;
    }

    public static TheoryData<string> Chains => new()
    {
        """[{"name":"bytes","configuration":{"endian":"little"}}]""",
        """[{"name":"bytes","configuration":{"endian":"big"}},{"name":"gzip","configuration":{"level":5}}]""",
        """[{"name":"bytes","configuration":{"endian":"little"}},{"name":"blosc","configuration":{"cname":"zstd","clevel":5,"shuffle":"bitshuffle","typesize":2,"blocksize":0}},{"name":"crc32c"}]""",
        """[{"name":"bytes","configuration":{"endian":"little"}},{"name":"zstd","configuration":{"level":3,"checksum":true}}]""",
        """[{"name":"transpose","configuration":{"order":[2,0,1]}},{"name":"transpose","configuration":{"order":[1,0,2]}},{"name":"bytes","configuration":{"endian":"big"}},{"name":"gzip","configuration":{"level":1}}]""",
        """[{"name":"sharding_indexed","configuration":{"chunk_shape":[1,6,5],"codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"blosc","configuration":{"cname":"zstd","clevel":5,"shuffle":"shuffle","typesize":2,"blocksize":0}}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}},{"name":"crc32c"}],"index_location":"start"}}]""",
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void ChainRoundTripsItsConfigurationAndItsChunks(string json)
    {
        CodecChain chain = CodecChain.FromJson((JsonArray)JsonNode.Parse(json)!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), chain.ToJson()), chain.ToJson().ToJsonString());
        var spec = new ChunkSpec(new[] { 4, 6, 5 }, PixelType.UInt16);
        byte[] chunk = Levels(spec.Elements, json.Length);
        byte[] encoded = chain.Encode(chunk, spec);
        if (chain.BytesToBytes.Count > 0) Assert.NotEqual(chunk, encoded);
        var decoded = new byte[spec.Bytes];
        CodecChain.FromJson(chain.ToJson()).Decode(encoded, spec, decoded);
        Assert.Equal(chunk, decoded);
    }

    [Fact]
    public void TransposePermutesAxesAsTheSpecSays()
    {
        // [[0,1,2],[3,4,5]] with order [1,0] is [[0,3],[1,4],[2,5]].
        var spec = new ChunkSpec(new[] { 2, 3 }, PixelType.UInt8);
        var t = new TransposeCodec(new[] { 1, 0 });
        Assert.Equal(new[] { 3, 2 }, t.Resolve(spec).Shape);
        byte[] encoded = t.Encode(new byte[] { 0, 1, 2, 3, 4, 5 }, spec);
        Assert.Equal(new byte[] { 0, 3, 1, 4, 2, 5 }, encoded);
        var back = new byte[6];
        t.Decode(encoded, spec, back);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5 }, back);
        Assert.Null(new CodecChain(new[] { (ArrayToArrayCodec)t }, ShardingCodec.Create(new[] { 1, 3 }), Array.Empty<BytesToBytesCodec>()).Sharding);
    }

    [Fact]
    public void BytesCodecWritesTheByteOrderItNames()
    {
        var spec = new ChunkSpec(new[] { 2 }, PixelType.UInt16);
        byte[] chunk = { 0x01, 0x02, 0x03, 0x04 };
        Assert.Equal(new byte[] { 0x02, 0x01, 0x04, 0x03 }, new BytesCodec(bigEndian: true).Encode(chunk, spec));
        Assert.Equal(chunk, new BytesCodec().Encode(chunk, spec));
        Assert.Throws<CorruptChunkException>(() => new BytesCodec().Decode(new byte[3], spec, new byte[4]));
    }

    [Fact]
    public void Crc32cIsCastagnoliAndAMismatchIsCorrupt()
    {
        // The CRC-32C check value of "123456789" (RFC 3720 B.4 / the Castagnoli catalogue entry).
        Assert.Equal(0xE3069283u, Crc32cCodec.Checksum(Encoding.ASCII.GetBytes("123456789")));
        var codec = new Crc32cCodec();
        var spec = new ChunkSpec(new[] { 9 }, PixelType.UInt8);
        byte[] encoded = codec.Encode(Encoding.ASCII.GetBytes("123456789"), spec);
        Assert.Equal(new byte[] { 0x83, 0x92, 0x06, 0xE3 }, encoded.Skip(9).ToArray());
        Assert.Equal("123456789", Encoding.ASCII.GetString(codec.Decode(encoded, spec)));
        encoded[3] ^= 1;
        Assert.Contains("crc32c", Assert.Throws<CorruptChunkException>(() => codec.Decode(encoded, spec)).Message);
    }

    [Fact]
    public void V2CompressorsMapOntoTheSameChain()
    {
        CodecChain blosc = CodecChain.FromV2(null, (JsonObject)JsonNode.Parse("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""")!, bigEndian: true);
        Assert.True(((BytesCodec)blosc.ArrayToBytes).BigEndian);
        var b = Assert.IsType<BloscChunkCodec>(Assert.Single(blosc.BytesToBytes));
        Assert.Equal(("lz4", 5, BloscShuffle.Byte), (b.CName, b.CLevel, b.Shuffle));
        Assert.Equal("zlib", Assert.Single(CodecChain.FromV2(new JsonArray(), (JsonObject)JsonNode.Parse("""{"id":"zlib","level":1}""")!, false).BytesToBytes).Name);
        Assert.Empty(CodecChain.FromV2(null, null, false).BytesToBytes);
        Assert.Contains("bz2", Assert.Throws<CodecConfigurationException>(() => CodecChain.FromV2(null, (JsonObject)JsonNode.Parse("""{"id":"bz2"}""")!, false)).Message);
        Assert.Contains("delta", Assert.Throws<CodecConfigurationException>(() => CodecChain.FromV2((JsonArray)JsonNode.Parse("""[{"id":"delta"}]""")!, null, false)).Message);
        Assert.Contains("snappy", Assert.Throws<CodecConfigurationException>(() => CodecChain.FromV2(null, (JsonObject)JsonNode.Parse("""{"id":"blosc","cname":"snappy"}""")!, false)).Message);
    }

    [Fact]
    public void UnknownOrMisorderedCodecsAreRefusedByName()
    {
        Assert.Contains("bitround", Assert.Throws<CodecConfigurationException>(() => CodecChain.FromJson((JsonArray)JsonNode.Parse("""[{"name":"bitround","configuration":{"keepbits":3}},{"name":"bytes"}]""")!)).Message);
        Assert.Throws<CodecConfigurationException>(() => CodecChain.FromJson((JsonArray)JsonNode.Parse("""[{"name":"bytes"},{"name":"transpose","configuration":{"order":[1,0]}}]""")!));
        Assert.Throws<CodecConfigurationException>(() => CodecChain.FromJson((JsonArray)JsonNode.Parse("""[{"name":"transpose","configuration":{"order":[1,1]}},{"name":"bytes"}]""")!));
        Assert.Throws<CodecConfigurationException>(() => CodecChain.FromJson((JsonArray)JsonNode.Parse("""[{"name":"gzip"},{"name":"bytes"}]""")!));
        Assert.Throws<CodecConfigurationException>(() => CodecChain.FromJson((JsonArray)JsonNode.Parse("""[{"name":"crc32c"}]""")!));
        Assert.Throws<CodecConfigurationException>(() => CodecChain.FromJson((JsonArray)JsonNode.Parse("""[{"name":"bytes","configuration":{"endian":"middle"}}]""")!));
        Assert.Contains("bytes", string.Join(",", CodecRegistry.Names));
    }

    [Fact]
    public void GzipAndZlibReadWhatPythonsZlibWrites()
    {
        // Fixed bytes: Python's zlib.compress(b"photon" * 4) and gzip.compress(b"photon" * 4, mtime=0).
        byte[] zlib = Convert.FromHexString("789c2bc8c82fc9cf2bc0200181a80a61");
        byte[] gzip = Convert.FromHexString("1f8b08000000000002032bc8c82fc9cf2bc02001ca9b670918000000");
        var spec = new ChunkSpec(new[] { 24 }, PixelType.UInt8);
        string expected = string.Concat(Enumerable.Repeat("photon", 4));
        Assert.Equal(expected, Encoding.ASCII.GetString(new GzipCodec(zlib: true).Decode(zlib, spec)));
        Assert.Equal(expected, Encoding.ASCII.GetString(new GzipCodec().Decode(gzip, spec)));
        Assert.Throws<CorruptChunkException>(() => new GzipCodec(zlib: true).Decode(gzip, spec));
    }
}
