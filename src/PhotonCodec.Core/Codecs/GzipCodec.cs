using System;
using System.IO;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// Deflate-based bytes→bytes codecs: v3 <c>gzip</c> (https://zarr-specs.readthedocs.io/en/latest/v3/codecs/gzip/index.html,
/// <c>{"name":"gzip","configuration":{"level":5}}</c>) and numcodecs' v2 <c>gzip</c> and <c>zlib</c> compressors
/// (zlib = RFC 1950: a 2-byte header, deflate, an Adler-32 that we do not check).
/// </summary>
public sealed class GzipCodec : BytesToBytesCodec
{
    public const string CodecName = "gzip";

    public GzipCodec(int level = 5, bool zlib = false)
    {
        if (level is < 0 or > 9) throw new CodecConfigurationException($"gzip level {level} is outside 0–9.");
        Level = level;
        Zlib = zlib;
    }

    public int Level { get; }

    /// <summary>A zlib stream (numcodecs' <c>zlib</c>) rather than a gzip member.</summary>
    public bool Zlib { get; }

    public override string Name => Zlib ? "zlib" : CodecName;

    public override JsonObject Configuration() => new() { ["level"] = Level };

    public static GzipCodec FromConfiguration(JsonObject? c, bool zlib = false) => new(c?["level"]?.GetValue<int>() ?? 5, zlib);

    public override byte[] Encode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        if (Zlib) throw new CodecConfigurationException("PhotonCodec reads zlib chunks but does not write them.");
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, Level <= 1 ? CompressionLevel.Fastest : CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(input.ToArray(), 0, input.Length);
        return output.ToArray();
    }

    public override byte[] Decode(ReadOnlySpan<byte> input, ChunkSpec spec) => Inflate(input, Zlib, spec.Bytes);

    internal static byte[] Inflate(ReadOnlySpan<byte> input, bool zlib, int expected)
    {
        byte[] data = input.ToArray();
        try
        {
            Stream source = new MemoryStream(data);
            if (zlib)
            {
                // RFC 1950: CMF (method 8 = deflate) and FLG, whose 16-bit value is a multiple of 31.
                if (data.Length < 6 || (data[0] & 0x0f) != 8 || ((data[0] << 8) | data[1]) % 31 != 0)
                    throw new CorruptChunkException("not a zlib stream (bad header).");
                source = new DeflateStream(new MemoryStream(data, 2, data.Length - 2), CompressionMode.Decompress);
            }
            else
            {
                source = new GZipStream(source, CompressionMode.Decompress);
            }
            using (source)
            {
                // Never more than the chunk (plus one byte to notice the excess): a small bomb cannot make us allocate gigabytes.
                var output = new byte[Math.Max(expected, 0) + 1];
                int n = 0, r;
                while (n < output.Length && (r = source.Read(output, n, output.Length - n)) > 0) n += r;
                if (n > expected)
                    throw new CorruptChunkException($"{(zlib ? "zlib" : "gzip")} data decompresses to more than the chunk's {expected} bytes.");
                return output.AsSpan(0, n).ToArray();
            }
        }
        catch (InvalidDataException ex)
        {
            throw new CorruptChunkException($"{(zlib ? "zlib" : "gzip")} data is corrupt ({ex.Message}).", ex);
        }
    }
}
