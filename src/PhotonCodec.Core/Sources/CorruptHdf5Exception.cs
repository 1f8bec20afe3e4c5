using System;
using System.IO;

namespace PhotonCodec.Core.Sources;

/// <summary>An HDF5 file that is truncated or damaged: its signature is there, its structure cannot be read.</summary>
public sealed class CorruptHdf5Exception : IOException
{
    public CorruptHdf5Exception(string filePath, string problem, Exception? inner = null)
        : base($"'{filePath}' is a damaged or truncated HDF5 file: {problem}", inner)
    {
        FilePath = filePath;
    }

    public string FilePath { get; }
}
