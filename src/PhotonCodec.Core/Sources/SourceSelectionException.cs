using System;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// The input selection does not fit the file: a channel, plane or dataset that does not exist, several candidates
/// and none chosen, a raw shape that does not divide the file size. The message names what there is.
/// </summary>
public sealed class SourceSelectionException : ArgumentException
{
    public SourceSelectionException(string filePath, string problem)
        : base($"'{filePath}': {problem}")
    {
        FilePath = filePath;
    }

    /// <summary>Full path of the file (or folder for a sequence).</summary>
    public string FilePath { get; }
}
