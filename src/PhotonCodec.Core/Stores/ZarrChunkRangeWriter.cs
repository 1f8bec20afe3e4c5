using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// Writes some chunks (shards) of one Zarr array into a folder that several processes fill at once, each with its own
/// disjoint chunk range (a movie split across the tasks of a job array). Every file appears whole or not at all: it is
/// written under <c>tmpFolder</c> and renamed into place, so a process killed mid-chunk leaves no half chunk, and
/// writing a chunk again (a task redone) replaces it. Nothing here commits the array: whoever sees every chunk present
/// moves the folder into place (see <see cref="StagedFileSystemStore.MoveIntoPlace"/>).
/// </summary>
public sealed class ZarrChunkRangeWriter
{
    private readonly string _folder;
    private readonly string _tmpFolder;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, uint> _checksums = new(StringComparer.Ordinal);
    private long _storedBytes;

    /// <param name="folder">the array's staging folder (shared by the writers of one array)</param>
    /// <param name="tmpFolder">where files are written before their rename: on the same file system, outside <paramref name="folder"/></param>
    /// <param name="arrayPath">where the array sits inside <paramref name="folder"/> ("" = it is the array; "0" = an OME-Zarr group's dataset)</param>
    public ZarrChunkRangeWriter(string folder, string tmpFolder, ZarrArrayMetadata metadata, string arrayPath = "")
    {
        if (metadata.ZarrFormat is not (2 or 3)) throw new ArgumentException($"Zarr format {metadata.ZarrFormat} is neither 2 nor 3.", nameof(metadata));
        _folder = Path.GetFullPath(folder);
        _tmpFolder = Path.GetFullPath(tmpFolder);
        _prefix = arrayPath.Length == 0 ? "" : arrayPath.TrimEnd('/') + "/";
        Metadata = metadata;
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(_tmpFolder);
    }

    public ZarrArrayMetadata Metadata { get; }

    /// <summary>Sum of the chunk files this writer wrote.</summary>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    /// <summary>The CRC-32C of each chunk file this writer wrote, by key: the part's record, checked by <see cref="Seal"/>.</summary>
    public IReadOnlyDictionary<string, uint> Checksums => _checksums;

    /// <summary>The key of a chunk, relative to the staging folder.</summary>
    public string ChunkKey(long[] chunkIndex) => _prefix + Metadata.KeyEncoding.Key(chunkIndex);

    /// <summary>Encodes and writes one whole chunk or shard (C order, native little-endian, padded). Thread-safe for distinct chunks.</summary>
    public void WriteChunk(long[] chunkIndex, ReadOnlySpan<byte> chunkBytes)
    {
        ChunkSpec spec = Metadata.ChunkSpec;
        if (chunkBytes.Length != spec.Bytes)
            throw new ArgumentException($"A chunk holds {spec.Bytes} bytes; got {chunkBytes.Length}.", nameof(chunkBytes));
        if (chunkIndex.Length != Metadata.Rank)
            throw new ArgumentException($"A chunk index of this array has {Metadata.Rank} components; got {chunkIndex.Length}.", nameof(chunkIndex));
        for (int d = 0; d < chunkIndex.Length; d++)
            if (chunkIndex[d] < 0 || chunkIndex[d] >= Math.Max(1, Metadata.ChunkCount(d)))
                throw new ArgumentOutOfRangeException(nameof(chunkIndex), $"Chunk index {string.Join(",", chunkIndex)} is outside the array's chunk grid.");
        byte[] encoded = Metadata.Codecs.Encode(chunkBytes, spec);
        string key = ChunkKey(chunkIndex);
        Put(key, encoded);
        _checksums[key] = Crc32cCodec.Checksum(encoded);
        Interlocked.Add(ref _storedBytes, encoded.Length);
    }

    /// <summary>Writes the array's metadata (.zarray + .zattrs, or zarr.json). The same bytes whoever writes them.</summary>
    public void WriteMetadata(JsonObject attributes)
    {
        foreach (var (key, value) in ZarrArrayWriter.MetadataDocuments(Metadata, attributes)) Put(_prefix + key, value);
    }

    /// <summary>Writes a document of the enclosing group (key relative to the staging folder), e.g. OME-Zarr metadata.</summary>
    public void WriteGroupDocument(string key, string json) => Put(key, new UTF8Encoding(false).GetBytes(json));

    /// <summary>
    /// Once every part is written: checks that every chunk of the array at <paramref name="arrayPath"/> in <paramref name="folder"/>
    /// is there with the CRC-32C its writer recorded (<paramref name="written"/>, the parts' records together), then writes the
    /// fixity manifest over those chunks and every document, as <see cref="ZarrArrayWriter"/> writes it for an array written whole.
    /// </summary>
    /// <exception cref="MissingChunkException">a chunk missing, or written by no part</exception>
    /// <exception cref="ChunkChecksumException">a chunk changed since it was written</exception>
    public static void Seal(string folder, string tmpFolder, string arrayPath, IReadOnlyDictionary<string, uint> written)
    {
        string root = Path.GetFullPath(folder);
        string prefix = arrayPath.Length == 0 ? "" : arrayPath.TrimEnd('/') + "/";
        ZarrArrayReader reader = ZarrArrayReader.Open(Path.Combine(root, arrayPath));
        ZarrArrayMetadata metadata = reader.Metadata;
        var fixity = new FixityRecorder(metadata);
        var chunkKeys = new HashSet<string>(StringComparer.Ordinal);
        long[] grid = new long[metadata.Rank];
        for (int d = 0; d < grid.Length; d++) grid[d] = Math.Max(1, metadata.ChunkCount(d));
        long[] index = new long[metadata.Rank];
        for (long n = 0, total = metadata.TotalChunks; n < total; n++)
        {
            for (int d = 0; d < grid.Length; d++) index[d] = n / Stride(grid, d) % grid[d];
            string key = prefix + metadata.KeyEncoding.Key(index);
            string file = Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
            int first = (int)(index[0] * metadata.Chunks[0]), last = (int)Math.Min(first + metadata.Chunks[0], metadata.Shape[0]) - 1;
            if (!File.Exists(file) || !written.TryGetValue(key, out uint crc))
                throw new MissingChunkException(file, first, last, $"Chunk {key} (frames {first}–{last}) of the staging array '{root}' is missing or was written by no part.");
            byte[] bytes = File.ReadAllBytes(file);
            if (Crc32cCodec.Checksum(bytes) != crc)
                throw new ChunkChecksumException(file, first, last, $"Chunk {key} (frames {first}–{last}) of the staging array '{root}' changed since its part wrote it (CRC-32C {FixityManifest.Hex(Crc32cCodec.Checksum(bytes))}, written {FixityManifest.Hex(crc)}).");
            fixity.Chunk(key, (long[])index.Clone(), bytes);
            chunkKeys.Add(key);
        }
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string key = file.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/');
            if (!chunkKeys.Contains(key) && key != FixityManifest.FileName) fixity.Document(key, File.ReadAllBytes(file));
        }
        var writer = new ZarrChunkRangeWriter(root, tmpFolder, metadata, arrayPath);
        writer.Put(FixityManifest.FileName, new UTF8Encoding(false).GetBytes(fixity.Manifest(arrayPath.TrimEnd('/'), reader.Attributes).ToJson()));
    }

    private static long Stride(long[] grid, int dim)
    {
        long stride = 1;
        for (int d = dim + 1; d < grid.Length; d++) stride *= grid[d];
        return stride;
    }

    private void Put(string key, byte[] value)
    {
        string file = Path.Combine(_folder, key.Replace('/', Path.DirectorySeparatorChar));
        string? parent = Path.GetDirectoryName(file);
        if (parent is not null) Directory.CreateDirectory(parent);
        AtomicFile.Write(file, value, _tmpFolder);
    }
}
