using System;
using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>A Zarr array this reader cannot or will not read: bad metadata, unsupported compressor, filters or order, or a corrupt chunk.</summary>
public sealed class ZarrFormatException : IOException
{
    public ZarrFormatException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The destination exists and overwriting was not asked for.</summary>
public sealed class ZarrDestinationExistsException : IOException
{
    public ZarrDestinationExistsException(string path)
        : this(path, $"Destination '{path}' already exists; use -Force to replace it.") { }

    public ZarrDestinationExistsException(string path, string message) : base(message) => Path = path;

    public string Path { get; }
}
