using System.IO;

namespace PhotonCodec.Core.Pipeline;

/// <summary>An export would replace an existing file without being allowed to (or the destination is a folder).</summary>
public sealed class ExportDestinationExistsException : IOException
{
    public ExportDestinationExistsException(string path)
        : this(path, $"Destination '{path}' already exists; use -Force to replace it.") { }

    public ExportDestinationExistsException(string path, string message) : base(message) => Path = path;

    public string Path { get; }
}
