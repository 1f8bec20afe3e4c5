using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>What an existing destination may be replaced by a new archive: only a Zarr array or group.</summary>
public static class ZarrDestination
{
    /// <summary>True for a folder holding <c>.zarray</c>, <c>.zgroup</c> (v2) or <c>zarr.json</c> (v3).</summary>
    public static bool IsZarr(string path) =>
        Directory.Exists(path) && (File.Exists(Path.Combine(path, ".zarray")) || File.Exists(Path.Combine(path, ".zgroup")) || File.Exists(Path.Combine(path, "zarr.json")));

    /// <exception cref="DestinationNotZarrException"><paramref name="path"/> exists and is a file or a folder that is not a Zarr array/group</exception>
    public static void EnsureReplaceable(string path)
    {
        if ((File.Exists(path) || Directory.Exists(path)) && !IsZarr(path)) throw new DestinationNotZarrException(path);
    }
}
