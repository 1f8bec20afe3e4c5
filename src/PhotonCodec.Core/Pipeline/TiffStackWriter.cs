using System;
using System.IO;
using BitMiracle.LibTiff.Classic;
using PhotonCodec.Core.Sources;
using ZstdSharp;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Writes a multi-page grayscale TIFF or BigTIFF one page at a time through LibTiff.NET: one sample per pixel, the
/// frame's pixel type (SampleFormat uint/int/IEEE float), little-endian, strips of about 64 KB.
/// Memory stays at one strip, whatever the number of pages.
/// </summary>
/// <remarks>TIFF 6.0: https://www.itu.int/itudoc/itu-t/com16/tiff-fx/docs/tiff6.pdf; BigTIFF: https://www.awaresystems.be/imaging/tiff/bigtiff.html.</remarks>
public sealed class TiffStackWriter : IDisposable
{
    private const int TargetStripBytes = 64 * 1024;
    private const int ZstdCompression = 50000; // registered for libtiff's tif_zstd.c
    private const int ZstdLevel = 3;           // zstd's default level; libtiff's default is 9, about 3× slower for 1–2 % here

    private readonly Tiff _tif;
    private readonly string _name;
    private readonly int _rowsPerStrip;
    private readonly byte[] _strip;
    private readonly Compressor? _zstd;
    private readonly ZlibStrip? _zlib;
    private readonly bool _predictor;
    private bool _closed;

    private TiffStackWriter(Tiff tif, string name, int width, int height, PixelType type, TiffCompression compression, bool bigTiff)
    {
        _tif = tif;
        _name = name;
        Width = width;
        Height = height;
        PixelType = type;
        Compression = compression;
        IsBigTiff = bigTiff;
        int rowBytes = checked(width * type.Size());
        _rowsPerStrip = Math.Max(1, Math.Min(height, TargetStripBytes / rowBytes));
        _strip = new byte[_rowsPerStrip * rowBytes];
        if (compression == TiffCompression.Zstd)
            _zstd = new Compressor(ZstdLevel);
        if (compression == TiffCompression.Deflate) _zlib = new ZlibStrip();
        _predictor = compression != TiffCompression.None && HorizontalPredictor.Supports(type);
    }

    public int Width { get; }
    public int Height { get; }
    public PixelType PixelType { get; }
    public TiffCompression Compression { get; }
    public bool IsBigTiff { get; }
    public int PagesWritten { get; private set; }
    public int FrameBytes => Width * Height * PixelType.Size();

    /// <summary>Starts a TIFF (or with <paramref name="bigTiff"/> a BigTIFF) on <paramref name="stream"/>, which must be empty, seekable and stay open until <see cref="Close"/>.</summary>
    /// <param name="name">The file's name, for error messages.</param>
    public static TiffStackWriter Create(Stream stream, string name, int width, int height, PixelType type,
        TiffCompression compression = TiffCompression.None, bool bigTiff = false)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"A page must have at least one pixel; got {width}×{height}.");
        if (!Enum.IsDefined(typeof(TiffCompression), compression)) throw new ArgumentOutOfRangeException(nameof(compression), compression, null);
        LibTiffErrorRouter.EnsureInstalled();
        Tiff tif = Guard(name, () => Tiff.ClientOpen(name, bigTiff ? "w8" : "w", stream, new TiffStream()))
            ?? throw new IOException($"LibTiff could not start the TIFF file '{name}'.");
        return new TiffStackWriter(tif, name, width, height, type, compression, bigTiff);
    }

    /// <summary>Appends one page: <see cref="FrameBytes"/> bytes of row-major little-endian pixels, with an ImageDescription when given.</summary>
    public void WritePage(ReadOnlySpan<byte> pixels, string? description = null)
    {
        if (_closed) throw new ObjectDisposedException(nameof(TiffStackWriter), $"TIFF '{_name}' is closed.");
        if (pixels.Length < FrameBytes)
            throw new ArgumentOutOfRangeException(nameof(pixels), pixels.Length, $"a {Width}×{Height} {PixelType.NumpyName()} page needs {FrameBytes} bytes.");
        int page = PagesWritten;
        ReadOnlySpan<byte> frame = pixels.Slice(0, FrameBytes);
        try
        {
            WriteTags(description);
            int rowBytes = Width * PixelType.Size();
            int strips = (Height + _rowsPerStrip - 1) / _rowsPerStrip;
            for (int s = 0; s < strips; s++)
            {
                int rows = Math.Min(_rowsPerStrip, Height - s * _rowsPerStrip);
                int n = rows * rowBytes;
                // LibTiff applies the predictor in place, so the caller's pixels are copied first.
                frame.Slice(s * _rowsPerStrip * rowBytes, n).CopyTo(_strip);
                int written = _zstd is null && _zlib is null ? _tif.WriteEncodedStrip(s, _strip, n) : WriteRawStrip(s, n);
                if (written < 0) throw new IOException($"LibTiff could not write strip {s} of page {page} of '{_name}'.");
            }
            if (!_tif.WriteDirectory()) throw new IOException($"LibTiff could not write the directory of page {page} of '{_name}'.");
        }
        catch (LibTiffErrorException e)
        {
            throw Failure(_name, e);
        }
        PagesWritten++;
    }

    /// <summary>Finishes the file (flushes LibTiff's buffers); the stream stays open.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        Guard(_name, () => { _tif.Flush(); return true; });
        _tif.Dispose();
        _zstd?.Dispose();
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        try { _tif.Dispose(); } catch (LibTiffErrorException) { /* abandoning the file */ }
        _zstd?.Dispose();
    }

    private void WriteTags(string? description)
    {
        _tif.SetField(TiffTag.IMAGEWIDTH, Width);
        _tif.SetField(TiffTag.IMAGELENGTH, Height);
        _tif.SetField(TiffTag.BITSPERSAMPLE, PixelType.Size() * 8);
        _tif.SetField(TiffTag.SAMPLESPERPIXEL, 1);
        _tif.SetField(TiffTag.SAMPLEFORMAT, PixelType.IsInteger()
            ? (PixelType.IsSigned() ? SampleFormat.INT : SampleFormat.UINT)
            : SampleFormat.IEEEFP);
        _tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
        _tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        _tif.SetField(TiffTag.ROWSPERSTRIP, _rowsPerStrip);
        _tif.SetField(TiffTag.COMPRESSION, Compression switch
        {
            TiffCompression.Deflate => BitMiracle.LibTiff.Classic.Compression.ADOBE_DEFLATE,
            TiffCompression.LZW => BitMiracle.LibTiff.Classic.Compression.LZW,
            TiffCompression.Zstd => (BitMiracle.LibTiff.Classic.Compression)ZstdCompression,
            _ => BitMiracle.LibTiff.Classic.Compression.NONE,
        });
        // Horizontal differencing for integer samples: LibTiff applies it for LZW, WriteRawStrip for Deflate and Zstd.
        // LibTiff.NET knows the Predictor tag only for codecs it has; for Zstd it is declared as a plain field.
        if (_predictor && _zstd is not null && _tif.FindFieldInfo(TiffTag.PREDICTOR, TiffType.ANY) is null)
            _tif.MergeFieldInfo(new[] { new TiffFieldInfo(TiffTag.PREDICTOR, 1, 1, TiffType.SHORT, FieldBit.Custom, false, false, "Predictor") }, 1);
        if (_predictor) _tif.SetField(TiffTag.PREDICTOR, Predictor.HORIZONTAL);
        _tif.SetField(TiffTag.SOFTWARE, "PhotonCodec");
        if (description is not null) _tif.SetField(TiffTag.IMAGEDESCRIPTION, description);
    }

    /// <summary>Deflate and Zstd strips are compressed here and handed to LibTiff as they are (predictor applied first).</summary>
    private int WriteRawStrip(int strip, int count)
    {
        Span<byte> data = _strip.AsSpan(0, count);
        if (_predictor) HorizontalPredictor.Apply(data, Width, PixelType.Size());
        if (_zlib is not null)
        {
            ArraySegment<byte> z = _zlib.Compress(data);
            return _tif.WriteRawStrip(strip, z.Array!, z.Offset, z.Count);
        }
        byte[] compressed = _zstd!.Wrap(data).ToArray();
        return _tif.WriteRawStrip(strip, compressed, compressed.Length);
    }

    private static T Guard<T>(string name, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LibTiffErrorException e)
        {
            throw Failure(name, e);
        }
    }

    private static IOException Failure(string name, LibTiffErrorException e) => new($"Writing TIFF '{name}' failed: {e.Message}", e);
}
