using System;
using System.IO;
using System.Threading;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// A key→bytes store being written: values go into a staging folder beside the destination, and <see cref="Commit"/>
/// moves the whole folder into place. Disposing without Commit removes the staging folder, so a failure or
/// cancellation leaves nothing half-written, and an existing destination is replaced only at Commit (when asked).
/// Each key is written once: a second write of the same key fails rather than rewriting a chunk or shard.
/// </summary>
public sealed class StagedFileSystemStore : IDisposable
{
    private readonly string _staging;
    private readonly bool _overwrite;
    private long _bytesWritten;
    private bool _committed;

    private StagedFileSystemStore(string path, string staging, bool overwrite)
    {
        Path = path;
        _staging = staging;
        _overwrite = overwrite;
    }

    /// <summary>The destination folder.</summary>
    public string Path { get; }

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    public static StagedFileSystemStore Create(string path, bool overwrite)
    {
        string full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        if (!overwrite && (Directory.Exists(full) || File.Exists(full))) throw new ZarrDestinationExistsException(full);
        if (overwrite) ZarrDestination.EnsureReplaceable(full);
        string staging = StagingFolder.Create(full);
        return new StagedFileSystemStore(full, staging, overwrite);
    }

    /// <summary>Writes a new key. Thread-safe for distinct keys.</summary>
    /// <exception cref="IOException">the key was already written</exception>
    public void Set(string key, ReadOnlySpan<byte> value)
    {
        if (_committed) throw new InvalidOperationException("The store is already committed.");
        string file = System.IO.Path.Combine(_staging, key.Replace('/', System.IO.Path.DirectorySeparatorChar));
        string? folder = System.IO.Path.GetDirectoryName(file);
        if (folder is not null && folder.Length > _staging.Length) Directory.CreateDirectory(folder);
        using (var fs = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
#if NET8_0_OR_GREATER
            fs.Write(value);
#else
            byte[] copy = value.ToArray();
            fs.Write(copy, 0, copy.Length);
#endif
        }
        Interlocked.Add(ref _bytesWritten, value.Length);
    }

    public void Commit()
    {
        if (_committed) return;
        MoveIntoPlace(_staging, Path, _overwrite);
        _committed = true;
    }

    /// <summary>
    /// Moves the complete folder <paramref name="staging"/> to <paramref name="destination"/>; an existing destination is
    /// replaced only with <paramref name="overwrite"/>, and only when it is a Zarr array or group: old one aside, new one
    /// in, old one gone, so at no moment is neither complete on disk (a failed move puts the old one back; a kill between
    /// the moves is put right by the next <see cref="StagingFolder.Clean"/>). The staging marker leaves last.
    /// </summary>
    internal static void MoveIntoPlace(string staging, string destination, bool overwrite)
    {
        bool exists = Directory.Exists(destination) || File.Exists(destination);
        if (exists && !overwrite) throw new ZarrDestinationExistsException(destination);
        if (!exists)
        {
            Directory.Move(staging, destination);
            StagingFolder.Release(destination, null);
            return;
        }
        ZarrDestination.EnsureReplaceable(destination);
        string aside = staging + StagingFolder.AsideSuffix;
        bool wasFolder = Directory.Exists(destination);
        if (wasFolder) Directory.Move(destination, aside); else File.Move(destination, aside);
        try
        {
            Directory.Move(staging, destination);
        }
        catch
        {
            if (wasFolder) Directory.Move(aside, destination); else File.Move(aside, destination);
            throw;
        }
        StagingFolder.Release(destination, aside);
    }

    public void Dispose()
    {
        if (_committed) return;
        try
        {
            StagingFolder.Delete(_staging);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
