using System;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// Writes a Zarr v2 array into a staging folder beside the destination; <see cref="Commit"/> moves it into place.
/// Disposing without Commit removes the staging folder, so a failure or cancellation leaves nothing half-written,
/// and an existing array is replaced only at Commit (when overwriting was asked for).
/// </summary>
public sealed class ZarrV2Writer : IDisposable
{
    private readonly string _staging;
    private readonly bool _overwrite;
    private long _storedBytes;
    private bool _committed;

    private ZarrV2Writer(string path, string staging, ZarrArrayMetadata metadata, bool overwrite)
    {
        Path = path;
        _staging = staging;
        Metadata = metadata;
        _overwrite = overwrite;
    }

    public string Path { get; }
    public ZarrArrayMetadata Metadata { get; }

    /// <summary>Written as .zattrs at Commit.</summary>
    public JsonObject Attributes { get; set; } = new();

    /// <summary>Sum of the chunk files written so far.</summary>
    public long StoredBytes => Interlocked.Read(ref _storedBytes);

    public static ZarrV2Writer Create(string path, ZarrArrayMetadata metadata, bool overwrite)
    {
        string full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        if (!overwrite && (Directory.Exists(full) || File.Exists(full))) throw new ZarrDestinationExistsException(full);
        string parent = System.IO.Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        string staging = System.IO.Path.Combine(parent, "." + System.IO.Path.GetFileName(full) + ".partial-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(staging);
        return new ZarrV2Writer(full, staging, metadata, overwrite);
    }

    /// <summary>Compresses and writes one whole chunk (C order, native little-endian, padded). Thread-safe for distinct chunks.</summary>
    public void WriteChunk(long[] chunkIndex, ReadOnlySpan<byte> chunkBytes)
    {
        if (chunkBytes.Length != Metadata.ChunkBytes)
            throw new ArgumentException($"A chunk holds {Metadata.ChunkBytes} bytes; got {chunkBytes.Length}.", nameof(chunkBytes));
        if (Metadata.BigEndian) throw new NotSupportedException("PhotonCodec writes little-endian arrays.");
        ZarrCompressor? c = Metadata.Compressor;
        if (c is null)
        {
            WriteEncodedChunk(chunkIndex, chunkBytes);
            return;
        }
        byte[] encoded = BloscCodec.Compress(chunkBytes, Metadata.DType.Size(), c.CLevel, c.Shuffle, c.BlockSize);
        WriteEncodedChunk(chunkIndex, encoded);
    }

    public void WriteEncodedChunk(long[] chunkIndex, ReadOnlySpan<byte> encoded)
    {
        if (_committed) throw new InvalidOperationException("The array is already committed.");
        string file = System.IO.Path.Combine(_staging, ZarrChunkKey.Of(Metadata, chunkIndex).Replace('/', System.IO.Path.DirectorySeparatorChar));
        if (Metadata.DimensionSeparator == '/') Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        using (var fs = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
#if NET8_0_OR_GREATER
            fs.Write(encoded);
#else
            byte[] copy = encoded.ToArray();
            fs.Write(copy, 0, copy.Length);
#endif
        }
        Interlocked.Add(ref _storedBytes, encoded.Length);
    }

    public void Commit()
    {
        if (_committed) return;
        File.WriteAllText(System.IO.Path.Combine(_staging, ".zarray"), Metadata.ToJson(), new UTF8Encoding(false));
        File.WriteAllText(System.IO.Path.Combine(_staging, ".zattrs"), Attributes.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
        bool exists = Directory.Exists(Path) || File.Exists(Path);
        if (exists && !_overwrite) throw new ZarrDestinationExistsException(Path);
        if (exists)
        {
            // Old array aside, new one in, old one gone: at no moment is neither complete on disk.
            string aside = _staging + ".old";
            bool wasFolder = Directory.Exists(Path);
            if (wasFolder) Directory.Move(Path, aside); else File.Move(Path, aside);
            try
            {
                Directory.Move(_staging, Path);
            }
            catch
            {
                if (wasFolder) Directory.Move(aside, Path); else File.Move(aside, Path);
                throw;
            }
            try
            {
                if (Directory.Exists(aside)) Directory.Delete(aside, recursive: true); else File.Delete(aside);
            }
            catch (IOException) { }
        }
        else
        {
            Directory.Move(_staging, Path);
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        try
        {
            if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
