using System;
using BitMiracle.LibTiff.Classic;

namespace PhotonCodec.Core.Sources;

/// <summary>What one page's directory says about its pixels, checked against what PhotonCodec reads.</summary>
internal sealed class TiffPageLayout
{
    private TiffPageLayout(int width, int height, PixelType pixelType, Compression compression, bool isTiled, int tileWidth, int tileHeight)
    {
        Width = width;
        Height = height;
        PixelType = pixelType;
        Compression = compression;
        IsTiled = isTiled;
        TileWidth = tileWidth;
        TileHeight = tileHeight;
    }

    public int Width { get; }
    public int Height { get; }
    public PixelType PixelType { get; }
    public Compression Compression { get; }
    public bool IsTiled { get; }
    public int TileWidth { get; }
    public int TileHeight { get; }

    /// <summary>Reads the current directory of <paramref name="tif"/>; throws <see cref="UnsupportedTiffException"/> for layouts PhotonCodec does not read.</summary>
    public static TiffPageLayout Read(Tiff tif, string path, int page)
    {
        int width = RequiredInt(tif, TiffTag.IMAGEWIDTH, path, page);
        int height = RequiredInt(tif, TiffTag.IMAGELENGTH, path, page);
        if (width <= 0 || height <= 0)
            throw new CorruptTiffException(path, page, $"image size {width}×{height} is not positive.");

        int samples = DefaultedInt(tif, TiffTag.SAMPLESPERPIXEL, 1);
        int bits = DefaultedInt(tif, TiffTag.BITSPERSAMPLE, 1);
        int format = DefaultedInt(tif, TiffTag.SAMPLEFORMAT, (int)SampleFormat.UINT);
        FieldValue[]? photometricField = tif.GetField(TiffTag.PHOTOMETRIC);
        var photometric = photometricField is { Length: > 0 } ? (Photometric)photometricField[0].ToInt() : Photometric.MINISBLACK;
        var compression = (Compression)DefaultedInt(tif, TiffTag.COMPRESSION, (int)Compression.NONE);
        int predictor = DefaultedInt(tif, TiffTag.PREDICTOR, 1);

        if (photometric == Photometric.PALETTE)
            throw new UnsupportedTiffException(path, page, "palette (color-mapped) images are not supported: PhotonCodec reads grayscale intensity frames.");
        if (samples != 1)
            throw new UnsupportedTiffException(path, page,
                $"{samples} samples per pixel ({photometric}): only single-sample grayscale pages are supported, not RGB or multi-sample images.");
        if (photometric != Photometric.MINISBLACK && photometric != Photometric.MINISWHITE)
            throw new UnsupportedTiffException(path, page, $"photometric interpretation {photometric} is not supported: only grayscale (MinIsBlack/MinIsWhite).");
        PixelType pixelType = ToPixelType(bits, format, path, page);

        switch (compression)
        {
            case Compression.NONE:
            case Compression.LZW:
            case Compression.ADOBE_DEFLATE:
            case Compression.DEFLATE:
            case Compression.PACKBITS:
                break;
            case Compression.JPEG:
            case Compression.OJPEG:
                throw new UnsupportedTiffException(path, page, "JPEG compression is not supported (lossy, and not a photon-count format).");
            default:
                throw new UnsupportedTiffException(path, page,
                    $"compression {compression} ({(int)compression}) is not supported: use uncompressed, LZW, Deflate or PackBits.");
        }
        bool floatingPoint = pixelType is PixelType.Float32 or PixelType.Float64;
        if (!(predictor == 1 || predictor == 2 || (predictor == 3 && floatingPoint)))
            throw new UnsupportedTiffException(path, page,
                $"predictor {predictor} is not supported for {pixelType.NumpyName()} data: only none (1), horizontal differencing (2) and, for floats, floating-point (3).");

        bool tiled = tif.IsTiled();
        int tileWidth = 0, tileHeight = 0;
        if (tiled)
        {
            tileWidth = RequiredInt(tif, TiffTag.TILEWIDTH, path, page);
            tileHeight = RequiredInt(tif, TiffTag.TILELENGTH, path, page);
            if (tileWidth <= 0 || tileHeight <= 0)
                throw new CorruptTiffException(path, page, $"tile size {tileWidth}×{tileHeight} is not positive.");
            // A tile wider or taller than the image (padded to 16, or 1024 for small images) is damage, and reading one
            // would allocate its whole size.
            if (tileWidth > MaxTileSide(width) || tileHeight > MaxTileSide(height))
                throw new CorruptTiffException(path, page, $"tile size {tileWidth}×{tileHeight} is implausible for a {width}×{height} image.");
        }
        if ((long)width * height * pixelType.Size() > int.MaxValue)
            throw new UnsupportedTiffException(path, page, $"a {width}×{height} {pixelType.NumpyName()} frame exceeds 2 GiB.");
        return new TiffPageLayout(width, height, pixelType, compression, tiled, tileWidth, tileHeight);
    }

    /// <summary>Checks that every strip or tile of the current directory lies inside the file (catches truncation up front).</summary>
    public void CheckDataInsideFile(Tiff tif, long fileLength, string path, int page)
    {
        long[] offsets = Longs(tif.GetField(IsTiled ? TiffTag.TILEOFFSETS : TiffTag.STRIPOFFSETS), path, page, "offsets");
        long[] counts = Longs(tif.GetField(IsTiled ? TiffTag.TILEBYTECOUNTS : TiffTag.STRIPBYTECOUNTS), path, page, "byte counts");
        int n = Math.Min(offsets.Length, counts.Length);
        string what = IsTiled ? "tile" : "strip";
        for (int i = 0; i < n; i++)
        {
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > fileLength)
                throw new CorruptTiffException(path, page,
                    $"{what} {i} (offset {offsets[i]}, {counts[i]} bytes) extends beyond the end of the file ({fileLength} bytes): the file is truncated.");
        }
        // The frame a reader allocates must be one the stored bytes can hold: all of it uncompressed, and no more than
        // the codec's largest expansion (PackBits 64:1, Deflate ~1032:1, LZW ~2730:1) otherwise.
        long stored = 0;
        for (int i = 0; i < n; i++) stored += counts[i];
        long frameBytes = (long)Width * Height * PixelType.Size();
        long expansion = Compression switch { Compression.NONE => 1, Compression.PACKBITS => 128, _ => 4096 };
        if (frameBytes > stored * expansion)
            throw new CorruptTiffException(path, page,
                $"its {what}s hold {stored} bytes, too few for a {this} frame of {frameBytes} bytes: the file is truncated or corrupt.");
    }

    /// <summary>Same in every respect (lets pages share one instance: a million-page file keeps one layout object).</summary>
    public bool SameAs(TiffPageLayout other) =>
        SameShapeAndType(other) && Compression == other.Compression && IsTiled == other.IsTiled
        && TileWidth == other.TileWidth && TileHeight == other.TileHeight;

    public bool SameShapeAndType(TiffPageLayout other) =>
        Width == other.Width && Height == other.Height && PixelType == other.PixelType;

    public override string ToString() => $"{Width}×{Height} {PixelType.NumpyName()}";

    public static string CompressionName(Compression compression) => compression switch
    {
        Compression.NONE => "None",
        Compression.LZW => "LZW",
        Compression.ADOBE_DEFLATE => "AdobeDeflate",
        Compression.DEFLATE => "Deflate",
        Compression.PACKBITS => "PackBits",
        _ => compression.ToString(),
    };

    private static PixelType ToPixelType(int bits, int format, string path, int page)
    {
        var sampleFormat = (SampleFormat)format;
        if (sampleFormat == SampleFormat.VOID) sampleFormat = SampleFormat.UINT;
        PixelType? type = (sampleFormat, bits) switch
        {
            (SampleFormat.UINT, 8) => PixelType.UInt8,
            (SampleFormat.INT, 8) => PixelType.Int8,
            (SampleFormat.UINT, 16) => PixelType.UInt16,
            (SampleFormat.INT, 16) => PixelType.Int16,
            (SampleFormat.UINT, 32) => PixelType.UInt32,
            (SampleFormat.INT, 32) => PixelType.Int32,
            (SampleFormat.IEEEFP, 32) => PixelType.Float32,
            (SampleFormat.IEEEFP, 64) => PixelType.Float64,
            _ => null,
        };
        if (type is PixelType found) return found;
        string kind = sampleFormat switch
        {
            SampleFormat.UINT => "unsigned integer",
            SampleFormat.INT => "signed integer",
            SampleFormat.IEEEFP => "floating point",
            _ => $"sample format {format}",
        };
        string hint = bits == 1 ? " (bilevel/1-bit images are not supported)" : "";
        throw new UnsupportedTiffException(path, page,
            $"{bits}-bit {kind} samples are not supported{hint}: PhotonCodec reads 8/16/32-bit integers and 32/64-bit floats.");
    }

    private static long MaxTileSide(int side) => (Math.Max(side, 1024) + 15L) / 16 * 16;

    private static int RequiredInt(Tiff tif, TiffTag tag, string path, int page)
    {
        FieldValue[]? v = tif.GetField(tag);
        if (v is not { Length: > 0 })
            throw new CorruptTiffException(path, page, $"required tag {tag} is missing.");
        return v[0].ToInt();
    }

    private static int DefaultedInt(Tiff tif, TiffTag tag, int fallback)
    {
        FieldValue[]? v = tif.GetFieldDefaulted(tag);
        return v is { Length: > 0 } ? v[0].ToInt() : fallback;
    }

    internal static long[] Longs(FieldValue[]? field, string path, int page, string what)
    {
        if (field is not { Length: > 0 })
            throw new CorruptTiffException(path, page, $"the strip/tile {what} are missing.");
        object value = field[field.Length - 1].Value ?? field[0].Value;
        switch (value)
        {
            case long[] l: return l;
            case ulong[] u: return Array.ConvertAll(u, x => x > long.MaxValue ? -1 : (long)x);
            case int[] i: return Array.ConvertAll(i, x => (long)(uint)x);
            case uint[] ui: return Array.ConvertAll(ui, x => (long)x);
            default:
                throw new CorruptTiffException(path, page, $"unexpected representation of the strip/tile {what} ({value?.GetType().Name ?? "null"}).");
        }
    }
}
