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
    private readonly StoreFileSystem _fileSystem = StoreFileSystem.Current;
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
        try
        {
            if (folder is not null && folder.Length > _staging.Length) _fileSystem.CreateDirectory(folder);
            _fileSystem.WriteNewFile(file, value);
        }
        catch (IOException ex) when (IsWriteFailure(ex))
        {
            throw WriteFailed(ex);
        }
        Interlocked.Add(ref _bytesWritten, value.Length);
    }

    public void Commit()
    {
        if (_committed) return;
        try
        {
            MoveIntoPlace(_staging, Path, _overwrite, _fileSystem);
        }
        catch (IOException ex) when (IsWriteFailure(ex))
        {
            throw WriteFailed(ex);
        }
        _committed = true;
    }

    /// <summary>An I/O error of the file system, not one of the store's own refusals (exists, locked, not a Zarr array).</summary>
    private static bool IsWriteFailure(IOException ex) => ex is not (ZarrDestinationExistsException or DestinationLockedException or DestinationNotZarrException);

    /// <summary>The OS error (ENOSPC, EIO, EROFS …) with the destination it was writing; the staging folder goes at Dispose.</summary>
    private IOException WriteFailed(IOException ex) => new($"Writing '{Path}' failed: {ex.Message}", ex.HResult);

    /// <summary>
    /// Moves the complete folder <paramref name="staging"/> to <paramref name="destination"/>; an existing destination is
    /// replaced only with <paramref name="overwrite"/>, and only when it is a Zarr array or group: old one aside, new one
    /// in, old one gone, so at no moment is neither complete on disk (a failed move puts the old one back; a kill between
    /// the moves is put right by the next <see cref="StagingFolder.Clean"/>). The staging marker leaves last.
    /// </summary>
    internal static void MoveIntoPlace(string staging, string destination, bool overwrite, StoreFileSystem? fileSystem = null)
    {
        StoreFileSystem fs = fileSystem ?? StoreFileSystem.Current;
        bool exists = Directory.Exists(destination) || File.Exists(destination);
        if (exists && !overwrite) throw new ZarrDestinationExistsException(destination);
        if (!exists)
        {
            fs.MoveDirectory(staging, destination);
            StagingFolder.Release(destination, null);
            return;
        }
        ZarrDestination.EnsureReplaceable(destination);
        string aside = staging + StagingFolder.AsideSuffix;
        bool wasFolder = Directory.Exists(destination);
        if (wasFolder) fs.MoveDirectory(destination, aside); else File.Move(destination, aside);
        try
        {
            fs.MoveDirectory(staging, destination);
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
