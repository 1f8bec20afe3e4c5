using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// Collects the fixity of an array while <see cref="ZarrArrayWriter"/> writes it: the CRC-32C of each chunk (and of each
/// inner chunk of a shard), the SHA-256 of each document; <see cref="Manifest"/> then builds the <see cref="FixityManifest"/>.
/// Thread-safe for distinct chunks.
/// </summary>
internal sealed class FixityRecorder
{
    private readonly ConcurrentDictionary<string, FixityChunk> _chunks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FixityDocument> _documents = new(StringComparer.Ordinal);
    private readonly ZarrArrayMetadata _metadata;

    public FixityRecorder(ZarrArrayMetadata metadata) => _metadata = metadata;

    public void Chunk(string key, long[] chunkIndex, ReadOnlySpan<byte> encoded)
    {
        List<FixityInnerChunk?>? inner = null;
        if (_metadata.Codecs.Sharding is { } sharding)
        {
            // Our own encoding: the index is intact; its entries pin each inner chunk's bytes.
            ChunkSpec spec = _metadata.ChunkSpec;
            int n = sharding.IndexBytes(spec);
            ShardIndex index = sharding.DecodeIndex(sharding.IndexAtEnd ? encoded.Slice(encoded.Length - n) : encoded.Slice(0, n), spec);
            inner = new List<FixityInnerChunk?>(index.Count);
            for (int i = 0; i < index.Count; i++)
                inner.Add(index.TryGetRange(i, encoded.Length, out long offset, out int length)
                    ? new FixityInnerChunk(offset, length, Crc32cCodec.Checksum(encoded.Slice((int)offset, length)))
                    : null);
        }
        _chunks[key] = new FixityChunk(key, (long[])chunkIndex.Clone(), encoded.Length, Crc32cCodec.Checksum(encoded), inner);
    }

    public void Document(string key, ReadOnlySpan<byte> value) =>
        _documents[key] = new FixityDocument(key, value.Length, FixityManifest.Sha256Hex(value));

    /// <param name="arrayPath">the array's folder under the manifest's ("" = the same)</param>
    /// <param name="attributes">the array's attributes; their <c>source</c> block gives the source's size and SHA-256</param>
    public FixityManifest Manifest(string arrayPath, JsonObject attributes) =>
        new(arrayPath, FixityManifest.ArrayLayout(_metadata), _chunks.Values.ToList(), _documents.Values.ToList(), SourceOf(attributes));

    /// <summary>
    /// The source as its provenance recorded it: file_size + sha256 (TIFF, raw, HDF5/NWB, one channel of a stack), or for a
    /// TIFF sequence the sum of its files' sizes and the SHA-256 of its listing ("sha256  file_name" lines, as sha256sum
    /// prints them, in frame order). Null for sources without a file (an archive re-encoded).
    /// </summary>
    internal static FixitySource? SourceOf(JsonObject attributes)
    {
        if (attributes["source"] is not JsonObject s) return null;
        if (s["files"] is JsonArray list && list.Count > 0)
        {
            var files = new List<FixitySourceFile>();
            foreach (JsonNode? f in list)
            {
                if (f?["sha256"] is not JsonValue h || !h.TryGetValue(out string? hash) || Number(f["file_size"]) is not long size) return null;
                files.Add(new FixitySourceFile(f["file_name"]?.GetValue<string>() ?? "", size, hash!));
            }
            return new FixitySource(files.Sum(f => f.Size), ListingSha256(files), files);
        }
        if (s["sha256"] is JsonValue v && v.TryGetValue(out string? sha) && Number(s["file_size"]) is long bytes)
            return new FixitySource(bytes, sha!, null);
        return null;
    }

    /// <summary>SHA-256 of "sha256  file_name\n" per file, in order.</summary>
    internal static string ListingSha256(IEnumerable<FixitySourceFile> files)
    {
        var text = new StringBuilder();
        foreach (FixitySourceFile f in files) text.Append(f.Sha256).Append("  ").Append(f.FileName).Append('\n');
        return FixityManifest.Sha256Hex(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static long? Number(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue(out long l)) return l;
        if (v.TryGetValue(out int i)) return i;
        if (v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long el)) return el;
        if (v.TryGetValue(out double d) && d == Math.Floor(d)) return (long)d;
        return null;
    }
}
