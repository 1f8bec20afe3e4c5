using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// Reads a Zarr v2 array as zarr-python writes it: blosc-zstd or uncompressed chunks, any chunk shape, either
/// dimension separator, either byte order (returned native little-endian), missing chunks as fill_value.
/// Safe to read different chunks from several threads.
/// </summary>
public sealed class ZarrV2Reader
{
    private int _chunksRead;

    private ZarrV2Reader(string path, ZarrArrayMetadata metadata, JsonObject attributes)
    {
        Path = path;
        Metadata = metadata;
        Attributes = attributes;
    }

    public string Path { get; }
    public ZarrArrayMetadata Metadata { get; }
    public JsonObject Attributes { get; }

    /// <summary>Chunk files read and decoded by this reader so far.</summary>
    public int ChunksRead => Volatile.Read(ref _chunksRead);

    public static ZarrV2Reader Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            if (File.Exists(full)) throw new ZarrFormatException($"'{full}' is a file; a Zarr v2 array is a folder holding .zarray.");
            throw new DirectoryNotFoundException($"Cannot find the Zarr array '{full}'.");
        }
        string zarray = System.IO.Path.Combine(full, ".zarray");
        if (!File.Exists(zarray))
        {
            string hint = File.Exists(System.IO.Path.Combine(full, ".zgroup")) ? " (it is a Zarr group; open one of its arrays)" :
                File.Exists(System.IO.Path.Combine(full, "zarr.json")) ? " (it is Zarr v3)" : "";
            throw new ZarrFormatException($"'{full}' is not a Zarr v2 array: it has no .zarray{hint}.");
        }
        ZarrArrayMetadata metadata = ZarrArrayMetadata.Parse(File.ReadAllText(zarray), full);
        JsonObject attrs = new();
        string zattrs = System.IO.Path.Combine(full, ".zattrs");
        if (File.Exists(zattrs))
        {
            try
            {
                attrs = JsonNode.Parse(File.ReadAllText(zattrs)) as JsonObject ?? throw new ZarrFormatException($"'{full}': .zattrs is not a JSON object.");
                _ = attrs.Count; // builds the key table now: a key given twice throws here, not in a later reader
            }
            catch (ArgumentException ex)
            {
                throw new ZarrFormatException($"'{full}': .zattrs is malformed ({ex.Message}).", ex);
            }
            catch (JsonException ex)
            {
                throw new ZarrFormatException($"'{full}': .zattrs is not valid JSON ({ex.Message}).", ex);
            }
        }
        return new ZarrV2Reader(full, metadata, attrs);
    }

    public string ChunkFile(long[] chunkIndex) =>
        System.IO.Path.Combine(Path, ZarrChunkKey.Of(Metadata, chunkIndex).Replace('/', System.IO.Path.DirectorySeparatorChar));

    public bool ChunkExists(long[] chunkIndex) => File.Exists(ChunkFile(chunkIndex));

    public long ChunkStoredBytes(long[] chunkIndex)
    {
        var f = new FileInfo(ChunkFile(chunkIndex));
        return f.Exists ? f.Length : 0;
    }

    /// <summary>Sum of the chunk files present.</summary>
    public long StoredBytes
    {
        get
        {
            long total = 0;
            foreach (FileInfo f in new DirectoryInfo(Path).EnumerateFiles("*", SearchOption.AllDirectories))
                if (!f.Name.StartsWith(".", StringComparison.Ordinal)) total += f.Length;
            return total;
        }
    }

    /// <summary>One decoded chunk (C order, native little-endian); fill_value where the chunk file is missing.</summary>
    public void ReadChunk(long[] chunkIndex, Span<byte> destination)
    {
        int chunkBytes = Metadata.ChunkBytes;
        if (destination.Length < chunkBytes) throw new ArgumentException($"Destination holds {destination.Length} bytes; a chunk is {chunkBytes}.", nameof(destination));
        Span<byte> target = destination.Slice(0, chunkBytes);
        string file = ChunkFile(chunkIndex);
        byte[] encoded;
        try
        {
            encoded = File.ReadAllBytes(file);
        }
        catch (FileNotFoundException)
        {
            FillValueWriter.Fill(target, Metadata);
            return;
        }
        catch (DirectoryNotFoundException)
        {
            FillValueWriter.Fill(target, Metadata);
            return;
        }
        Interlocked.Increment(ref _chunksRead);
        if (Metadata.Compressor is null)
        {
            if (encoded.Length != chunkBytes)
                throw new ZarrFormatException($"Chunk file '{file}' holds {encoded.Length} bytes; an uncompressed chunk is {chunkBytes}.");
            encoded.CopyTo(target);
        }
        else
        {
            try
            {
                BloscHeader h = BloscCodec.ReadHeader(encoded);
                if (h.UncompressedSize != chunkBytes)
                    throw new BloscFormatException($"it decompresses to {h.UncompressedSize} bytes; a chunk is {chunkBytes}");
                BloscCodec.Decompress(encoded, target);
            }
            catch (BloscFormatException ex)
            {
                throw new ZarrFormatException($"Chunk file '{file}' is corrupt: {ex.Message}", ex);
            }
        }
        if (Metadata.BigEndian) ByteOrder.SwapInPlace(target, Metadata.DType.Size());
    }

    /// <summary>Frames [first, first+count) of a 3-D array, contiguous row-major; each chunk that holds them is read once.</summary>
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
        int c0 = m.Chunks[0], c1 = m.Chunks[1], c2 = m.Chunks[2];
        byte[] chunk = ArrayPool<byte>.Shared.Rent(m.ChunkBytes);
        try
        {
            for (long i0 = first / c0; i0 * c0 < first + count; i0++)
                for (long i1 = 0; i1 < m.ChunkCount(1); i1++)
                    for (long i2 = 0; i2 < m.ChunkCount(2); i2++)
                    {
                        ReadChunk(new[] { i0, i1, i2 }, chunk);
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
