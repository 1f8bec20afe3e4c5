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

    /// <summary>
    /// The stored bytes of the value at <paramref name="key"/> (a chunk or a whole shard), or null when it is missing:
    /// every whole-chunk read goes through here.
    /// </summary>
    public byte[]? FetchChunkBytes(string key) => Store.Get(key);

    /// <summary>Part of a chunk's stored value (a Blosc header and blocks, a shard index or inner chunk): every partial read goes through here.</summary>
    public byte[]? FetchChunkRange(string key, long offset, int length) => Store.GetRange(key, offset, length);

    /// <summary>One decoded chunk (a whole shard when sharded; C order, native little-endian); fill_value where it is missing.</summary>
    public void ReadChunk(long[] chunkIndex, Span<byte> destination)
    {
        ChunkSpec spec = Metadata.ChunkSpec;
        if (destination.Length < spec.Bytes) throw new ArgumentException($"Destination holds {destination.Length} bytes; a chunk is {spec.Bytes}.", nameof(destination));
        Span<byte> target = destination.Slice(0, spec.Bytes);
        string key = ChunkKey(chunkIndex);
        byte[]? encoded = FetchChunkBytes(key);
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
            throw Corrupt("Chunk", key, ex);
        }
    }

    private ZarrFormatException Corrupt(string what, string key, Exception ex) => new($"{what} file '{Store.FileOf(key)}' is corrupt: {ex.Message}", ex);

    /// <summary>
    /// One read chunk (the inner chunk at <paramref name="readIndex"/> of the grid of <see cref="ZarrArrayMetadata.ReadChunkShape"/>
    /// when sharded, else the chunk); fill_value where it is missing.
    /// </summary>
    public void ReadReadChunk(long[] readIndex, Span<byte> destination)
    {
        if (Metadata.Codecs.Sharding is null) ReadChunk(readIndex, destination);
        else ReadInner(readIndex, Metadata.Codecs, 0, Metadata.ChunkSpec.WithShape(Metadata.ReadChunkShape).Elements, destination);
    }

    /// <summary>
    /// Elements [first, first + count) of the inner chunk at <paramref name="readIndex"/>, decoded through <paramref name="chain"/>
    /// (the array's chain, possibly led by element-wise codecs): only the shard index (cached) and what the inner chunk's
    /// codecs need of it are read.
    /// </summary>
    private void ReadInner(long[] readIndex, CodecChain chain, int first, int count, Span<byte> destination)
    {
        ShardingCodec sharding = Metadata.Codecs.Sharding!;
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
        PixelType decoded = chain.DecodedType(inner.DType);
        Span<byte> target = destination.Slice(0, count * decoded.Size());
        try
        {
            ShardIndex? index = _shardIndexes.GetOrAdd(key, k => ReadShardIndex(k, sharding, shardSpec));
            if (index is null || !index.TryGetRange(linear, long.MaxValue, out long offset, out int length))
            {
                Checksums.CheckInner(shard, linear, null);
                FillDecoded(inner, chain, target);
                return;
            }
            Interlocked.Increment(ref _chunksRead);
            CodecChain innerChain = InnerChain(chain, sharding);
            ChunkSpec decodedSpec = new(inner.Shape, decoded);
            // A checksum covers the whole inner chunk, so a checked read fetches it whole (and still decodes only what it needs).
            if (count < inner.Elements && innerChain.CanDecodeRange && !Checksums.Covers(shard))
            {
                innerChain.DecodeRange((o, n) => FetchChunkRange(key, offset + o, (int)Math.Max(0, Math.Min(n, length - o))) ?? Array.Empty<byte>(),
                    decodedSpec, first, count, target);
                return;
            }
            byte[] encoded = FetchChunkRange(key, offset, length) ?? Array.Empty<byte>();
            Checksums.CheckInner(shard, linear, encoded);
            if (encoded.Length != length) throw new CorruptChunkException($"inner chunk {linear} at {offset} needs {length} bytes; the shard ends after {encoded.Length}.");
            DecodePart(encoded, innerChain, decodedSpec, first, count, target);
        }
        catch (Exception ex) when (ex is BloscFormatException or CorruptChunkException)
        {
            throw Corrupt("Shard", key, ex);
        }
    }

    /// <summary>The inner chunks' chain led by the element-wise codecs of <paramref name="chain"/> (the array's, possibly with the photon decode prepended).</summary>
    private static CodecChain InnerChain(CodecChain chain, ShardingCodec sharding)
    {
        if (chain.ArrayToArray.Count == 0) return sharding.Codecs;
        CodecChain result = sharding.Codecs;
        for (int i = chain.ArrayToArray.Count - 1; i >= 0; i--) result = result.Prepend(chain.ArrayToArray[i]);
        return result;
    }

    /// <summary>Decodes a whole stored chunk through <paramref name="chain"/> and keeps elements [first, first + count).</summary>
    private static void DecodeWhole(byte[] encoded, CodecChain chain, ChunkSpec decodedSpec, int first, int count, Span<byte> target)
    {
        int size = decodedSpec.DType.Size();
        if (first == 0 && count == decodedSpec.Elements)
        {
            chain.Decode(encoded, decodedSpec, target);
            return;
        }
        byte[] whole = ArrayPool<byte>.Shared.Rent(decodedSpec.Bytes);
        try
        {
            chain.Decode(encoded, decodedSpec, whole);
            whole.AsSpan(first * size, count * size).CopyTo(target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(whole);
        }
    }

    /// <summary>A missing chunk: fill_value, decoded through the element-wise codecs.</summary>
    private static void FillDecoded(ChunkSpec stored, CodecChain chain, Span<byte> target)
    {
        int size = stored.DType.Size();
        int count = target.Length / chain.DecodedType(stored.DType).Size();
        byte[] fill = ArrayPool<byte>.Shared.Rent(count * size);
        try
        {
            stored.Fill(fill.AsSpan(0, count * size));
            chain.DecodeElements(fill.AsSpan(0, count * size), target);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(fill);
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
            throw Corrupt("Shard", key, ex);
        }
    }

    private ShardIndex? ReadShardIndex(string key, ShardingCodec sharding, ChunkSpec shardSpec)
    {
        int n = sharding.IndexBytes(shardSpec);
        long size = Store.Size(key);
        if (size < 0) return null;
        if (size < n) throw new CorruptChunkException($"a shard of {size} bytes cannot hold its {n}-byte index.");
        byte[] encoded = FetchChunkRange(key, sharding.IndexAtEnd ? size - n : 0, n) ?? throw new CorruptChunkException("the shard vanished while it was read.");
        ShardIndex index = sharding.DecodeIndex(encoded, shardSpec);
        for (int i = 0; i < index.Count; i++) index.TryGetRange(i, size, out _, out _); // every entry inside the shard
        return index;
    }

    /// <summary>
    /// Frames [first, first+count) of a 3-D array, contiguous row-major, decoded through <paramref name="chain"/> (default:
    /// the array's own, giving the stored values; the photon decode prepended gives levels). Each read chunk holding them
    /// is read once, in parallel when there are several; from a chunk that holds frames not asked for only the part
    /// holding the requested ones is read and decoded when its codecs allow (Blosc blocks, inner chunks of a shard).
    /// </summary>
    public void ReadFrames(long first, int count, Span<byte> destination, CodecChain? chain = null)
    {
        ZarrArrayMetadata m = Metadata;
        chain ??= m.Codecs;
        if (!ReferenceEquals(chain.ArrayToBytes, m.Codecs.ArrayToBytes))
            throw new ArgumentException("The chain must be this array's codecs, possibly led by element-wise codecs.", nameof(chain));
        if (m.Rank != 3) throw new ZarrFormatException($"'{Path}' has {m.Rank} dimensions; frames need 3 (frames, height, width).");
        long frames = m.Shape[0];
        int height = checked((int)m.Shape[1]), width = checked((int)m.Shape[2]);
        if (first < 0 || count < 0 || first + count > frames)
            throw new ArgumentOutOfRangeException(nameof(first), $"Frames {first}..{first + count - 1} are outside 0..{frames - 1}.");
        int size = chain.DecodedType(m.DType).Size();
        long frameBytes = (long)height * width * size;
        if (destination.Length < count * frameBytes) throw new ArgumentException("Destination is too small for the frames.", nameof(destination));
        if (count == 0) return;
        int[] rc = m.ReadChunkShape;
        long n1 = (height + rc[1] - 1) / rc[1], n2 = (width + rc[2] - 1) / rc[2];
        var pieces = new System.Collections.Generic.List<long[]>();
        for (long i0 = first / rc[0]; i0 * rc[0] < first + count; i0++)
            for (long i1 = 0; i1 < n1; i1++)
                for (long i2 = 0; i2 < n2; i2++)
                    pieces.Add(new[] { i0, i1, i2 });
        unsafe
        {
            fixed (byte* target = destination)
            {
                var at = (IntPtr)target;
                int length = checked((int)(count * frameBytes));
                if (pieces.Count == 1 || Environment.ProcessorCount == 1)
                {
                    foreach (long[] piece in pieces) ReadPiece(piece, first, count, chain, new Span<byte>((void*)at, length));
                    return;
                }
                try
                {
                    System.Threading.Tasks.Parallel.ForEach(pieces, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                        piece => ReadPiece(piece, first, count, chain, new Span<byte>((void*)at, length)));
                }
                catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                }
            }
        }
    }

    /// <summary>The frames of [first, first+count) that read chunk <paramref name="piece"/> holds, into their place in <paramref name="destination"/>.</summary>
    private void ReadPiece(long[] piece, long first, int count, CodecChain chain, Span<byte> destination)
    {
        ZarrArrayMetadata m = Metadata;
        int height = (int)m.Shape[1], width = (int)m.Shape[2];
        int[] rc = m.ReadChunkShape;
        int c0 = rc[0], c1 = rc[1], c2 = rc[2];
        PixelType decoded = chain.DecodedType(m.DType);
        int size = decoded.Size();
        long i0 = piece[0];
        long t0 = Math.Max(first, i0 * c0), t1 = Math.Min(first + count, Math.Min(m.Shape[0], (i0 + 1) * c0));
        int frameElements = c1 * c2;
        int localFirst = checked((int)(t0 - i0 * c0) * frameElements), n = checked((int)(t1 - t0) * frameElements);
        long frameBytes = (long)height * width * size;
        if (c1 == height && c2 == width)
        {
            // Whole frames per chunk (the usual layout): the piece's frames are contiguous in the destination too.
            Span<byte> into = destination.Slice(checked((int)((t0 - first) * frameBytes)), n * size);
            if (m.Codecs.Sharding is not null) ReadInner(piece, chain, localFirst, n, into);
            else ReadChunkPart(piece, chain, localFirst, n, into);
            return;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(n * size);
        try
        {
            Span<byte> part = buffer.AsSpan(0, n * size);
            if (m.Codecs.Sharding is not null) ReadInner(piece, chain, localFirst, n, part);
            else ReadChunkPart(piece, chain, localFirst, n, part);
            int y0 = (int)(piece[1] * c1), y1 = Math.Min(height, y0 + c1);
            int x0 = (int)(piece[2] * c2), x1 = Math.Min(width, x0 + c2);
            int rowBytes = (x1 - x0) * size;
            for (long t = t0; t < t1; t++)
                for (int y = y0; y < y1; y++)
                {
                    int src = (int)((((t - t0) * c1 + (y - y0)) * c2) * size);
                    long dst = (t - first) * frameBytes + ((long)y * width + x0) * size;
                    part.Slice(src, rowBytes).CopyTo(destination.Slice(checked((int)dst), rowBytes));
                }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Elements [first, first + count) of chunk bytes already in memory: only the Blosc blocks holding them when the chain can.</summary>
    private static void DecodePart(byte[] encoded, CodecChain chain, ChunkSpec decodedSpec, int first, int count, Span<byte> target)
    {
        if (count < decodedSpec.Elements && chain.CanDecodeRange)
            chain.DecodeRange((o, n) => Slice(encoded, o, n), decodedSpec, first, count, target);
        else
            DecodeWhole(encoded, chain, decodedSpec, first, count, target);
    }

    private static byte[] Slice(byte[] bytes, long offset, int length)
    {
        if (offset >= bytes.Length || offset < 0) return Array.Empty<byte>();
        int n = (int)Math.Min(length, bytes.Length - offset);
        var part = new byte[n];
        Buffer.BlockCopy(bytes, (int)offset, part, 0, n);
        return part;
    }

    /// <summary>Elements [first, first + count) of an unsharded chunk, decoded through <paramref name="chain"/>; only the Blosc blocks holding them when that is less than the chunk.</summary>
    private void ReadChunkPart(long[] chunkIndex, CodecChain chain, int first, int count, Span<byte> target)
    {
        ChunkSpec spec = Metadata.ChunkSpec;
        var decodedSpec = new ChunkSpec(spec.Shape, chain.DecodedType(spec.DType));
        string key = ChunkKey(chunkIndex);
        try
        {
            if (count < spec.Elements && chain.CanDecodeRange && !Checksums.Covers(chunkIndex) && Store.Exists(key))
            {
                Interlocked.Increment(ref _chunksRead);
                chain.DecodeRange((o, n) => FetchChunkRange(key, o, n) ?? throw new CorruptChunkException("the chunk vanished while it was read."), decodedSpec, first, count, target);
                return;
            }
            byte[]? encoded = FetchChunkBytes(key);
            Checksums.Check(chunkIndex, encoded);
            if (encoded is null)
            {
                FillDecoded(spec, chain, target);
                return;
            }
            Interlocked.Increment(ref _chunksRead);
            DecodePart(encoded, chain, decodedSpec, first, count, target);
        }
        catch (Exception ex) when (ex is BloscFormatException or CorruptChunkException)
        {
            throw Corrupt("Chunk", key, ex);
        }
    }
}
