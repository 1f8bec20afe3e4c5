using System;
using System.Collections.Generic;
using System.IO;
using BitMiracle.LibTiff.Classic;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// A multi-page grayscale TIFF or BigTIFF read one page (= one frame) at a time through LibTiff.NET.
/// Memory stays at about one strip or tile plus LibTiff's per-directory tables, whatever the file size.
/// </summary>
/// <remarks>
/// Not thread-safe: use one instance from one thread at a time (open several instances to read in parallel).
/// Opening installs a process-wide LibTiff.NET error handler that prints nothing and turns LibTiff errors into exceptions.
/// </remarks>
public sealed class TiffFrameSource : IFrameSource
{
    private readonly FileStream stream;
    private readonly Tiff tif;
    private readonly long[] pageOffsets;
    private readonly TiffPageLayout[] layouts;
    private readonly long fileLength;
    private readonly int frameCount;
    private readonly long contiguousStart; // ≥ 0: ImageJ single-IFD layout, frame i at contiguousStart + i·FrameBytes
    private Dictionary<string, object?>? metadata;
    private readonly (double? X, long Unit) resolution; // XResolution and ResolutionUnit of page 0, for SourceScale
    private byte[] scratch = Array.Empty<byte>();
    private int currentPage = -1;
    private bool disposed;

    private TiffFrameSource(string path, FileStream stream, Tiff tif, TiffDirectoryChain chain, TiffPageLayout[] layouts,
        string? imageDescription, string? software, (double? X, long Unit) resolution, (long Start, int Frames)? contiguous)
    {
        this.resolution = resolution;
        Description = path;
        this.stream = stream;
        this.tif = tif;
        pageOffsets = new long[chain.PageOffsets.Count];
        for (int i = 0; i < pageOffsets.Length; i++) pageOffsets[i] = chain.PageOffsets[i];
        this.layouts = layouts;
        fileLength = stream.Length;
        IsBigTiff = chain.IsBigTiff;
        IsBigEndian = chain.IsBigEndian;
        ImageDescription = imageDescription;
        Software = software;
        TiffPageLayout first = layouts[0];
        Width = first.Width;
        Height = first.Height;
        PixelType = first.PixelType;
        FrameBytes = checked(first.Width * first.Height * first.PixelType.Size());
        frameCount = contiguous?.Frames ?? pageOffsets.Length;
        contiguousStart = contiguous?.Start ?? -1;
    }

    /// <summary>Full path of the file.</summary>
    public string Description { get; }

    /// <summary>Pages, or for ImageJ's single-IFD layout (stacks over 4 GB) the <c>images=</c> count of its header.</summary>
    public int FrameCount => frameCount;

    public int Height { get; }

    public int Width { get; }

    public PixelType PixelType { get; }

    public int FrameBytes { get; }

    public bool IsBigTiff { get; }

    /// <summary>True for Motorola ('MM') byte order. Frames are returned little-endian regardless.</summary>
    public bool IsBigEndian { get; }

    /// <summary>ImageDescription tag of the first page, if any.</summary>
    public string? ImageDescription { get; }

    /// <summary>Software tag of the first page, if any.</summary>
    public string? Software { get; }

    /// <summary>Opens <paramref name="path"/> and checks every page's layout (directory tags only; no pixel data is read).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedTiffException">A page uses a layout PhotonCodec does not read, or pages differ in shape or type.</exception>
    /// <exception cref="CorruptTiffException">Not a TIFF, or truncated/corrupt.</exception>
    public static TiffFrameSource Open(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"TIFF file '{fullPath}' does not exist.", fullPath);

        LibTiffErrorRouter.EnsureInstalled();
        // Small buffer: directory reads are many small reads near each other, strip reads bypass the buffer anyway.
        var stream = SourceFile.OpenRead(fullPath, 4096);
        Tiff? tif = null;
        try
        {
            TiffDirectoryChain chain = TiffDirectoryChain.Read(stream, fullPath);
            if (chain.IsBigTiff && chain.IsBigEndian)
                throw new UnsupportedTiffException(fullPath, null,
                    "big-endian BigTIFF ('MM', version 43) is not supported by the TIFF reader (LibTiff.NET); rewrite it little-endian (e.g. tifffile.imwrite(..., byteorder='<')).");
            tif = OpenLibTiff(fullPath, stream);
            var layouts = new TiffPageLayout[chain.PageOffsets.Count];
            string? description = null, software = null;
            (double? X, long Unit) resolution = (null, 1);
            for (int page = 0; page < layouts.Length; page++)
            {
                int p = page;
                layouts[page] = Guard(fullPath, page, () =>
                {
                    SelectDirectory(tif, chain.PageOffsets[p], fullPath, p);
                    TiffPageLayout layout = TiffPageLayout.Read(tif, fullPath, p);
                    layout.CheckDataInsideFile(tif, stream.Length, fullPath, p);
                    if (p == 0)
                    {
                        description = AsciiTag(tif, TiffTag.IMAGEDESCRIPTION);
                        software = AsciiTag(tif, TiffTag.SOFTWARE);
                        resolution = Resolution(tif);
                    }
                    return layout;
                });
                if (page > 0 && !layouts[page].SameShapeAndType(layouts[0]))
                    throw new UnsupportedTiffException(fullPath, page,
                        $"page is {layouts[page]} but page 0 is {layouts[0]}: all pages must share one size and pixel type.");
                if (page > 0 && layouts[page].SameAs(layouts[page - 1])) layouts[page] = layouts[page - 1];
            }
            (long Start, int Frames)? contiguous = Guard(fullPath, 0, () =>
            {
                if (layouts.Length > 1) SelectDirectory(tif, chain.PageOffsets[0], fullPath, 0);
                return ImageJContiguousLayout.Detect(tif, layouts[0], layouts.Length, description, stream.Length, fullPath);
            });
            return new TiffFrameSource(fullPath, stream, tif, chain, layouts, description, software, resolution, contiguous);
        }
        catch
        {
            try { tif?.Dispose(); } catch (Exception) { /* already failing */ }
            stream.Dispose();
            throw;
        }
    }

    public void ReadFrame(int index, Span<byte> destination)
    {
        if (disposed) throw new ObjectDisposedException(nameof(TiffFrameSource), $"TIFF '{Description}' is closed.");
        if ((uint)index >= (uint)frameCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"frame index must be in 0..{frameCount - 1}.");
        if (destination.Length < FrameBytes)
            throw new ArgumentOutOfRangeException(nameof(destination), destination.Length, $"destination holds {destination.Length} bytes; a frame needs {FrameBytes}.");

        Span<byte> frame = destination.Slice(0, FrameBytes);
        if (contiguousStart >= 0)
        {
            ReadContiguous(index, frame);
            return;
        }
        try
        {
            if (currentPage != index)
            {
                currentPage = -1;
                Guard(Description, index, () => { SelectDirectory(tif, pageOffsets[index], Description, index); return true; });
                currentPage = index;
            }
            if (layouts[index].IsTiled) ReadTiles(index, frame);
            else ReadStrips(index, frame);
        }
        catch (LibTiffErrorException e)
        {
            currentPage = -1;
            throw new CorruptTiffException(Description, index, e.Message, e);
        }
        catch (Exception e) when (IsLibTiffFailure(e))
        {
            currentPage = -1;
            throw new CorruptTiffException(Description, index, $"LibTiff failed to decode the page ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    /// <summary>
    /// file_name, file_size, sha256, format, byte_order, pages, compression, image_description, software, imagej,
    /// imagej_metadata, scanimage. The SHA-256 is computed (streaming) on first access.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Metadata => metadata ??= BuildMetadata();

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try { tif.Dispose(); } catch (LibTiffErrorException) { }
        stream.Dispose();
    }

    private void ReadContiguous(int index, Span<byte> frame)
    {
        EnsureScratch(Math.Min(FrameBytes, 1 << 20));
        stream.Position = contiguousStart + (long)index * FrameBytes;
        int done = 0;
        while (done < frame.Length)
        {
            int n = stream.Read(scratch, 0, Math.Min(scratch.Length, frame.Length - done));
            if (n == 0)
                throw new CorruptTiffException(Description, null, $"frame {index} ends past the end of the file: the file is truncated.");
            scratch.AsSpan(0, n).CopyTo(frame.Slice(done));
            done += n;
        }
        if (IsBigEndian) ByteOrder.SwapInPlace(frame, PixelType.Size());
    }

    private void ReadStrips(int page, Span<byte> frame)
    {
        int strips = tif.NumberOfStrips();
        EnsureScratch(tif.StripSize());
        int position = 0;
        for (int s = 0; s < strips && position < frame.Length; s++)
        {
            int n = tif.ReadEncodedStrip(s, scratch, 0, -1);
            if (n < 0)
                throw new CorruptTiffException(Description, page, $"strip {s} could not be read or decoded.");
            int take = Math.Min(n, frame.Length - position);
            scratch.AsSpan(0, take).CopyTo(frame.Slice(position));
            position += take;
        }
        if (position != frame.Length)
            throw new CorruptTiffException(Description, page, $"the strips hold {position} bytes of pixels; a {Width}×{Height} {PixelType.NumpyName()} frame needs {frame.Length}.");
    }

    private void ReadTiles(int page, Span<byte> frame)
    {
        TiffPageLayout layout = layouts[page];
        int pixel = PixelType.Size();
        int tileRowBytes = layout.TileWidth * pixel;
        int tileBytes = checked(tileRowBytes * layout.TileHeight);
        EnsureScratch(Math.Max(tileBytes, tif.TileSize()));
        for (int y = 0; y < Height; y += layout.TileHeight)
        {
            int rows = Math.Min(layout.TileHeight, Height - y);
            for (int x = 0; x < Width; x += layout.TileWidth)
            {
                int tile = tif.ComputeTile(x, y, 0, 0);
                int n = tif.ReadEncodedTile(tile, scratch, 0, -1);
                if (n < tileRowBytes * (rows - 1) + Math.Min(layout.TileWidth, Width - x) * pixel)
                    throw new CorruptTiffException(Description, page, $"tile {tile} could not be read or decoded (got {n} bytes, expected {tileBytes}).");
                int rowBytes = Math.Min(layout.TileWidth, Width - x) * pixel;
                for (int r = 0; r < rows; r++)
                    scratch.AsSpan(r * tileRowBytes, rowBytes).CopyTo(frame.Slice(((y + r) * Width + x) * pixel, rowBytes));
            }
        }
    }

    private void EnsureScratch(int size)
    {
        if (scratch.Length < size) scratch = new byte[size];
    }

    private Dictionary<string, object?> BuildMetadata()
    {
        var m = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["file_name"] = Path.GetFileName(Description),
            ["file_size"] = fileLength,
            ["sha256"] = FileHash.Sha256Hex(Description),
            ["format"] = IsBigTiff ? "BigTIFF" : "TIFF",
            ["byte_order"] = IsBigEndian ? "big" : "little",
            ["pages"] = (long)pageOffsets.Length,
            ["compression"] = TiffPageLayout.CompressionName(layouts[0].Compression),
        };
        if (ImageDescription is not null) m["image_description"] = ImageDescription;
        if (Software is not null) m["software"] = Software;
        if (resolution.X is double x)
        {
            m["x_resolution"] = x;
            m["resolution_unit"] = resolution.Unit;
        }
        bool imageJ = TiffDescriptionParser.IsImageJ(ImageDescription);
        m["imagej"] = imageJ;
        if (imageJ)
        {
            m["imagej_metadata"] = TiffDescriptionParser.ParseImageJ(ImageDescription!);
            m["imagej_contiguous"] = contiguousStart >= 0;
        }
        m["scanimage"] = TiffDescriptionParser.IsScanImage(ImageDescription, Software);
        return m;
    }

    private static Tiff OpenLibTiff(string path, FileStream stream)
    {
        stream.Position = 0;
        // "h": header only; every directory, the first included, is then selected by the offset TiffDirectoryChain found.
        Tiff? tif = Guard(path, 0, () => Tiff.ClientOpen(path, "rh", stream, new TiffStream()));
        return tif ?? throw new CorruptTiffException(path, 0, "LibTiff could not open the file.");
    }

    private static void SelectDirectory(Tiff tif, long offset, string path, int page)
    {
        if (!tif.SetSubDirectory(offset))
            throw new CorruptTiffException(path, page, $"the image directory at offset {offset} could not be read.");
    }

    private static (double? X, long Unit) Resolution(Tiff tif)
    {
        FieldValue[]? x = tif.GetField(TiffTag.XRESOLUTION);
        FieldValue[]? unit = tif.GetField(TiffTag.RESOLUTIONUNIT);
        double? value = x is { Length: > 0 } ? x[0].ToDouble() : null;
        return (value is double v && v > 0 && !double.IsInfinity(v) ? v : null, unit is { Length: > 0 } ? unit[0].ToInt() : 2);
    }

    private static string? AsciiTag(Tiff tif, TiffTag tag)
    {
        FieldValue[]? v = tif.GetField(tag);
        if (v is not { Length: > 0 }) return null;
        string? s = v[0].ToString();
        return s?.TrimEnd('\0');
    }

    /// <summary>Runs a LibTiff call and turns whatever it throws into a <see cref="CorruptTiffException"/> naming file and page.</summary>
    private static T Guard<T>(string path, int page, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LibTiffErrorException e)
        {
            throw new CorruptTiffException(path, page, e.Message, e);
        }
        catch (Exception e) when (IsLibTiffFailure(e))
        {
            throw new CorruptTiffException(path, page, $"LibTiff failed to read the directory ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    // LibTiff.NET can fail on damaged input with runtime exceptions from deep inside; ours pass through.
    private static bool IsLibTiffFailure(Exception e) =>
        e is not (UnsupportedTiffException or CorruptTiffException or OutOfMemoryException);
}
