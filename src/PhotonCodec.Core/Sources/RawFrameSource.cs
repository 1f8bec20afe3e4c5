using System;
using System.Collections.Generic;
using System.IO;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// A headerless binary of T×H×W pixels in C order (suite2p's <c>data.bin</c>, ScanImage/Bruker raw dumps), read one
/// frame at a time. The layout comes from the user: -RawShape T,H,W (or H,W: T = file size / frame bytes) and -RawDType.
/// </summary>
public sealed class RawFrameSource : IFrameSource
{
    private readonly FileStream stream;
    private readonly bool bigEndian;
    private readonly long fileLength;
    private Dictionary<string, object?>? metadata;

    private RawFrameSource(string path, FileStream stream, int frames, int height, int width, PixelType type, bool bigEndian)
    {
        Description = path;
        this.stream = stream;
        this.bigEndian = bigEndian;
        fileLength = stream.Length;
        FrameCount = frames;
        Height = height;
        Width = width;
        PixelType = type;
        FrameBytes = checked(height * width * type.Size());
    }

    public string Description { get; }
    public int FrameCount { get; }
    public int Height { get; }
    public int Width { get; }
    public PixelType PixelType { get; }
    public int FrameBytes { get; }

    /// <exception cref="SourceSelectionException">the shape is not 2 or 3 positive numbers, or does not fit the file size.</exception>
    public static RawFrameSource Open(string path, long[] shape, PixelType type, bool bigEndian)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Raw file '{full}' does not exist.", full);
        if (shape.Length is not (2 or 3) || Array.Exists(shape, s => s <= 0))
            throw new SourceSelectionException(full, $"-RawShape must be T,H,W or H,W with positive numbers; got {string.Join(",", shape)}.");
        long height = shape[shape.Length - 2], width = shape[shape.Length - 1];
        long frameBytes = height * width * type.Size();
        if (frameBytes > int.MaxValue)
            throw new SourceSelectionException(full, $"a {height}×{width} {type.NumpyName()} frame exceeds 2 GiB.");
        var stream = SourceFile.OpenRead(full, 1 << 16);
        try
        {
            long size = stream.Length;
            long frames;
            if (shape.Length == 3)
            {
                frames = shape[0];
                if (frames * frameBytes != size)
                    throw new SourceSelectionException(full,
                        $"-RawShape {frames},{height},{width} of {type.NumpyName()} needs {frames} × {frameBytes} = {frames * frameBytes} bytes, but the file has {size} bytes"
                        + (size % frameBytes == 0 ? $" ({size / frameBytes} frames)." : $" ({size / frameBytes} frames and {size % frameBytes} bytes more)."));
            }
            else
            {
                if (size == 0 || size % frameBytes != 0)
                    throw new SourceSelectionException(full,
                        $"the file has {size} bytes, which is not a whole number of {height}×{width} {type.NumpyName()} frames of {frameBytes} bytes ({size / frameBytes} frames and {size % frameBytes} bytes left over). Check -RawShape and -RawDType.");
                frames = size / frameBytes;
            }
            if (frames > int.MaxValue) throw new SourceSelectionException(full, $"{frames} frames are more than PhotonCodec can index.");
            return new RawFrameSource(full, stream, (int)frames, (int)height, (int)width, type, bigEndian && type.Size() > 1);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void ReadFrame(int index, Span<byte> destination)
    {
        if ((uint)index >= (uint)FrameCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"frame index must be in 0..{FrameCount - 1}.");
        if (destination.Length < FrameBytes)
            throw new ArgumentOutOfRangeException(nameof(destination), destination.Length, $"destination holds {destination.Length} bytes; a frame needs {FrameBytes}.");
        Span<byte> frame = destination.Slice(0, FrameBytes);
        stream.Position = (long)index * FrameBytes;
        var buffer = new byte[Math.Min(FrameBytes, 1 << 20)];
        int done = 0;
        while (done < frame.Length)
        {
            int n = stream.Read(buffer, 0, Math.Min(buffer.Length, frame.Length - done));
            if (n == 0) throw new EndOfStreamException($"'{Description}': frame {index} ends past the end of the file (it shrank while being read).");
            buffer.AsSpan(0, n).CopyTo(frame.Slice(done));
            done += n;
        }
        if (bigEndian) ByteOrder.SwapInPlace(frame, PixelType.Size());
    }

    /// <summary>file_name, file_size, sha256, format "raw", dtype, byte_order, shape.</summary>
    public IReadOnlyDictionary<string, object?> Metadata => metadata ??= new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["file_name"] = Path.GetFileName(Description),
        ["file_size"] = fileLength,
        ["sha256"] = FileHash.Sha256Hex(Description),
        ["format"] = "raw",
        ["dtype"] = PixelType.NumpyName(),
        ["byte_order"] = bigEndian ? "big" : "little",
        ["shape"] = new long[] { FrameCount, Height, Width },
    };

    public void Dispose() => stream.Dispose();
}
