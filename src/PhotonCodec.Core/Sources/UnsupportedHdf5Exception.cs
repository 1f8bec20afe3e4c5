using System;

namespace PhotonCodec.Core.Sources;

/// <summary>A valid HDF5 file whose dataset PhotonCodec does not read (2-D, not integer/float, an unsupported filter or layout …).</summary>
public sealed class UnsupportedHdf5Exception : NotSupportedException
{
    public UnsupportedHdf5Exception(string filePath, string? dataset, string problem)
        : base($"'{filePath}'{(dataset is null ? "" : $" dataset '{dataset}'")}: {problem}")
    {
        FilePath = filePath;
        Dataset = dataset;
    }

    public string FilePath { get; }

    /// <summary>Absolute path of the dataset inside the file, when the problem is tied to one.</summary>
    public string? Dataset { get; }
}
