using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>-Force was asked to replace something that is not a Zarr array or group (a file, or another folder).</summary>
public sealed class DestinationNotZarrException : IOException
{
    public DestinationNotZarrException(string path)
        : base($"'{path}' exists and is not a Zarr array or group (no .zarray, .zgroup or zarr.json), so -Force does not replace it; move it away or choose another destination.")
        => Path = path;

    public string Path { get; }
}
