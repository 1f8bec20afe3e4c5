namespace PhotonCodec.Core.Pipeline;

/// <summary>How <see cref="TiffStackWriter"/> compresses the strips of each page.</summary>
public enum TiffCompression
{
    /// <summary>Uncompressed strips (TIFF compression 1): what every reader opens, and the default.</summary>
    None,

    /// <summary>zlib/Deflate (TIFF compression 8, "Adobe Deflate"), with horizontal differencing for integer pixels; compressed with the platform's zlib.</summary>
    Deflate,

    /// <summary>LZW (TIFF compression 5), with horizontal differencing for integer pixels.</summary>
    LZW,

    /// <summary>
    /// Zstandard (TIFF compression 50000, as libtiff ≥ 4.0.10 writes it: one zstd frame per strip, level 3), with horizontal
    /// differencing for integer pixels. LibTiff.NET has no Zstd codec, so the strips are compressed with ZstdSharp and
    /// written raw; readers need libtiff built with zstd, or tifffile with imagecodecs (LibTiff.NET itself cannot read them).
    /// </summary>
    Zstd,
}
