using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// Reads a Zarr array, v2 (<c>.zarray</c>) or v3 (<c>zarr.json</c>), detected from the store. Every chunk is decoded
/// through the array's codec chain into native little-endian C order, after <see cref="Checksums"/> checked its bytes;
/// missing chunks read as fill_value (unless the archive is ours: then they are an error). In a sharded
/// array a read touches the shard index (cached) and the inner chunks it needs, nothing else of the shard.
/// Safe to read different chunks from several threads.
/// </summary>
public sealed class ZarrArrayReader
{
    private readonly ConcurrentDictionary<string, ShardIndex?> _shardIndexes = new(StringComparer.Ordinal);
    private int _chunksRead;

    private ZarrArrayReader(FileSystemStore store, ZarrArrayMetadata metadata, JsonObject attributes)
    {
        Store = store;
        Metadata = metadata;
        Attributes = attributes;
        Checksums = ChunkChecksums.For(store, metadata);
    }

    public FileSystemStore Store { get; }
    public string Path => Store.Root;
    public ZarrArrayMetadata Metadata { get; }
    public JsonObject Attributes { get; }

    /// <summary>The fixity checks run on each chunk fetched (CRC-32C against the manifest; missing chunks of our archives).</summary>
    public ChunkChecksums Checksums { get; }

    /// <summary>Chunks (inner chunks, when sharded) read and decoded by this reader so far.</summary>
    public int ChunksRead => Volatile.Read(ref _chunksRead);

    public static ZarrArrayReader Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            if (File.Exists(full)) throw new ZarrFormatException($"'{full}' is a file; a Zarr array is a folder holding .zarray or zarr.json.");
            throw new DirectoryNotFoundException($"Cannot find the Zarr array '{full}'.");
        }
        var store = new FileSystemStore(full);
        if (store.Exists(ZarrV3Metadata.Key))
        {
            (ZarrArrayMetadata m3, JsonObject a3) = ZarrV3Metadata.Parse(store.GetText(ZarrV3Metadata.Key), full);
            return new ZarrArrayReader(store, m3, a3);
        }
        if (!store.Exists(".zarray"))
        {
            string hint = store.Exists(".zgroup") ? " (it is a Zarr group; open one of its arrays)" : "";
            throw new ZarrFormatException($"'{full}' is not a Zarr array: it has neither .zarray (v2) nor zarr.json (v3){hint}.");
        }
        ZarrArrayMetadata metadata = ZarrArrayMetadata.Parse(store.GetText(".zarray"), full);
        JsonObject attrs = store.Exists(".zattrs") ? MetadataDocument.Parse(store.GetText(".zattrs"), $"'{full}'", ".zattrs") : new JsonObject();
        return new ZarrArrayReader(store, metadata, attrs);
    }


    public string ChunkKey(long[] chunkIndex)
    {
        if (chunkIndex.Length != Metadata.Rank)
            throw new ArgumentException($"A chunk index of this array has {Metadata.Rank} components; got {chunkIndex.Length}.", nameof(chunkIndex));
        for (int d = 0; d < chunkIndex.Length; d++)
            if (chunkIndex[d] < 0 || chunkIndex[d] >= Math.Max(1, Metadata.ChunkCount(d)))
                throw new ArgumentOutOfRangeException(nameof(chunkIndex), $"Chunk index {string.Join(",", chunkIndex)} is outside the array's chunk grid.");
        return Metadata.KeyEncoding.Key(chunkIndex);
    }

    public string ChunkFile(long[] chunkIndex) => Store.FileOf(ChunkKey(chunkIndex));

    public bool ChunkExists(long[] chunkIndex) => Store.Exists(ChunkKey(chunkIndex));

    public long ChunkStoredBytes(long[] chunkIndex) => Math.Max(0, Store.Size(ChunkKey(chunkIndex)));

    /// <summary>Sum of the chunk (shard) files present.</summary>
    public long StoredBytes => Store.ChunkBytes();

    /// <summary>One decoded chunk (a whole shard when sharded; C order, native little-endian); fill_value where it is missing.</summary>
    public void ReadChunk(long[] chunkIndex, Span<byte> destination)
    {
        ChunkSpec spec = Metadata.ChunkSpec;
        if (destination.Length < spec.Bytes) throw new ArgumentException($"Destination holds {destination.Length} bytes; a chunk is {spec.Bytes}.", nameof(destination));
        Span<byte> target = destination.Slice(0, spec.Bytes);
        string key = ChunkKey(chunkIndex);
        byte[]? encoded = Store.Get(key);
        Checksums.Check(chunkIndex, encoded);
        if (encoded is null)
        {
            spec.Fill(target);
            return;
        }
        Interlocked.Increment(ref _chunksRead);
        try
        {
            Metadata.Codecs.Decode(encoded, spec, target);
        }
        catch (Exception ex) when (ex is BloscFormatException or CorruptChunkException)
        {
            throw new ZarrFormatException($"Chunk file '{Store.FileOf(key)}' is corrupt: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// One read chunk (the inner chunk at <paramref name="readIndex"/> of the grid of <see cref="ZarrArrayMetadata.ReadChunkShape"/>
    /// when sharded, else the chunk); fill_value where it is missing.
    /// </summary>
    public void ReadReadChunk(long[] readIndex, Span<byte> destination)
    {
        ShardingCodec? sharding = Metadata.Codecs.Sharding;
        if (sharding is null)
        {
            ReadChunk(readIndex, destination);
            return;
        }
        ChunkSpec shardSpec = Metadata.ChunkSpec;
        ChunkSpec inner = sharding.InnerSpec(shardSpec);
        int[] grid = sharding.InnerGrid(shardSpec);
        var shard = new long[readIndex.Length];
        int linear = 0;
        for (int d = 0; d < readIndex.Length; d++)
        {
            shard[d] = readIndex[d] / grid[d];
            linear = linear * grid[d] + (int)(readIndex[d] % grid[d]);
        }
        string key = ChunkKey(shard);
        Span<byte> target = destination.Slice(0, inner.Bytes);
        try
        {
            ShardIndex? index = _shardIndexes.GetOrAdd(key, k => ReadShardIndex(k, sharding, shardSpec));
            if (index is null || !index.TryGetRange(linear, long.MaxValue, out long offset, out int length))
            {
                Checksums.CheckInner(shard, linear, null);
                inner.Fill(target);
                return;
            }
            byte[] encoded = Store.GetRange(key, offset, length) ?? Array.Empty<byte>();
            Checksums.CheckInner(shard, linear, encoded);
            if (encoded.Length != length) throw new CorruptChunkException($"inner chunk {linear} at {offset} needs {length} bytes; the shard ends after {encoded.Length}.");
            Interlocked.Increment(ref _chunksRead);
            sharding.DecodeInner(encoded, shardSpec, target);
        }
        catch (Exception ex) when (ex is BloscFormatException or CorruptChunkException)
        {
            throw new ZarrFormatException($"Shard file '{Store.FileOf(key)}' is corrupt: {ex.Message}", ex);
        }
    }

    /// <summary>The index of a shard (read once, crc32c checked); null when the shard is missing or the array is not sharded.</summary>
    public ShardIndex? ShardIndexOf(long[] shardIndex)
    {
        if (Metadata.Codecs.Sharding is not { } sharding) return null;
        string key = ChunkKey(shardIndex);
        try
        {
            return _shardIndexes.GetOrAdd(key, k => ReadShardIndex(k, sharding, Metadata.ChunkSpec));
        }
        catch (CorruptChunkException ex)
        {
            throw new ZarrFormatException($"Shard file '{Store.FileOf(key)}' is corrupt: {ex.Message}", ex);
        }
    }

    private ShardIndex? ReadShardIndex(string key, ShardingCodec sharding, ChunkSpec shardSpec)
    {
        int n = sharding.IndexBytes(shardSpec);
        long size = Store.Size(key);
        if (size < 0) return null;
        if (size < n) throw new CorruptChunkException($"a shard of {size} bytes cannot hold its {n}-byte index.");
        byte[] encoded = (sharding.IndexAtEnd ? Store.GetSuffix(key, n) : Store.GetRange(key, 0, n)) ?? throw new CorruptChunkException("the shard vanished while it was read.");
        ShardIndex index = sharding.DecodeIndex(encoded, shardSpec);
        for (int i = 0; i < index.Count; i++) index.TryGetRange(i, size, out _, out _); // every entry inside the shard
        return index;
    }

    /// <summary>Frames [first, first+count) of a 3-D array, contiguous row-major; each read chunk that holds them is read once.</summary>
    public void ReadFrames(long first, int count, Span<byte> destination)
    {
        ZarrArrayMetadata m = Metadata;
        if (m.Rank != 3) throw new ZarrFormatException($"'{Path}' has {m.Rank} dimensions; frames need 3 (frames, height, width).");
        long frames = m.Shape[0];
        int height = checked((int)m.Shape[1]), width = checked((int)m.Shape[2]);
        if (first < 0 || count < 0 || first + count > frames)
            throw new ArgumentOutOfRangeException(nameof(first), $"Frames {first}..{first + count - 1} are outside 0..{frames - 1}.");
        int size = m.DType.Size();
        long frameBytes = (long)height * width * size;
        if (destination.Length < count * frameBytes) throw new ArgumentException("Destination is too small for the frames.", nameof(destination));
        if (count == 0) return;
        int[] rc = m.ReadChunkShape;
        int c0 = rc[0], c1 = rc[1], c2 = rc[2];
        long n1 = (height + c1 - 1) / c1, n2 = (width + c2 - 1) / c2;
        int readBytes = checked(rc.Aggregate(1, (a, c) => checked(a * c)) * size);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(readBytes);
        try
        {
            for (long i0 = first / c0; i0 * c0 < first + count; i0++)
                for (long i1 = 0; i1 < n1; i1++)
                    for (long i2 = 0; i2 < n2; i2++)
                    {
                        ReadReadChunk(new[] { i0, i1, i2 }, chunk);
                        long t0 = Math.Max(first, i0 * c0), t1 = Math.Min(first + count, Math.Min(frames, (i0 + 1) * c0));
                        int y0 = (int)(i1 * c1), y1 = Math.Min(height, y0 + c1);
                        int x0 = (int)(i2 * c2), x1 = Math.Min(width, x0 + c2);
                        int rowBytes = (x1 - x0) * size;
                        for (long t = t0; t < t1; t++)
                            for (int y = y0; y < y1; y++)
                            {
                                int src = (int)((((t - i0 * c0) * c1 + (y - y0)) * c2) * size);
                                long dst = (t - first) * frameBytes + ((long)y * width + x0) * size;
                                chunk.AsSpan(src, rowBytes).CopyTo(destination.Slice(checked((int)dst), rowBytes));
                            }
                    }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
