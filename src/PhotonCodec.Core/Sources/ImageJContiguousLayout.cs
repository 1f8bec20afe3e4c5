using System;
using BitMiracle.LibTiff.Classic;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// ImageJ saves stacks over 4 GB with one IFD only: the description says <c>images=N</c> and the N frames follow
/// each other, uncompressed, from the first page's pixel data. This finds that layout.
/// </summary>
internal static class ImageJContiguousLayout
{
    /// <summary>Offset of frame 0 and the number of frames when the file uses the layout, else null.</summary>
    public static (long Start, int Frames)? Detect(Tiff tif, TiffPageLayout page0, int pageCount, string? description,
        long fileLength, string path)
    {
        if (!TiffDescriptionParser.IsImageJ(description)) return null;
        if (!TiffDescriptionParser.ParseImageJ(description!).TryGetValue("images", out object? value) || value is not long images) return null;
        if (images <= pageCount || page0.Compression != Compression.NONE || page0.IsTiled) return null;

        long[] offsets = TiffPageLayout.Longs(tif.GetField(TiffTag.STRIPOFFSETS), path, 0, "offsets");
        long[] counts = TiffPageLayout.Longs(tif.GetField(TiffTag.STRIPBYTECOUNTS), path, 0, "byte counts");
        long frameBytes = (long)page0.Width * page0.Height * page0.PixelType.Size();
        long total = 0;
        for (int i = 0; i < offsets.Length && i < counts.Length; i++)
        {
            if (offsets[i] != offsets[0] + total) return null; // strips not back to back: not ImageJ's layout
            total += counts[i];
        }
        if (total < frameBytes) return null;
        if (images > int.MaxValue)
            throw new UnsupportedTiffException(path, null, $"the ImageJ header announces {images} images, more than PhotonCodec can index.");
        long end = offsets[0] + images * frameBytes;
        if (end > fileLength)
            throw new CorruptTiffException(path, null,
                $"the ImageJ header announces {images} contiguous {page0} frames ending at byte {end}, but the file has {fileLength} bytes: the file is truncated.");
        return (offsets[0], (int)images);
    }
}
