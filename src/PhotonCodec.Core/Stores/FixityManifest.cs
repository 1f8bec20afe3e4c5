using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>One stored chunk (v2 chunk file, v3 shard file) as the manifest recorded it.</summary>
public sealed record FixityChunk(string Key, long[] ChunkIndex, long Size, uint Crc32c, IReadOnlyList<FixityInnerChunk?>? Inner);

/// <summary>One inner chunk of a shard: where it lies in the shard and its CRC-32C; the manifest holds null for an empty one.</summary>
public sealed record FixityInnerChunk(long Offset, long Size, uint Crc32c);

/// <summary>A metadata document (.zarray, .zattrs, zarr.json, group documents) as written: its size and SHA-256.</summary>
public sealed record FixityDocument(string Key, long Size, string Sha256);

/// <summary>The source the archive was written from: its size and SHA-256 (for a TIFF sequence, of its sha256sum-style listing).</summary>
public sealed record FixitySource(long Size, string Sha256, IReadOnlyList<FixitySourceFile>? Files);

/// <summary>One file of a multi-file source.</summary>
public sealed record FixitySourceFile(string FileName, long Size, string Sha256);

/// <summary>
/// The fixity manifest, <c>.photon-manifest.json</c> at the root of what PhotonCodec wrote (the array, or the OME-Zarr
/// group holding it): the CRC-32C and size of every stored chunk (and of each inner chunk of a v3 shard, so a bad byte is
/// pinned to its frames), the SHA-256 of every metadata document, the array's layout as written, the source's size and
/// SHA-256, and the archive's content digest: SHA-256 over one line per entry in ordinal key order
/// (<c>key TAB size TAB crc32c:xxxxxxxx</c> for chunks, <c>key TAB size TAB sha256:…</c> for documents, LF-terminated).
/// <para>
/// A file of its own rather than an attribute: Zarr readers ignore keys that are neither metadata nor chunk keys (the
/// name starts with a dot, like .zattrs, and is no chunk key in either format), and it can hold the digests of the
/// metadata documents, which an attribute inside zarr.json could not (it would change the digest it records).
/// CRC-32C rather than SHA-256 per chunk: it runs at memory speed (SSE4.2/ARMv8 instructions) and is what Zarr v3's
/// crc32c codec and the shard index already use; it catches every burst error up to 32 bits, which is what bit rot and
/// truncation are. The archive-level digest is SHA-256, as the sources' is.
/// </para>
/// </summary>
public sealed class FixityManifest
{
    public const string FileName = ".photon-manifest.json";
    public const int CurrentVersion = 1;

    public FixityManifest(string arrayPath, JsonObject array, IReadOnlyList<FixityChunk> chunks, IReadOnlyList<FixityDocument> documents,
        FixitySource? source, string? contentSha256 = null)
    {
        ArrayPath = arrayPath;
        Array = array;
        Chunks = chunks.OrderBy(c => c.Key, StringComparer.Ordinal).ToArray();
        Documents = documents.OrderBy(d => d.Key, StringComparer.Ordinal).ToArray();
        Source = source;
        ContentSha256 = contentSha256 ?? ComputeContentSha256();
    }

    /// <summary>Where the array lies under the manifest's folder ("" = the folder is the array; "0" = an OME-Zarr group's dataset).</summary>
    public string ArrayPath { get; }

    /// <summary>The array's layout as written (<see cref="ArrayLayout"/>).</summary>
    public JsonObject Array { get; }

    /// <summary>Every stored chunk, in ordinal key order; keys relative to the manifest's folder.</summary>
    public IReadOnlyList<FixityChunk> Chunks { get; }

    public IReadOnlyList<FixityDocument> Documents { get; }

    public FixitySource? Source { get; }

    /// <summary>As recorded (a manifest read from disk) or computed (one being written).</summary>
    public string ContentSha256 { get; }

    /// <summary>The digest its entries give now; differs from <see cref="ContentSha256"/> when the manifest was edited.</summary>
    public string ComputeContentSha256()
    {
        var text = new StringBuilder();
        foreach (var (key, line) in Chunks.Select(c => (c.Key, $"{c.Key}\t{c.Size.ToString(CultureInfo.InvariantCulture)}\tcrc32c:{Hex(c.Crc32c)}"))
            .Concat(Documents.Select(d => (d.Key, $"{d.Key}\t{d.Size.ToString(CultureInfo.InvariantCulture)}\tsha256:{d.Sha256}")))
            .OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(line).Append('\n');
        return Sha256Hex(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The layout facts a reader depends on, as recorded and as compared against the metadata later.</summary>
    public static JsonObject ArrayLayout(ZarrArrayMetadata m)
    {
        JsonArray codecs = m.Codecs.ToJson();
        if (m.DecodeFilter is { } f) codecs.Insert(0, m.ZarrFormat == 3 ? f.ToV3Json() : f.ToV2Json());
        return new JsonObject
        {
            ["zarr_format"] = m.ZarrFormat,
            ["shape"] = new JsonArray(m.Shape.Select(s => (JsonNode)s).ToArray()),
            ["chunks"] = new JsonArray(m.Chunks.Select(c => (JsonNode)c).ToArray()),
            ["dtype"] = m.DType.NumpyName(),
            ["codecs"] = codecs,
            ["chunk_key_encoding"] = m.KeyEncoding.ToJson(),
        };
    }

    /// <summary>The frames a chunk of the recorded layout holds (first, last), clipped to the recorded shape.</summary>
    public (int First, int Last) FramesOf(long[] chunkIndex, int innerFirst = 0, int innerFrames = -1)
    {
        long frames = Array["shape"]![0]!.GetValue<long>();
        int perChunk = Array["chunks"]![0]!.GetValue<int>();
        long first = chunkIndex.Length == 0 ? 0 : chunkIndex[0] * perChunk + innerFirst;
        long last = innerFrames < 0 ? first - innerFirst + perChunk - 1 : first + innerFrames - 1;
        return ((int)Math.Min(first, int.MaxValue), (int)Math.Min(Math.Min(last, frames - 1), int.MaxValue));
    }

    public string ToJson()
    {
        var chunks = new JsonObject();
        foreach (FixityChunk c in Chunks)
        {
            var o = new JsonObject
            {
                ["index"] = new JsonArray(c.ChunkIndex.Select(i => (JsonNode)i).ToArray()),
                ["size"] = c.Size,
                ["crc32c"] = Hex(c.Crc32c),
            };
            if (c.Inner is { } inner)
                o["inner"] = new JsonArray(inner.Select(e => e is null ? null : (JsonNode)new JsonArray(e.Offset, e.Size, Hex(e.Crc32c))).ToArray());
            chunks[c.Key] = o;
        }
        var documents = new JsonObject();
        foreach (FixityDocument d in Documents) documents[d.Key] = new JsonObject { ["size"] = d.Size, ["sha256"] = d.Sha256 };
        var root = new JsonObject
        {
            ["photoncodec_fixity"] = CurrentVersion,
            ["checksum"] = Crc32cCodec.CodecName,
            ["array_path"] = ArrayPath,
            ["array"] = Array.DeepClone(),
            ["documents"] = documents,
            ["chunks"] = chunks,
        };
        if (Source is { } s)
        {
            var src = new JsonObject { ["size"] = s.Size, ["sha256"] = s.Sha256 };
            if (s.Files is { } files)
                src["files"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject { ["file_name"] = f.FileName, ["size"] = f.Size, ["sha256"] = f.Sha256 }).ToArray());
            root["source"] = src;
        }
        root["content_sha256"] = ContentSha256;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <exception cref="ZarrFormatException">not a manifest this version reads</exception>
    public static FixityManifest Parse(string json, string where)
    {
        JsonObject o = MetadataDocument.Parse(json, where, FileName);
        try
        {
            int version = o["photoncodec_fixity"]?.GetValue<int>() ?? throw new ZarrFormatException($"{where}: {FileName} has no photoncodec_fixity version.");
            if (version < 1 || version > CurrentVersion)
                throw new ZarrFormatException($"{where}: {FileName} version {version} is not one this reader knows (1..{CurrentVersion}).");
            string checksum = o["checksum"]?.GetValue<string>() ?? "";
            if (checksum != Crc32cCodec.CodecName) throw new ZarrFormatException($"{where}: {FileName} uses checksum '{checksum}'; expected crc32c.");
            var chunks = new List<FixityChunk>();
            foreach (KeyValuePair<string, JsonNode?> kv in o["chunks"] as JsonObject ?? throw new ZarrFormatException($"{where}: {FileName} has no chunks."))
            {
                JsonObject c = kv.Value as JsonObject ?? throw new ZarrFormatException($"{where}: {FileName} chunk '{kv.Key}' is not an object.");
                long[] index = (c["index"] as JsonArray ?? new JsonArray()).Select(n => n!.GetValue<long>()).ToArray();
                List<FixityInnerChunk?>? inner = c["inner"] is JsonArray ia
                    ? ia.Select(n => n is JsonArray e ? new FixityInnerChunk(e[0]!.GetValue<long>(), e[1]!.GetValue<long>(), ParseHex(e[2]!.GetValue<string>())) : null).ToList()
                    : null;
                chunks.Add(new FixityChunk(kv.Key, index, c["size"]!.GetValue<long>(), ParseHex(c["crc32c"]!.GetValue<string>()), inner));
            }
            var documents = new List<FixityDocument>();
            if (o["documents"] is JsonObject docs)
                foreach (KeyValuePair<string, JsonNode?> kv in docs)
                    documents.Add(new FixityDocument(kv.Key, kv.Value!["size"]!.GetValue<long>(), kv.Value!["sha256"]!.GetValue<string>()));
            FixitySource? source = null;
            if (o["source"] is JsonObject s)
            {
                List<FixitySourceFile>? files = s["files"] is JsonArray fa
                    ? fa.Select(f => new FixitySourceFile(f!["file_name"]!.GetValue<string>(), f["size"]!.GetValue<long>(), f["sha256"]!.GetValue<string>())).ToList()
                    : null;
                source = new FixitySource(s["size"]!.GetValue<long>(), s["sha256"]!.GetValue<string>(), files);
            }
            return new FixityManifest(o["array_path"]?.GetValue<string>() ?? "", o["array"] as JsonObject is { } a ? (JsonObject)a.DeepClone() : new JsonObject(),
                chunks, documents, source, o["content_sha256"]?.GetValue<string>() ?? "");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException or ArgumentException or OverflowException)
        {
            throw new ZarrFormatException($"{where}: {FileName} is malformed ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// The manifest covering the array at <paramref name="arrayRoot"/>: its own, or its parent's when the parent is the
    /// OME-Zarr group that holds it. Null when there is none (an archive written before manifests, or not ours).
    /// </summary>
    /// <param name="prefix">the array's keys prefixed this way are the manifest's keys ("" or "0/")</param>
    public static FixityManifest? Find(string arrayRoot, out string manifestFolder, out string prefix)
    {
        string root = System.IO.Path.GetFullPath(arrayRoot).TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
        manifestFolder = root;
        prefix = "";
        string own = System.IO.Path.Combine(root, FileName);
        if (System.IO.File.Exists(own)) return Parse(System.IO.File.ReadAllText(own), $"'{root}'");
        string? parent = System.IO.Path.GetDirectoryName(root);
        if (parent is null) return null;
        string up = System.IO.Path.Combine(parent, FileName);
        if (!System.IO.File.Exists(up)) return null;
        FixityManifest m = Parse(System.IO.File.ReadAllText(up), $"'{parent}'");
        if (m.ArrayPath.Length == 0 || m.ArrayPath != System.IO.Path.GetFileName(root)) return null;
        manifestFolder = parent;
        prefix = m.ArrayPath + "/";
        return m;
    }

    public static string Hex(uint crc) => crc.ToString("x8", CultureInfo.InvariantCulture);

    private static uint ParseHex(string hex) => uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(data.ToArray());
        var hex = new StringBuilder(64);
        foreach (byte b in hash) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return hex.ToString();
    }
}
