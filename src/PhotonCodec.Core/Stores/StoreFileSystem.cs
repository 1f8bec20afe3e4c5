using System;
using System.IO;
using System.Threading;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// The file-system calls a store being written makes (<see cref="StagedFileSystemStore.Set"/> and its commit): the one
/// seam through which a test makes a write fail as a full (ENOSPC) or failing (EIO) disk does, to check that nothing
/// partial is left and that the error names the OS message and the path. <see cref="Current"/> is the real file
/// system unless <see cref="Use"/> replaced it for the calling flow (and the threads and tasks it starts).
/// </summary>
public class StoreFileSystem
{
    private static readonly AsyncLocal<StoreFileSystem?> s_current = new();

    public static StoreFileSystem Real { get; } = new();

    public static StoreFileSystem Current => s_current.Value ?? Real;

    /// <summary>Makes <paramref name="fileSystem"/> the one stores created in this flow use, until the result is disposed.</summary>
    public static IDisposable Use(StoreFileSystem fileSystem)
    {
        StoreFileSystem? previous = s_current.Value;
        s_current.Value = fileSystem;
        return new Restore(previous);
    }

    /// <summary>Creates <paramref name="file"/> (it must not exist) holding <paramref name="value"/>.</summary>
    public virtual void WriteNewFile(string file, ReadOnlySpan<byte> value)
    {
        using var fs = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
#if NET8_0_OR_GREATER
        fs.Write(value);
#else
        byte[] copy = value.ToArray();
        fs.Write(copy, 0, copy.Length);
#endif
    }

    public virtual void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <summary>Renames a folder (the staging folder into place, an old archive aside).</summary>
    public virtual void MoveDirectory(string from, string to) => Directory.Move(from, to);

    private sealed class Restore : IDisposable
    {
        private readonly StoreFileSystem? _previous;

        public Restore(StoreFileSystem? previous) => _previous = previous;

        public void Dispose() => s_current.Value = _previous;
    }
}
