using System;
using System.IO;

namespace PhotonCodec.Core.Sources;

/// <summary>A file that is not a TIFF, or a TIFF that is truncated or damaged.</summary>
/// <remarks>Derives from <see cref="IOException"/>: <see cref="InvalidDataException"/> is sealed and cannot be a base class.</remarks>
public sealed class CorruptTiffException : IOException
{
    public CorruptTiffException(string filePath, int? page, string problem, Exception? inner = null)
        : base(TiffErrorText.Format(filePath, page, problem), inner)
    {
        FilePath = filePath;
        Page = page;
    }

    /// <summary>Full path of the offending file.</summary>
    public string FilePath { get; }

    /// <summary>Zero-based page (IFD) index, or null when the problem is not tied to one page.</summary>
    public int? Page { get; }
}
