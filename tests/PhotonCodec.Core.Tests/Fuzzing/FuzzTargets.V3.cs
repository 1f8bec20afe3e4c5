using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>The Zarr v3 parsers: zarr.json (array and group), shard indexes, and the bytes→bytes codecs' payloads.</summary>
public static partial class FuzzTargets
{
    private static readonly Lazy<FuzzTarget> ZarrJsonTarget = new(() => new FuzzTarget
    {
        Name = "zarr-json",
        Seeds = ZarrJsonSeeds(),
        Run = RunZarrJson,
        Allowed = new[] { typeof(ZarrFormatException) },
        DefaultCases = 12_000,
        Json = true,
        HeaderSpan = 1 << 16,
    });

    private static readonly Lazy<FuzzTarget> ZarrV3FolderTarget = new(() => new FuzzTarget
    {
        Name = "zarr-v3-folder",
        Seeds = ZarrV3FolderSeeds(),
        Run = RunZarrV3Folder,
        Allowed = new[] { typeof(ZarrFormatException), typeof(PhotonAttributesException), typeof(FloatPrecisionException), typeof(ChunkFixityException) },
        DefaultCases = 500, // file-system bound: ~60 cases/s
        Json = true,
        HeaderSpan = 1 << 16,
    });

    private static readonly Lazy<FuzzTarget> ShardTarget = new(() => new FuzzTarget
    {
        Name = "shard",
        Seeds = ShardSeeds(),
        Run = RunShard,
        // What ZarrArrayReader maps a bad shard to (PhotonCodec.CorruptChunk), and Blosc's own.
        Allowed = new[] { typeof(CorruptChunkException), typeof(BloscFormatException), typeof(NotSupportedException) },
        DefaultCases = 12_000,
        HeaderSpan = 1,
    });

    private static readonly Lazy<FuzzTarget> BloscCodecsTarget = new(() => BloscFrames("blosc-codecs", BloscCodecSeeds(), 12_000));

    private static readonly Lazy<FuzzTarget> BytesCodecsTarget = new(() => new FuzzTarget
    {
        Name = "bytes-codecs",
        Seeds = BytesCodecSeeds(),
        Run = RunBytesCodec,
        Allowed = new[] { typeof(CorruptChunkException) },
        DefaultCases = 8_000,
        HeaderSpan = 24,
    });

    public static FuzzTarget ZarrJson => ZarrJsonTarget.Value;
    public static FuzzTarget ZarrV3Folder => ZarrV3FolderTarget.Value;
    public static FuzzTarget Shard => ShardTarget.Value;
    public static FuzzTarget BloscCodecs => BloscCodecsTarget.Value;
    public static FuzzTarget BytesCodecs => BytesCodecsTarget.Value;

    // ---- zarr.json ------------------------------------------------------------------------------------------------

    private static readonly int[] V3Chunks = { 4, 8, 8 };

    private static ZarrArrayMetadata V3Array(CodecChain codecs, PixelType type = PixelType.UInt16, DecodeLutFilter? filter = null) => new()
    {
        ZarrFormat = 3, Shape = new long[] { 6, 8, 10 }, Chunks = V3Chunks, DType = type, FillValue = JsonValue.Create(0),
        Codecs = codecs, DimensionNames = new[] { "t", "y", "x" }, DecodeFilter = filter,
    };

    /// <summary>Arrays as PhotonCodec writes them (plain, sharded with the index at the end or start, transposed, decode filter) and OME groups.</summary>
    private static IReadOnlyList<FuzzSeed> ZarrJsonSeeds()
    {
        var inner = new[] { 1, 8, 8 };
        var sharded = new ShardingCodec(inner, new CodecChain(new BytesCodec(), new BloscChunkCodec("zstd", 5, BloscShuffle.Bit)),
            new CodecChain(new BytesCodec(), new Crc32cCodec()));
        var shardedStart = new ShardingCodec(inner, new CodecChain(new BytesCodec(), new GzipCodec(5)),
            new CodecChain(new BytesCodec(), new Crc32cCodec()), indexAtEnd: false);
        var seeds = new List<(string, string)>
        {
            ("blosc", ZarrV3Metadata.ToJson(V3Array(new CodecChain(new BytesCodec(), new BloscChunkCodec("zstd", 5, BloscShuffle.Bit))), new JsonObject())),
            ("sharded-end", ZarrV3Metadata.ToJson(V3Array(new CodecChain(sharded)), new JsonObject { ["a"] = 1 })),
            ("sharded-start-gzip", ZarrV3Metadata.ToJson(V3Array(new CodecChain(shardedStart)), new JsonObject())),
            ("transpose-zstd-crc", ZarrV3Metadata.ToJson(V3Array(new CodecChain(new ArrayToArrayCodec[] { new TransposeCodec(new[] { 0, 2, 1 }) },
                new BytesCodec(), new BytesToBytesCodec[] { new ZstdChunkCodec(3, checksum: true), new Crc32cCodec() })), new JsonObject())),
            ("decode-filter", ZarrV3Metadata.ToJson(V3Array(new CodecChain(sharded), PixelType.UInt8,
                new DecodeLutFilter(Enumerable.Range(0, 40).Select(i => 100L + i * i).ToArray(), PixelType.UInt16, PixelType.UInt8)), new JsonObject())),
            ("ome-group", OmeZarrGroup.Documents(3, "m", new[] { 1.0, 1.0, 1.0 }, false, false).Single(d => d.Key == ZarrV3Metadata.Key).Json),
        };
        return seeds.Select(s => new FuzzSeed(s.Item1, Encoding.UTF8.GetBytes(s.Item2))).ToList();
    }

    /// <summary>Parse as an array (then use the chunk spec, key encoding and codec chain as a reader does).</summary>
    private static void RunZarrJson(byte[] input)
    {
        (ZarrArrayMetadata m, JsonObject _) = ZarrV3Metadata.Parse(Encoding.UTF8.GetString(input), "fuzz");
        ChunkSpec spec = m.ChunkSpec;
        _ = m.TotalChunks;
        _ = m.KeyEncoding.Key(new long[m.Rank]);
        _ = m.Codecs.ToJson().ToJsonString();
        if (m.Codecs.Sharding is { } s) _ = s.IndexBytes(spec);
    }

    /// <summary>A photon archive's zarr.json (array), or an OME group's zarr.json NUL its dataset "0"'s zarr.json.</summary>
    private static IReadOnlyList<FuzzSeed> ZarrV3FolderSeeds()
    {
        var p = new AnscombeParameters(2.5, 100, 1.6, 0.5);
        long[] lut = Enumerable.Range(0, 40).Select(i => 100L + i * i).ToArray();
        var quantized = PhotonAttributes.Build(new PhotonCodecDescription(PhotonModes.Quantized, 1, PixelType.UInt16, PixelType.UInt8, p, lut));
        var lossless = PhotonAttributes.Build(PhotonCodecDescription.ForLossless(PixelType.UInt16, p));
        var chain = new CodecChain(ShardingCodec.Create(new[] { 1, 8, 8 }, new BloscChunkCodec("zstd", 5, BloscShuffle.Bit)));
        string array = ZarrV3Metadata.ToJson(V3Array(chain, PixelType.UInt8), quantized);
        string losslessArray = ZarrV3Metadata.ToJson(V3Array(chain), lossless);
        string group = OmeZarrGroup.Documents(3, "m", new[] { 1.0, 1.0, 1.0 }, false, false).Single(d => d.Key == ZarrV3Metadata.Key).Json;
        return new[]
        {
            new FuzzSeed("quantized-array", Encoding.UTF8.GetBytes(array)),
            new FuzzSeed("ome-group", Encoding.UTF8.GetBytes(group + "\0" + losslessArray)),
        };
    }

    [ThreadStatic] private static string? t_v3Folder;

    private static void RunZarrV3Folder(byte[] input)
    {
        string dir = t_v3Folder ??= Path.Combine(Path.GetTempPath(), $"photoncodec-fuzz-v3-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.zarr");
        Directory.CreateDirectory(dir);
        int nul = Array.IndexOf(input, (byte)0);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, ZarrV3Metadata.Key), nul < 0 ? input : input.AsSpan(0, nul).ToArray());
            if (nul >= 0)
            {
                Directory.CreateDirectory(Path.Combine(dir, "0"));
                File.WriteAllBytes(Path.Combine(dir, "0", ZarrV3Metadata.Key), input.AsSpan(nul + 1).ToArray());
            }
            PhotonArchive archive;
            try { archive = PhotonArchive.Open(dir); }
            catch (DirectoryNotFoundException) { return; } // a mutated dataset path names a folder that is not there
            // No chunk files: every frame reads as the fill value, through the whole decode path.
            var frame = new byte[archive.FramePixels * archive.OriginalType.Size()];
            archive.ReadFrames(0, Math.Min(1, archive.FrameCount), frame);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ---- v3 shards (index bytes + crc32c at the end or start) ----------------------------------------------------

    private static readonly ChunkSpec ShardSpec = new(new[] { 4, 8, 8 }, PixelType.UInt16);

    /// <summary>
    /// Byte 0 of an input picks the layout: bit 0 index at the start, bit 1 no crc32c, bit 2 recompute the crc32c
    /// after mutation (so damaged entries reach the range checks), bits 3–4 the inner codecs (bytes, blosc, zstd, gzip).
    /// </summary>
    private static ShardingCodec ShardCodec(byte variant)
    {
        BytesToBytesCodec[] inner = ((variant >> 3) & 3) switch
        {
            0 => Array.Empty<BytesToBytesCodec>(),
            1 => new BytesToBytesCodec[] { new BloscChunkCodec("zstd", 5, BloscShuffle.Bit) },
            2 => new BytesToBytesCodec[] { new ZstdChunkCodec(3) },
            _ => new BytesToBytesCodec[] { new GzipCodec(5) },
        };
        var index = (variant & 2) != 0 ? new CodecChain(new BytesCodec()) : new CodecChain(new BytesCodec(), new Crc32cCodec());
        return new ShardingCodec(new[] { 1, 8, 8 }, new CodecChain(new BytesCodec(), inner), index, indexAtEnd: (variant & 1) == 0);
    }

    private static IReadOnlyList<FuzzSeed> ShardSeeds()
    {
        var chunk = new byte[ShardSpec.Bytes];
        var rng = new Random(3);
        // Inner chunks 0 and 2 hold values, 1 and 3 are all fill (empty entries 2^64−1).
        for (int i = 0; i < 128; i++) { chunk[2 * i] = (byte)rng.Next(9); chunk[256 + 2 * i] = (byte)rng.Next(200); }
        var seeds = new List<FuzzSeed>();
        foreach (byte variant in new byte[] { 0, 1, 2, 4, 5, 8, 9, 12, 16, 21, 24, 30 })
        {
            ShardingCodec codec = ShardCodec(variant);
            byte[] shard = codec.Encode(chunk, ShardSpec);
            int indexBytes = codec.IndexBytes(ShardSpec);
            int indexAt = 1 + (codec.IndexAtEnd ? shard.Length - indexBytes : 0);
            var fields = Enumerable.Range(0, 8).Select(e => new FuzzField(indexAt + 8 * e, 8)).ToList();
            seeds.Add(new FuzzSeed($"variant{variant}", new[] { variant }.Concat(shard).ToArray(), fields));
        }
        return seeds;
    }

    private static void RunShard(byte[] input)
    {
        if (input.Length == 0) return;
        ShardingCodec codec = ShardCodec(input[0]);
        byte[] shard = input.AsSpan(1).ToArray();
        int indexBytes = codec.IndexBytes(ShardSpec);
        if ((input[0] & 4) != 0 && (input[0] & 2) == 0 && shard.Length >= indexBytes)
        {
            int at = codec.IndexAtEnd ? shard.Length - indexBytes : 0;
            BinaryPrimitives.WriteUInt32LittleEndian(shard.AsSpan(at + indexBytes - 4), Crc32cCodec.Checksum(shard.AsSpan(at, indexBytes - 4)));
        }
        codec.Decode(shard, ShardSpec, new byte[ShardSpec.Bytes]);
    }

    // ---- Blosc frames of every codec c-blosc 1.x writes; gzip, zlib and zstd chunk payloads ------------------------

    private static IReadOnlyList<FuzzSeed> BloscCodecSeeds() => FileSeeds(Path.Combine(SeedFolder, "blosc"), "*.bin", BloscFields);

    private static readonly ChunkSpec PayloadSpec = new(new[] { 4, 16, 16 }, PixelType.UInt16);

    private static BytesToBytesCodec PayloadCodec(byte selector) => (selector % 4) switch
    {
        0 => new GzipCodec(5),
        1 => new GzipCodec(5, zlib: true),
        2 => new ZstdChunkCodec(3),
        _ => new ZstdChunkCodec(3, checksum: true),
    };

    /// <summary>Byte 0 picks the codec (gzip, zlib, zstd, zstd with checksum); the rest is its payload for a 2 KiB chunk.</summary>
    private static IReadOnlyList<FuzzSeed> BytesCodecSeeds()
    {
        var chunk = new byte[PayloadSpec.Bytes];
        var rng = new Random(5);
        for (int i = 0; i < chunk.Length; i += 2) chunk[i] = (byte)(100 + rng.Next(6));
        return Enumerable.Range(0, 4).Select(s => new FuzzSeed(PayloadCodec((byte)s).Name + s,
            new[] { (byte)s }.Concat(s == 1 ? Zlib(chunk) : PayloadCodec((byte)s).Encode(chunk, PayloadSpec)).ToArray())).ToList();
    }

    /// <summary>A zlib stream (PhotonCodec reads zlib but does not write it).</summary>
    private static byte[] Zlib(byte[] data)
    {
        var output = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    private static void RunBytesCodec(byte[] input)
    {
        if (input.Length == 0) return;
        byte[] decoded = PayloadCodec(input[0]).Decode(input.AsSpan(1), PayloadSpec);
        if (decoded.Length > PayloadSpec.Bytes + 1)
            throw new UnjustifiedSizeException($"decoded {decoded.Length} bytes for a {PayloadSpec.Bytes}-byte chunk.");
    }
}
