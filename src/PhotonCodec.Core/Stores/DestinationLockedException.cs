using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>Another live process on this host is writing the same destination (its staging marker holds the lock).</summary>
public sealed class DestinationLockedException : IOException
{
    public DestinationLockedException(string path, StagingFolderInfo? holder)
        : base($"Destination '{path}' is being written by {holder?.Marker?.ToString() ?? "another process"}{(holder is null ? "" : " in " + holder.Path)}; wait for it to finish (or stop that process), then run again.")
    {
        Path = path;
        Holder = holder;
    }

    public string Path { get; }
    public StagingFolderInfo? Holder { get; }
}
