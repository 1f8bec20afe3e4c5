using System;

namespace PhotonCodec.Core.Sources;

/// <summary>A valid TIFF whose layout PhotonCodec does not read (RGB, palette, 1-bit, JPEG, mixed page shapes …).</summary>
public sealed class UnsupportedTiffException : NotSupportedException
{
    public UnsupportedTiffException(string filePath, int? page, string problem)
        : base(TiffErrorText.Format(filePath, page, problem))
    {
        FilePath = filePath;
        Page = page;
    }

    /// <summary>Full path of the offending file.</summary>
    public string FilePath { get; }

    /// <summary>Zero-based page (IFD) index, or null when the problem is not tied to one page.</summary>
    public int? Page { get; }
}
