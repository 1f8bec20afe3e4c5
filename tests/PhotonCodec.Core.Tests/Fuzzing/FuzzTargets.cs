using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>
/// The parsers on main, each fed through the public entry point a reader uses. Default case counts are sized from
/// measured cases/s so that the suite's fuzz tests take well under 2 minutes on the 2-core machine (≥ 100 000 cases in all).
/// </summary>
public static partial class FuzzTargets
{
    private static readonly Lazy<FuzzTarget> BloscTarget = new(() => BloscFrames("blosc", BloscSeeds(), 50_000));

    /// <summary>BloscCodec.Decompress over <paramref name="seeds"/>.</summary>
    private static FuzzTarget BloscFrames(string name, IReadOnlyList<FuzzSeed> seeds, int cases) => new()
    {
        Name = name,
        Seeds = seeds,
        Run = input => BloscCodec.Decompress(input),
        // A zstd-coded chunk of this format may claim another codec (not supported) — documented on Decompress.
        Allowed = new[] { typeof(BloscFormatException), typeof(NotSupportedException) },
        DefaultCases = cases,
        HeaderSpan = 16,
        // ReadHeader admits nbytes ≤ 32768 × the frame (zstd's real maximum); Decompress adds two block-sized work buffers.
        AllocationPerInputByte = 3 * 32768 + 64,
    };

    private static readonly Lazy<FuzzTarget> ZarrayTarget = new(() => new FuzzTarget
    {
        Name = "zarray",
        Seeds = ZarraySeeds(),
        Run = input =>
        {
            ZarrArrayMetadata m = ZarrArrayMetadata.Parse(Encoding.UTF8.GetString(input), "fuzz/.zarray");
            _ = m.ChunkBytes;
            _ = m.TotalChunks;
            _ = m.KeyEncoding.Key(new long[m.Rank]);
        },
        Allowed = new[] { typeof(ZarrFormatException) },
        DefaultCases = 25_000,
        Json = true,
        HeaderSpan = 1 << 16,
    });

    private static readonly Lazy<FuzzTarget> PhotonTarget = new(() => new FuzzTarget
    {
        Name = "photon-attributes",
        Seeds = PhotonSeeds(),
        Run = RunPhotonAttributes,
        // JsonException: the .zattrs text is not JSON (the array reader turns it into a ZarrFormatException before the photon parser runs).
        // FloatPrecisionException: parameters each valid but beyond what float32 holds exactly (mapped to PhotonCodec.InvalidParameter).
        Allowed = new[] { typeof(PhotonAttributesException), typeof(JsonException), typeof(FloatPrecisionException) },
        DefaultCases = 12_000,
        Json = true,
        HeaderSpan = 1 << 16,
    });

    private static readonly Lazy<FuzzTarget> TiffTarget = new(() => new FuzzTarget
    {
        Name = "tiff",
        Seeds = TiffSeeds(),
        Run = RunTiff,
        Allowed = new[] { typeof(CorruptTiffException), typeof(UnsupportedTiffException) },
        DefaultCases = 5_000,
        HeaderSpan = 1 << 16,
    });

    private static readonly Lazy<FuzzTarget> ZarrFolderTarget = new(() => new FuzzTarget
    {
        Name = "zarr-folder",
        Seeds = ZarrFolderSeeds(),
        Run = RunZarrFolder,
        // What the cmdlets map to UnsupportedZarr (and InvalidParameter for float parameters float32 cannot hold).
        Allowed = new[] { typeof(ZarrFormatException), typeof(PhotonAttributesException), typeof(FloatPrecisionException), typeof(ChunkFixityException) },
        DefaultCases = 1_500, // file-system bound: ~70–500 cases/s
        Json = true,
        HeaderSpan = 1 << 16,
    });

    public static FuzzTarget Blosc => BloscTarget.Value;
    public static FuzzTarget Zarray => ZarrayTarget.Value;
    public static FuzzTarget Photon => PhotonTarget.Value;
    public static FuzzTarget Tiff => TiffTarget.Value;
    public static FuzzTarget ZarrFolder => ZarrFolderTarget.Value;

    public static IReadOnlyList<FuzzTarget> All => new[] { Blosc, BloscCodecs, BytesCodecs, Zarray, ZarrJson, Shard, Photon, Tiff, ZarrFolder, ZarrV3Folder, Hdf5 };

    public static long DefaultTotal => All.Sum(t => (long)t.DefaultCases);

    public static FuzzTarget ByName(string name) => All.Single(t => t.Name == name);

    // ---- Blosc ---------------------------------------------------------------------------------------------------

    private static IReadOnlyList<FuzzSeed> BloscSeeds()
    {
        var rng = new Random(7);
        byte[] Noise(int n, int spread) { var b = new byte[n]; for (int i = 0; i < n; i++) b[i] = (byte)(i % 7 == 0 ? rng.Next(spread) : i / 64); return b; }
        byte[] random = new byte[600];
        rng.NextBytes(random);
        var frames = new List<(string, byte[])>
        {
            ("u16-bitshuffle", BloscCodec.Compress(Noise(4000, 4), 2, 5, BloscShuffle.Bit)),
            ("u32-byteshuffle-blocks", BloscCodec.Compress(Noise(3000, 16), 4, 5, BloscShuffle.Byte, 256)),
            ("u8-noshuffle", BloscCodec.Compress(Noise(1000, 3), 1, 9, BloscShuffle.None)),
            ("memcpyed-small", BloscCodec.Compress(Noise(100, 9), 2, 5, BloscShuffle.Bit)),
            ("memcpyed-clevel0", BloscCodec.Compress(Noise(500, 9), 2, 0, BloscShuffle.Bit)),
            ("raw-blocks", BloscCodec.Compress(random, 1, 5, BloscShuffle.None, 128)),
            ("empty", BloscCodec.Compress(Array.Empty<byte>(), 2)),
            ("split-raw", SplitFrame()),
        };
        return frames.Select(f => new FuzzSeed(f.Item1, f.Item2, BloscFields(f.Item2))).ToList();
    }

    /// <summary>A split (c-blosc "forward compatible" off) frame: 2 blocks of 2 byte-shuffled streams stored raw.</summary>
    private static byte[] SplitFrame()
    {
        const int typeSize = 2, blockSize = 512, nbytes = 1024, nblocks = 2, neblock = blockSize / typeSize;
        var frame = new byte[BloscCodec.HeaderSize + nblocks * 4 + nblocks * typeSize * (4 + neblock)];
        frame[0] = 2; frame[1] = 1; frame[2] = (4 << 5) | 0x01; frame[3] = typeSize;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), nbytes);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), blockSize);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), frame.Length);
        int pos = BloscCodec.HeaderSize + nblocks * 4;
        for (int j = 0; j < nblocks; j++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(BloscCodec.HeaderSize + 4 * j), pos);
            for (int s = 0; s < typeSize; s++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(pos), neblock);
                for (int k = 0; k < neblock; k++) frame[pos + 4 + k] = (byte)(j * 31 + s * 7 + k);
                pos += 4 + neblock;
            }
        }
        return frame;
    }

    /// <summary>nbytes, blocksize, cbytes, every block offset and the first stream size of each block.</summary>
    private static IReadOnlyList<FuzzField> BloscFields(byte[] frame)
    {
        var fields = new List<FuzzField> { new(4, 4), new(8, 4), new(12, 4), new(3, 1), new(2, 1) };
        int nbytes = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(4));
        int blocksize = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(8));
        if ((frame[2] & 0x02) != 0 || nbytes == 0 || blocksize <= 0) return fields;
        int nblocks = (nbytes + blocksize - 1) / blocksize;
        for (int j = 0; j < nblocks; j++)
        {
            int at = BloscCodec.HeaderSize + 4 * j;
            fields.Add(new FuzzField(at, 4));
            int start = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(at));
            if (start >= 0 && start + 4 <= frame.Length) fields.Add(new FuzzField(start, 4));
        }
        return fields;
    }

    // ---- Zarr v2 .zarray ------------------------------------------------------------------------------------------

    private static IReadOnlyList<FuzzSeed> ZarraySeeds()
    {
        var written = new ZarrArrayMetadata
        {
            Shape = new long[] { 50, 64, 48 }, Chunks = new[] { 10, 64, 48 }, DType = PixelType.UInt16,
            Compressor = new ZarrCompressor("zstd", 5, BloscShuffle.Bit, 0), FillValue = JsonValue.Create(0),
        }.ToJson();
        var uncompressedBigEndian = new ZarrArrayMetadata
        {
            Shape = new long[] { 7, 9, 11 }, Chunks = new[] { 4, 5, 6 }, DType = PixelType.Float32, BigEndian = true,
            FillValue = JsonValue.Create("NaN"), DimensionSeparator = '/',
        }.ToJson();
        // As zarr-python 2.13 writes it (numcodecs' compressor dict, no dimension_separator).
        const string zarrPython = """
            {
                "chunks": [8, 16, 16],
                "compressor": {"blocksize": 0, "clevel": 5, "cname": "zstd", "id": "blosc", "shuffle": 2},
                "dtype": "<i2",
                "fill_value": 0,
                "filters": null,
                "order": "C",
                "shape": [20, 30, 40],
                "zarr_format": 2
            }
            """;
        return new[] { ("photoncodec", written), ("float-be-slash", uncompressedBigEndian), ("zarr-python", zarrPython) }
            .Select(s => new FuzzSeed(s.Item1, Encoding.UTF8.GetBytes(s.Item2))).ToList();
    }

    // ---- photon attributes (.zattrs) ------------------------------------------------------------------------------

    private static IReadOnlyList<FuzzSeed> PhotonSeeds()
    {
        var p = new AnscombeParameters(2.5, 100, 1.6, 0.5);
        long[] lut = Enumerable.Range(0, 180).Select(i => 100L + i * i / 3).ToArray();
        var seeds = new[]
        {
            ("quantized-u16", new PhotonCodecDescription(PhotonModes.Quantized, 1, PixelType.UInt16, PixelType.UInt8, p, lut)),
            ("quantized-i32-u16codes", new PhotonCodecDescription(PhotonModes.Quantized, 1, PixelType.Int32, PixelType.UInt16, p, new[] { -5L }.Concat(lut).Concat(new[] { 70000L }).ToArray())),
            ("float", new PhotonCodecDescription(PhotonModes.Float, 1, PixelType.UInt16, PixelType.Float32, p, null)),
            ("lossless", PhotonCodecDescription.ForLossless(PixelType.UInt8, p)),
        };
        return seeds.Select(s => new FuzzSeed(s.Item1, Encoding.UTF8.GetBytes(PhotonAttributes.Build(s.Item2).ToJsonString()))).ToList();
    }

    /// <summary>What PhotonArchive.Open does with a .zattrs: parse it, then build the decode table (and decode every code) or the float codec.</summary>
    private static void RunPhotonAttributes(byte[] input)
    {
        if (JsonNode.Parse(Encoding.UTF8.GetString(input)) is not JsonObject zattrs) return;
        PhotonCodecDescription d = PhotonAttributes.Parse(zattrs);
        if (d.Mode == PhotonModes.Quantized)
        {
            QuantizationTable table = d.ToQuantizationTable();
            int codeSize = table.CodeType.Size();
            var codes = new byte[Math.Min(table.CodeCount, 4096) * codeSize];
            for (int c = 0; c < codes.Length / codeSize; c++)
            {
                if (codeSize == 1) codes[c] = (byte)c;
                else BinaryPrimitives.WriteUInt16LittleEndian(codes.AsSpan(2 * c), (ushort)c);
            }
            table.Decode(codes, new byte[codes.Length / codeSize * table.InputType.Size()]);
        }
        else if (d.Mode == PhotonModes.Float)
        {
            _ = new FloatAnscombeCodec(d.OriginalType, d.Parameters!, d.StoredType);
        }
    }

    // ---- a Zarr v2 folder opened as an archive (.zarray NUL .zattrs) ----------------------------------------------

    private static IReadOnlyList<FuzzSeed> ZarrFolderSeeds()
    {
        var seeds = new List<FuzzSeed>();
        (string Name, PixelType Stored)[] arrays = { ("quantized-u16", PixelType.UInt8), ("quantized-i32-u16codes", PixelType.UInt16), ("float", PixelType.Float32), ("lossless", PixelType.UInt8) };
        foreach ((string name, PixelType stored) in arrays)
        {
            string zarray = new ZarrArrayMetadata
            {
                Shape = new long[] { 6, 8, 10 }, Chunks = new[] { 3, 8, 10 }, DType = stored,
                Compressor = new ZarrCompressor("zstd", 5, BloscShuffle.Bit, 0), FillValue = JsonValue.Create(0),
            }.ToJson();
            byte[] zattrs = PhotonSeeds().Single(s => s.Name == name).Data;
            seeds.Add(new FuzzSeed(name, Encoding.UTF8.GetBytes(zarray).Concat(new byte[] { 0 }).Concat(zattrs).ToArray()));
        }
        return seeds;
    }

    [ThreadStatic] private static string? t_zarrFolder;

    /// <summary>Writes the .zarray (and, after a NUL, the .zattrs) and opens the folder as the cmdlets do.</summary>
    private static void RunZarrFolder(byte[] input)
    {
        string dir = t_zarrFolder ??= Path.Combine(Path.GetTempPath(), $"photoncodec-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.zarr");
        Directory.CreateDirectory(dir);
        int nul = Array.IndexOf(input, (byte)0);
        string zattrs = Path.Combine(dir, ".zattrs");
        try
        {
            File.WriteAllBytes(Path.Combine(dir, ".zarray"), nul < 0 ? input : input.AsSpan(0, nul).ToArray());
            if (nul >= 0) File.WriteAllBytes(zattrs, input.AsSpan(nul + 1).ToArray());
            else File.Delete(zattrs);
            _ = PhotonCodec.Core.Pipeline.PhotonArchive.Open(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ---- TIFF -----------------------------------------------------------------------------------------------------

    /// <summary>Fuzzing/Seeds: the TIFF seeds (written by make_seeds.py).</summary>
    public static string SeedFolder => Path.Combine(RepoPaths.Root(), "tests", "PhotonCodec.Core.Tests", "Fuzzing", "Seeds");

    private static IReadOnlyList<FuzzSeed> TiffSeeds() => FileSeeds(SeedFolder, "*.tif", TiffFields);

    /// <summary>The files <paramref name="pattern"/> of <paramref name="folder"/> in name order, each with its fields.</summary>
    private static IReadOnlyList<FuzzSeed> FileSeeds(string folder, string pattern, Func<byte[], IReadOnlyList<FuzzField>> fields) =>
        Directory.GetFiles(folder, pattern).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => { byte[] b = File.ReadAllBytes(f); return new FuzzSeed(Path.GetFileNameWithoutExtension(f), b, fields(b)); })
            .ToList();

    [ThreadStatic] private static string? t_tiffPath;
    [ThreadStatic] private static byte[]? t_frame;

    /// <summary>Open (header, IFD chain, every page's layout), the provenance metadata, then every frame (up to 8).</summary>
    private static void RunTiff(byte[] input)
    {
        string path = t_tiffPath ??= Path.Combine(Path.GetTempPath(), $"photoncodec-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.tif");
        File.WriteAllBytes(path, input);
        try { ReadTiff(path, input.Length); }
        finally { File.Delete(path); }
    }

    private static void ReadTiff(string path, int inputLength)
    {
        using TiffFrameSource source = TiffFrameSource.Open(path);
        // The caller allocates a frame; Open must not promise frames the file cannot hold.
        long bound = FuzzHarness.AllocationBound(Tiff, inputLength);
        if (source.FrameBytes > bound)
            throw new UnjustifiedSizeException($"Open accepted {source.Width}×{source.Height} {source.PixelType} frames ({source.FrameBytes} bytes) from a {inputLength}-byte file.");
        _ = source.Metadata;
        if (t_frame is null || t_frame.Length < source.FrameBytes) t_frame = new byte[source.FrameBytes];
        for (int i = 0; i < Math.Min(source.FrameCount, 8); i++) source.ReadFrame(i, t_frame);
    }

    /// <summary>The first-IFD offset, and per IFD its entry count, every entry's type, count and value/offset, and the next-IFD offset.</summary>
    private static IReadOnlyList<FuzzField> TiffFields(byte[] b)
    {
        var fields = new List<FuzzField>();
        bool be = b[0] == 'M';
        bool big = (be ? b[3] : b[2]) == 43;
        int word = big ? 8 : 4, countSize = big ? 8 : 2, entrySize = big ? 20 : 12;
        long Read(int at, int width)
        {
            long v = 0;
            for (int i = 0; i < width; i++) v |= (long)b[at + (be ? width - 1 - i : i)] << (8 * i);
            return v;
        }
        int headerAt = big ? 8 : 4;
        fields.Add(new FuzzField(headerAt, word, be));
        long ifd = Read(headerAt, word);
        var seen = new HashSet<long>();
        while (ifd > 0 && ifd + countSize <= b.Length && seen.Add(ifd))
        {
            int at = (int)ifd;
            fields.Add(new FuzzField(at, countSize, be));
            long count = Read(at, countSize);
            for (int e = 0; e < count && at + countSize + (e + 1) * entrySize <= b.Length; e++)
            {
                int entry = at + countSize + e * entrySize;
                fields.Add(new FuzzField(entry + 2, 2, be));             // type
                fields.Add(new FuzzField(entry + 4, word, be));          // count
                fields.Add(new FuzzField(entry + 4 + word, word, be));   // value or offset
                fields.Add(new FuzzField(entry + 4 + word, 2, be));      // a SHORT value
            }
            int next = at + countSize + (int)count * entrySize;
            if (next + word > b.Length) break;
            fields.Add(new FuzzField(next, word, be));
            ifd = Read(next, word);
        }
        return fields;
    }
}
