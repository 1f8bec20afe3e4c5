using System;
using System.Collections.Generic;
using System.Linq;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// What <see cref="ZarrArrayReader"/> checks on each chunk it fetches: against the fixity manifest, the CRC-32C of a chunk
/// (of the inner chunk, when a shard is read in part); and that a chunk an archive of ours must hold is there, so a
/// deleted chunk is an error rather than zeros. Thread-safe (read-only after the reader is set up).
/// </summary>
public sealed class ChunkChecksums
{
    private readonly FileSystemStore _store;
    private readonly ZarrArrayMetadata _metadata;
    private readonly string _prefix;
    private readonly Dictionary<string, FixityChunk> _chunks;

    internal ChunkChecksums(FileSystemStore store, ZarrArrayMetadata metadata, FixityManifest? manifest, string prefix)
    {
        _store = store;
        _metadata = metadata;
        _prefix = prefix;
        Manifest = manifest;
        _chunks = manifest?.Chunks.ToDictionary(c => c.Key, StringComparer.Ordinal) ?? new Dictionary<string, FixityChunk>();
    }

    /// <summary>The checks for the array in <paramref name="store"/>, from its manifest if it has one.</summary>
    internal static ChunkChecksums For(FileSystemStore store, ZarrArrayMetadata metadata)
    {
        try
        {
            FixityManifest? manifest = FixityManifest.Find(store.Root, out _, out string prefix);
            return new ChunkChecksums(store, metadata, manifest, prefix);
        }
        catch (ZarrFormatException ex)
        {
            // An unreadable manifest does not stop reading; the archive is still ours, and Test-PhotonArchive names the manifest.
            return new ChunkChecksums(store, metadata, null, "") { RequireChunks = true, ManifestProblem = ex.Message };
        }
    }

    /// <summary>Why the manifest could not be read (null: it was, or there is none).</summary>
    public string? ManifestProblem { get; private set; }

    /// <summary>The archive's manifest; null when it has none (written before manifests, or not by PhotonCodec).</summary>
    public FixityManifest? Manifest { get; }

    /// <summary>Check CRC-32Cs (default). False skips them (Get-PhotonFrame -SkipChecksum); missing chunks are still errors.</summary>
    public bool Verify { get; set; } = true;

    /// <summary>
    /// Every chunk of the grid must be there (true for archives PhotonCodec wrote: it writes every chunk). Either way a chunk
    /// the manifest records as written is a <see cref="MissingChunkException"/> when it is gone, never fill_value; one it does
    /// not record was never written, and reads as fill_value as Zarr says.
    /// </summary>
    public bool RequireChunks { get; set; }

    /// <summary>Checks a whole chunk (shard) as fetched; <paramref name="encoded"/> null when its key is missing.</summary>
    /// <exception cref="MissingChunkException"/>
    /// <exception cref="ChunkChecksumException"/>
    public void Check(long[] chunkIndex, byte[]? encoded)
    {
        string key = _metadata.KeyEncoding.Key(chunkIndex);
        _chunks.TryGetValue(_prefix + key, out FixityChunk? recorded);
        if (encoded is null)
        {
            if (recorded is not null) throw Missing(key, chunkIndex, $" (written with {recorded.Size} bytes)");
            if (RequireChunks) throw Missing(key, chunkIndex, "");
            return;
        }
        if (!Verify || recorded is null) return;
        if (encoded.Length != recorded.Size || Crc32cCodec.Checksum(encoded) != recorded.Crc32c)
            throw Mismatch(key, FramesOf(chunkIndex), encoded.Length < recorded.Size
                ? $"is truncated: {encoded.Length} bytes, {recorded.Size} written"
                : $"fails its checksum (crc32c {FixityManifest.Hex(Crc32cCodec.Checksum(encoded))}, {FixityManifest.Hex(recorded.Crc32c)} written)");
    }

    /// <summary>Checks one inner chunk of a shard as fetched; <paramref name="encoded"/> null when the shard or the inner chunk is missing.</summary>
    public void CheckInner(long[] shardIndex, int inner, byte[]? encoded)
    {
        string key = _metadata.KeyEncoding.Key(shardIndex);
        _chunks.TryGetValue(_prefix + key, out FixityChunk? recorded);
        if (encoded is null && !_store.Exists(key))
        {
            if (recorded is not null || RequireChunks) throw Missing(key, shardIndex, "");
            return;
        }
        if (!Verify || recorded?.Inner is not { } entries || inner >= entries.Count) return;
        FixityInnerChunk? expected = entries[inner];
        (int first, int last) = InnerFrames(shardIndex, inner);
        if (expected is null)
        {
            if (encoded is not null) throw Mismatch(key, (first, last), $"holds inner chunk {inner}, which was written empty (the shard index changed)");
            return;
        }
        if (encoded is null) throw Mismatch(key, (first, last), $"has no inner chunk {inner}, which was written ({expected.Size} bytes; the shard index changed)");
        if (encoded.Length != expected.Size || Crc32cCodec.Checksum(encoded) != expected.Crc32c)
            throw Mismatch(key, (first, last), $"inner chunk {inner} fails its checksum (crc32c {FixityManifest.Hex(Crc32cCodec.Checksum(encoded))}, {FixityManifest.Hex(expected.Crc32c)} written)");
    }

    private (int First, int Last) FramesOf(long[] chunkIndex)
    {
        if (_metadata.Rank == 0) return (0, 0);
        long first = chunkIndex[0] * _metadata.Chunks[0];
        long last = Math.Min(first + _metadata.Chunks[0], _metadata.Shape[0]) - 1;
        return ((int)first, (int)last);
    }

    private (int First, int Last) InnerFrames(long[] shardIndex, int inner)
    {
        ShardingCodec sharding = _metadata.Codecs.Sharding!;
        int[] origin = sharding.Origin(inner, sharding.InnerGrid(_metadata.ChunkSpec));
        long first = shardIndex[0] * _metadata.Chunks[0] + origin[0];
        long last = Math.Min(first + sharding.ChunkShape[0], _metadata.Shape[0]) - 1;
        return ((int)first, (int)last);
    }

    private MissingChunkException Missing(string key, long[] chunkIndex, string detail)
    {
        (int first, int last) = FramesOf(chunkIndex);
        string file = _store.FileOf(key);
        return new MissingChunkException(file, first, last,
            $"Chunk file '{file}' (frames {first}–{last}) is missing{detail}; PhotonCodec wrote every chunk of this archive, so it was deleted or lost. Restore the archive from a copy.");
    }

    private ChunkChecksumException Mismatch(string key, (int First, int Last) frames, string what)
    {
        string file = _store.FileOf(key);
        return new ChunkChecksumException(file, frames.First, frames.Last,
            $"Chunk file '{file}' (frames {frames.First}–{frames.Last}) {what}: its bytes are not those PhotonCodec wrote. Restore the archive from a copy, or read with -SkipChecksum to see what remains.");
    }
}
