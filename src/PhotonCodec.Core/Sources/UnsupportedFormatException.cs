using System;

namespace PhotonCodec.Core.Sources;

/// <summary>A file whose first bytes are none of the formats PhotonCodec reads (TIFF, BigTIFF, HDF5/NWB), and no raw layout was given.</summary>
public sealed class UnsupportedFormatException : NotSupportedException
{
    public UnsupportedFormatException(string filePath, string seen, string? hint = null)
        : base($"'{filePath}' is not a format PhotonCodec reads: {seen}. It reads TIFF/BigTIFF ('II*\\0', 'MM\\0*', 'II+\\0'), HDF5/NWB ('\\x89HDF\\r\\n\\x1a\\n') and raw binaries (-RawShape/-RawDType)."
            + (hint is null ? "" : " " + hint))
    {
        FilePath = filePath;
        Seen = seen;
    }

    /// <summary>Full path of the file.</summary>
    public string FilePath { get; }

    /// <summary>What its first bytes were, as text.</summary>
    public string Seen { get; }
}
