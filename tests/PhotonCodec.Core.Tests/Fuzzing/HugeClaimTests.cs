using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>
/// One test per parser with a small input whose header claims a huge size: it is rejected with the documented
/// exception before anything of that size is allocated.
/// </summary>
public sealed class HugeClaimTests
{
    private const long Small = 1 << 20;

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Blosc_frame_of_1_KB_claiming_2_GB_is_refused_before_allocating(bool memcpyed)
    {
        var frame = new byte[1024];
        frame[0] = 2; frame[1] = 1; frame[2] = (byte)((4 << 5) | 0x10 | (memcpyed ? 0x02 : 0)); frame[3] = 2;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), int.MaxValue - 16);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), int.MaxValue - 16);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), frame.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(16), 20);
        long bytes = Allocated(() => Assert.Throws<BloscFormatException>(() => BloscCodec.Decompress(frame)));
        Assert.True(bytes < Small, $"allocated {bytes} bytes");
    }

    [Fact]
    public void Zarray_with_chunks_of_256_TB_is_refused()
    {
        const string json = """{"chunks":[65536,65536,65536],"compressor":null,"dtype":"<u2","fill_value":0,"filters":null,"order":"C","shape":[65536,65536,65536],"zarr_format":2}""";
        long bytes = Allocated(() => Assert.Throws<ZarrFormatException>(() => ZarrArrayMetadata.Parse(json, "huge")));
        Assert.True(bytes < Small, $"allocated {bytes} bytes");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gzip_or_zlib_bomb_of_100_KB_for_a_2_KB_chunk_is_refused_without_inflating_it(bool zlib)
    {
        var output = new MemoryStream();
        using (Stream z = zlib ? new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.SmallestSize, true)
                   : new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize, true))
            z.Write(new byte[100 << 20]);
        byte[] bomb = output.ToArray();
        Assert.True(bomb.Length < 200 << 10, $"the bomb is {bomb.Length} bytes");
        var spec = new ChunkSpec(new[] { 1024 }, PixelType.UInt16);
        long bytes = Allocated(() => Assert.Throws<CorruptChunkException>(() => new GzipCodec(5, zlib).Decode(bomb, spec)));
        Assert.True(bytes < 2 * Small, $"allocated {bytes} bytes");
    }

    [Fact]
    public void Shard_index_entry_claiming_2_pow_63_bytes_is_refused_before_reading()
    {
        var codec = ShardingCodec.Create(new[] { 1, 4 }, new BloscChunkCodec());
        var spec = new ChunkSpec(new[] { 2, 4 }, PixelType.UInt16);
        byte[] shard = codec.Encode(new byte[] { 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0 }, spec);
        int index = shard.Length - codec.IndexBytes(spec);
        BinaryPrimitives.WriteUInt64LittleEndian(shard.AsSpan(index + 8), 1UL << 63);
        BinaryPrimitives.WriteUInt32LittleEndian(shard.AsSpan(shard.Length - 4), Crc32cCodec.Checksum(shard.AsSpan(index, 32)));
        long bytes = Allocated(() => Assert.Throws<CorruptChunkException>(() => codec.Decode(shard, spec, new byte[spec.Bytes])));
        Assert.True(bytes < Small, $"allocated {bytes} bytes");
    }

    [Fact]
    public void Zattrs_with_a_key_given_twice_is_refused_when_the_array_is_opened()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File(".zarray"), """{"chunks":[2,4,4],"compressor":null,"dtype":"<u2","fill_value":0,"filters":null,"order":"C","shape":[4,4,4],"zarr_format":2}""");
        File.WriteAllText(dir.File(".zattrs"), """{"photon":{"mode":"lossless"},"photon":{"mode":"lossless"}}""");
        Assert.Throws<ZarrFormatException>(() => ZarrArrayReader.Open(dir.Path));
    }

    [Fact]
    public void Decode_table_longer_than_its_code_type_allows_is_refused()
    {
        var d = new PhotonCodecDescription(PhotonModes.Lossless, 1, PixelType.UInt16, PixelType.UInt16, null, null);
        var zattrs = PhotonAttributes.Build(d);
        var photon = zattrs[PhotonAttributes.PhotonKey]!.AsObject();
        photon["mode"] = PhotonModes.Quantized;
        photon["code_dtype"] = "uint8";
        foreach ((string k, double v) in new[] { ("gain", 2.0), ("zero_level", 100.0), ("read_noise", 1.5), ("beta", 0.5) }) photon[k] = v;
        var lut = new System.Text.Json.Nodes.JsonArray();
        for (int i = 0; i < 257; i++) lut.Add(i);
        photon["decode_lut"] = lut;
        Assert.Throws<PhotonAttributesException>(() => PhotonAttributes.Parse(zattrs));
    }

    [Theory]
    [InlineData(279, 0xFFFF_FFFFL)]   // StripByteCounts: 4 G values in a 1 KB file
    [InlineData(270, 0xFFFF_FFF0L)]   // ImageDescription: a 4 GB string
    public void Tiff_tag_claiming_4_G_values_is_refused_before_allocating(int tag, long count)
    {
        byte[] tif = File.ReadAllBytes(Path.Combine(FuzzTargets.SeedFolder, "le_u16_strips.tif"));
        int ifd = BinaryPrimitives.ReadInt32LittleEndian(tif.AsSpan(4));
        int entries = BinaryPrimitives.ReadUInt16LittleEndian(tif.AsSpan(ifd));
        int at = -1;
        for (int e = 0; e < entries; e++)
            if (BinaryPrimitives.ReadUInt16LittleEndian(tif.AsSpan(ifd + 2 + 12 * e)) == tag) at = ifd + 2 + 12 * e;
        if (at < 0)
        {
            // No such tag in the seed: turn the last entry into it (an ASCII value).
            at = ifd + 2 + 12 * (entries - 1);
            BinaryPrimitives.WriteUInt16LittleEndian(tif.AsSpan(at), (ushort)tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tif.AsSpan(at + 2), 2);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(tif.AsSpan(at + 4), (uint)count);
        using var dir = new TempDir();
        string path = dir.File("huge.tif");
        File.WriteAllBytes(path, tif);
        long bytes = Allocated(() => Assert.Throws<CorruptTiffException>(() => TiffFrameSource.Open(path).Dispose()));
        Assert.True(bytes < 8 * Small, $"allocated {bytes} bytes");
    }

    [Theory]
    [InlineData(1, 1)]       // one uncompressed strip of 240 bytes (LibTiff re-estimates a single strip's size)
    [InlineData(2, 1)]       // two strips of 120 bytes
    [InlineData(2, 8)]       // two Deflate strips of 120 bytes
    public void Tiff_of_1_KB_claiming_800_MB_frames_is_refused(int strips, int compression)
    {
        using var dir = new TempDir();
        string path = dir.File("claims.tif");
        File.WriteAllBytes(path, SinglePage(width: 20000, height: 20000, strips, compression));
        long bytes = Allocated(() => Assert.Throws<CorruptTiffException>(() => TiffFrameSource.Open(path).Dispose()));
        Assert.True(bytes < 8 * Small, $"allocated {bytes} bytes");
    }

    /// <summary>A classic little-endian TIFF of one <paramref name="width"/> × <paramref name="height"/> uint16 page in 240 bytes of strips.</summary>
    private static byte[] SinglePage(int width, int height, int strips, int compression)
    {
        const int entryCount = 9, dataBytes = 240;
        int tableAt = 8 + 2 + entryCount * 12 + 4;         // the strip offset and byte count arrays (when 2 strips)
        int dataAt = tableAt + (strips > 1 ? 8 * strips : 0);
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms, Encoding.ASCII);
        w.Write((byte)'I'); w.Write((byte)'I'); w.Write((ushort)42); w.Write(8u);
        (ushort Tag, ushort Type, uint Count, uint Value)[] entries =
        {
            (256, 4, 1, (uint)width), (257, 4, 1, (uint)height), (258, 3, 1, 16), (259, 3, 1, (uint)compression), (262, 3, 1, 1),
            (273, 4, (uint)strips, strips > 1 ? (uint)tableAt : (uint)dataAt), (277, 3, 1, 1),
            (278, 4, 1, (uint)((height + strips - 1) / strips)),
            (279, 4, (uint)strips, strips > 1 ? (uint)(tableAt + 4 * strips) : dataBytes),
        };
        w.Write((ushort)entries.Length);
        foreach (var e in entries) { w.Write(e.Tag); w.Write(e.Type); w.Write(e.Count); w.Write(e.Value); }
        w.Write(0u);
        if (strips > 1)
        {
            for (int i = 0; i < strips; i++) w.Write((uint)(dataAt + i * dataBytes / strips));
            for (int i = 0; i < strips; i++) w.Write((uint)(dataBytes / strips));
        }
        w.Write(new byte[dataBytes]);
        return ms.ToArray();
    }
}
