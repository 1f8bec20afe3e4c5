using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// Writes a Zarr array, v2 or v3 as its metadata says, into a <see cref="StagedFileSystemStore"/>: each chunk (each
/// shard, when sharded) is encoded through the codec chain and written once, whole; <see cref="Commit"/> writes the
/// metadata and the fixity manifest (<see cref="FixityManifest"/>) and moves the array into place. Disposing without
/// Commit leaves nothing behind.
/// </summary>
public sealed class ZarrArrayWriter : IDisposable
{
    private readonly StagedFileSystemStore _store;
    private readonly string _prefix;
    private readonly FixityRecorder _fixity;
    private long _storedBytes;

    private ZarrArrayWriter(StagedFileSystemStore store, ZarrArrayMetadata metadata, string prefix)
    {
        _store = store;
        Metadata = metadata;
        _prefix = prefix;
        _fixity = new FixityRecorder(metadata);
    }

    public string Path => _store.Path;
    public ZarrArrayMetadata Metadata { get; }

    /// <summary>Written as .zattrs (v2) or zarr.json's attributes (v3) at Commit.</summary>
    public JsonObject Attributes { get; set; } = new();

    /// <summary>Sum of the chunk files written so far.</summary>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    /// <param name="arrayPath">where the array sits inside <paramref name="path"/> ("" = it is the array; "0" = an OME-Zarr group's dataset)</param>
    public static ZarrArrayWriter Create(string path, ZarrArrayMetadata metadata, bool overwrite, string arrayPath = "")
    {
        if (metadata.ZarrFormat is not (2 or 3)) throw new ArgumentException($"Zarr format {metadata.ZarrFormat} is neither 2 nor 3.", nameof(metadata));
        if (metadata.BigEndian) throw new NotSupportedException("PhotonCodec writes little-endian arrays.");
        return new ZarrArrayWriter(StagedFileSystemStore.Create(path, overwrite), metadata, arrayPath.Length == 0 ? "" : arrayPath.TrimEnd('/') + "/");
    }

    /// <summary>Writes a document of the enclosing group (key relative to the destination), e.g. OME-Zarr metadata.</summary>
    public void WriteGroupDocument(string key, string json) => SetDocument(key, new UTF8Encoding(false).GetBytes(json));

    /// <summary>Encodes and writes one whole chunk or shard (C order, native little-endian, padded). Thread-safe for distinct chunks.</summary>
    public void WriteChunk(long[] chunkIndex, ReadOnlySpan<byte> chunkBytes)
    {
        ChunkSpec spec = Metadata.ChunkSpec;
        if (chunkBytes.Length != spec.Bytes)
            throw new ArgumentException($"A chunk holds {spec.Bytes} bytes; got {chunkBytes.Length}.", nameof(chunkBytes));
        if (Metadata.Codecs.EncodeRented(chunkBytes, spec, out int length) is not { } rented)
        {
            WriteEncodedChunk(chunkIndex, Metadata.Codecs.Encode(chunkBytes, spec));
            return;
        }
        try
        {
            WriteEncodedChunk(chunkIndex, rented.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void WriteEncodedChunk(long[] chunkIndex, ReadOnlySpan<byte> encoded)
    {
        if (chunkIndex.Length != Metadata.Rank)
            throw new ArgumentException($"A chunk index of this array has {Metadata.Rank} components; got {chunkIndex.Length}.", nameof(chunkIndex));
        for (int d = 0; d < chunkIndex.Length; d++)
            if (chunkIndex[d] < 0 || chunkIndex[d] >= Math.Max(1, Metadata.ChunkCount(d)))
                throw new ArgumentOutOfRangeException(nameof(chunkIndex), $"Chunk index {string.Join(",", chunkIndex)} is outside the array's chunk grid.");
        string key = _prefix + Metadata.KeyEncoding.Key(chunkIndex);
        _store.Set(key, encoded);
        _fixity.Chunk(key, chunkIndex, encoded);
        Interlocked.Add(ref _storedBytes, encoded.Length);
    }

    public void Commit()
    {
        foreach (var (key, value) in MetadataDocuments(Metadata, Attributes)) SetDocument(_prefix + key, value);
        _store.Set(FixityManifest.FileName, new UTF8Encoding(false).GetBytes(_fixity.Manifest(_prefix.TrimEnd('/'), Attributes).ToJson()));
        _store.Commit();
    }

    /// <summary>The array's metadata files (keys relative to the array): zarr.json (v3), or .zarray and .zattrs (v2).</summary>
    internal static (string Key, byte[] Value)[] MetadataDocuments(ZarrArrayMetadata metadata, JsonObject attributes)
    {
        var utf8 = new UTF8Encoding(false);
        if (metadata.ZarrFormat == 3) return new[] { (ZarrV3Metadata.Key, utf8.GetBytes(ZarrV3Metadata.ToJson(metadata, attributes))) };
        return new[]
        {
            (".zarray", utf8.GetBytes(metadata.ToJson())),
            (".zattrs", utf8.GetBytes(attributes.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))),
        };
    }

    private void SetDocument(string key, byte[] value)
    {
        _store.Set(key, value);
        _fixity.Document(key, value);
    }

    public void Dispose() => _store.Dispose();
}
