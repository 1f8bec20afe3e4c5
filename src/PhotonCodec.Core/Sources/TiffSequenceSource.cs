using System;
using System.Collections.Generic;
using System.IO;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Single-page (or few-page) TIFFs read as one movie, in the order given (the factory sorts them naturally:
/// frame_2 before frame_10). Every file is checked when opened; one file is open at a time while reading.
/// </summary>
public sealed class TiffSequenceSource : IFrameSource
{
    private readonly string[] files;
    private readonly int[] firstFrame; // frame index of each file's page 0, plus the total at the end
    private readonly string? imageDescription;
    private TiffFrameSource? current;
    private int currentFile = -1;
    private Dictionary<string, object?>? metadata;

    private TiffSequenceSource(string description, string[] files, int[] firstFrame, int height, int width, PixelType type, string? imageDescription)
    {
        Description = description;
        this.files = files;
        this.firstFrame = firstFrame;
        Height = height;
        Width = width;
        PixelType = type;
        FrameBytes = checked(height * width * type.Size());
        this.imageDescription = imageDescription;
    }

    /// <summary>The folder or first file the sequence was named by.</summary>
    public string Description { get; }
    public int FrameCount => firstFrame[firstFrame.Length - 1];
    public int Height { get; }
    public int Width { get; }
    public PixelType PixelType { get; }
    public int FrameBytes { get; }

    /// <summary>The files, in frame order.</summary>
    public IReadOnlyList<string> Files => files;

    /// <summary>Opens every file once to check it (directories only, no pixels).</summary>
    /// <exception cref="UnsupportedTiffException">a file's pages differ in size or type from the first file's, naming that file.</exception>
    public static TiffSequenceSource Open(string description, IReadOnlyList<string> orderedFiles)
    {
        if (orderedFiles.Count == 0)
            throw new FileNotFoundException($"'{description}' holds no TIFF files (*.tif, *.tiff) to read as a sequence.", description);
        var files = new string[orderedFiles.Count];
        var first = new int[files.Length + 1];
        int height = 0, width = 0;
        PixelType type = default;
        string? firstDescription = null;
        long total = 0;
        for (int i = 0; i < files.Length; i++)
        {
            files[i] = Path.GetFullPath(orderedFiles[i]);
            using TiffFrameSource tiff = TiffFrameSource.Open(files[i]);
            if (i == 0)
            {
                (height, width, type, firstDescription) = (tiff.Height, tiff.Width, tiff.PixelType, tiff.ImageDescription);
            }
            else if (tiff.Height != height || tiff.Width != width || tiff.PixelType != type)
            {
                throw new UnsupportedTiffException(files[i], null,
                    $"its pages are {tiff.Width}×{tiff.Height} {tiff.PixelType.NumpyName()} but the sequence's first file '{Path.GetFileName(files[0])}' has {width}×{height} {type.NumpyName()}: every frame of a sequence must share one size and pixel type (file {i + 1} of {files.Length}).");
            }
            first[i] = (int)total;
            total += tiff.FrameCount;
            if (total > int.MaxValue) throw new UnsupportedTiffException(files[i], null, "the sequence has more frames than PhotonCodec can index.");
        }
        first[files.Length] = (int)total;
        return new TiffSequenceSource(description, files, first, height, width, type, firstDescription);
    }

    public void ReadFrame(int index, Span<byte> destination)
    {
        if ((uint)index >= (uint)FrameCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"frame index must be in 0..{FrameCount - 1}.");
        int file = Array.BinarySearch(firstFrame, index);
        if (file < 0) file = ~file - 1;
        while (file + 1 < files.Length && firstFrame[file + 1] == index) file++; // skip files without pages
        if (file != currentFile)
        {
            current?.Dispose();
            current = null;
            currentFile = -1;
            current = TiffFrameSource.Open(files[file]);
            currentFile = file;
        }
        current!.ReadFrame(index - firstFrame[file], destination);
    }

    /// <summary>format "TIFF sequence", frames, files (file_name, file_size, pages, sha256 of each, in frame order), image_description of the first file.</summary>
    public IReadOnlyDictionary<string, object?> Metadata => metadata ??= BuildMetadata();

    public void Dispose()
    {
        current?.Dispose();
        current = null;
        currentFile = -1;
    }

    private Dictionary<string, object?> BuildMetadata()
    {
        var list = new List<object?>(files.Length);
        long size = 0;
        for (int i = 0; i < files.Length; i++)
        {
            long length = new FileInfo(files[i]).Length;
            size += length;
            list.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["file_name"] = Path.GetFileName(files[i]),
                ["file_size"] = length,
                ["pages"] = (long)(firstFrame[i + 1] - firstFrame[i]),
                ["sha256"] = FileHash.Sha256Hex(files[i]),
            });
        }
        var m = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["file_name"] = Path.GetFileName(Description),
            ["format"] = "TIFF sequence",
            ["frames"] = (long)FrameCount,
            ["file_count"] = (long)files.Length,
            ["file_size"] = size,
            ["files"] = list,
        };
        if (imageDescription is not null) m["image_description"] = imageDescription;
        return m;
    }
}
