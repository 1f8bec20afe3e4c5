using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Writes archives back as multi-page TIFF: a movie as one stack, a channel group as one stack per channel or as one
/// ImageJ hyperstack. Each file is written under a temporary name beside its destination and renamed into place when
/// complete (for a group, all files are renamed only once every one is complete): a failure or cancellation leaves
/// nothing, and an existing file is replaced only with <see cref="TiffExportOptions.Overwrite"/>.
/// </summary>
public static class TiffExporter
{
    /// <summary>Classic TIFF offsets are 32-bit; this leaves room below 4 GiB for directories and descriptions.</summary>
    private const long ClassicTiffLimit = (4L << 30) - (64L << 20);
    private const int DirectoryBytesPerPage = 512;
    private const string StageName = "Exporting";

    /// <summary>Whether a file of <paramref name="pages"/> pages of <paramref name="pageBytes"/> uncompressed bytes could pass what classic TIFF addresses.</summary>
    public static bool NeedsBigTiff(long pages, long pageBytes, long descriptionBytes = 0) =>
        pages * (pageBytes + DirectoryBytesPerPage) + descriptionBytes > ClassicTiffLimit;

    /// <summary>One movie to one TIFF.</summary>
    public static TiffExportSummary Export(PhotonArchive archive, string destination, TiffExportOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (archive is null) throw new ArgumentNullException(nameof(archive));
        var clock = Stopwatch.StartNew();
        using var staged = Stage(destination, options);
        TiffExportSummary s = WriteStack(archive, staged, options, new Progress(progress, archive.FrameCount), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        staged.Commit(options.Overwrite);
        return Finished(s, staged, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Each channel of <paramref name="group"/> to its own TIFF (<paramref name="destinations"/>[c]); all or none are written.</summary>
    public static IReadOnlyList<TiffExportSummary> ExportChannels(PhotonArchiveGroup group, IReadOnlyList<string> destinations,
        TiffExportOptions options, IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (group is null) throw new ArgumentNullException(nameof(group));
        if (destinations.Count != group.Channels.Count)
            throw new ArgumentException($"{group.Channels.Count} channels need as many destinations; got {destinations.Count}.", nameof(destinations));
        var staged = new List<StagedFile>();
        try
        {
            var written = new List<TiffExportSummary>();
            var seconds = new List<double>();
            var counter = new Progress(progress, group.Channels.Sum(c => (long)c.FrameCount));
            for (int c = 0; c < group.Channels.Count; c++)
            {
                var clock = Stopwatch.StartNew();
                staged.Add(Stage(destinations[c], options));
                written.Add(WriteStack(group.Channels[c], staged[c], options, counter, cancellationToken));
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
            cancellationToken.ThrowIfCancellationRequested();
            foreach (StagedFile f in staged) f.Commit(options.Overwrite);
            return written.Select((s, c) => Finished(s, staged[c], seconds[c])).ToList();
        }
        finally
        {
            foreach (StagedFile f in staged) f.Dispose();
        }
    }

    /// <summary>
    /// All channels of <paramref name="group"/> as one ImageJ hyperstack: pages in ImageJ's order (channel fastest:
    /// t0c0, t0c1, …, t1c0 …) and the header <c>images=C·T channels=C frames=T hyperstack=true</c> on the first page.
    /// </summary>
    /// <exception cref="PhotonInputException">the channels differ in frames, size or pixel type.</exception>
    public static TiffExportSummary ExportHyperstack(PhotonArchiveGroup group, string destination, TiffExportOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (group is null) throw new ArgumentNullException(nameof(group));
        PhotonArchive first = group.Channels[0];
        PixelType type = options.Raw ? first.StoredType : first.OriginalType;
        for (int c = 1; c < group.Channels.Count; c++)
        {
            PhotonArchive a = group.Channels[c];
            PixelType t = options.Raw ? a.StoredType : a.OriginalType;
            if (a.FrameCount != first.FrameCount || a.Height != first.Height || a.Width != first.Width || t != type)
                throw new PhotonInputException($"'{group.Path}': channel {group.ChannelNames[c]} is {Shape(a, t)} but {group.ChannelNames[0]} is {Shape(first, type)}; a hyperstack needs channels of one shape and dtype (export them without -Hyperstack).");
        }

        var clock = Stopwatch.StartNew();
        int channels = group.Channels.Count, frames = first.FrameCount;
        int frameBytes = first.FramePixels * type.Size();
        string? recorded = options.Raw ? null : TiffExportDescription.Recorded(first);
        string description = TiffExportDescription.ImageJ(recorded, channels, frames);
        using var staged = Stage(destination, options);
        bool bigTiff = options.BigTiff || NeedsBigTiff((long)channels * frames, frameBytes, description.Length);
        int block = Math.Max(1, first.FramesPerChunk);
        var buffers = new byte[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new byte[checked(Math.Min(block, frames) * frameBytes)];
        var counter = new Progress(progress, frames);
        using (var writer = TiffStackWriter.Create(staged.Stream, staged.Destination, first.Width, first.Height, type, options.Compression, bigTiff))
        {
            for (int t0 = 0; t0 < frames; t0 += block)
            {
                int n = Math.Min(block, frames - t0);
                for (int c = 0; c < channels; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    group.Channels[c].ReadFrames(t0, n, buffers[c], options.Raw);
                }
                for (int t = 0; t < n; t++)
                {
                    for (int c = 0; c < channels; c++)
                        writer.WritePage(buffers[c].AsSpan(t * frameBytes, frameBytes), writer.PagesWritten == 0 ? description : null);
                }
                counter.Advance(n);
            }
            writer.Close();
        }
        cancellationToken.ThrowIfCancellationRequested();
        staged.Commit(options.Overwrite);
        return Finished(Summary(group.Path, first, channels, type, options, bigTiff, recorded is not null), staged, clock.Elapsed.TotalSeconds);
    }

    private static TiffExportSummary WriteStack(PhotonArchive archive, StagedFile staged, TiffExportOptions options, Progress counter,
        CancellationToken cancellationToken)
    {
        PixelType type = options.Raw ? archive.StoredType : archive.OriginalType;
        int frames = archive.FrameCount;
        int frameBytes = archive.FramePixels * type.Size();
        string? recorded = options.Raw ? null : TiffExportDescription.Recorded(archive);
        string? description = TiffExportDescription.ForStack(recorded, frames);
        bool bigTiff = options.BigTiff || NeedsBigTiff(frames, frameBytes, description?.Length ?? 0);
        // One chunk of frames at a time: each chunk is decoded once, and memory stays at one chunk.
        int block = Math.Max(1, Math.Min(archive.FramesPerChunk, frames));
        byte[] buffer = new byte[checked(block * frameBytes)];
        using (var writer = TiffStackWriter.Create(staged.Stream, staged.Destination, archive.Width, archive.Height, type, options.Compression, bigTiff))
        {
            for (int t0 = 0; t0 < frames; t0 += block)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(block, frames - t0);
                archive.ReadFrames(t0, n, buffer, options.Raw);
                for (int t = 0; t < n; t++)
                    writer.WritePage(buffer.AsSpan(t * frameBytes, frameBytes), t0 + t == 0 ? description : null);
                counter.Advance(n);
            }
            writer.Close();
        }
        return Summary(archive.Path, archive, 1, type, options, bigTiff, description is not null);
    }

    private static StagedFile Stage(string destination, TiffExportOptions options)
    {
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        string full = Path.GetFullPath(destination);
        if (Directory.Exists(full))
            throw new ExportDestinationExistsException(full, $"Destination '{full}' is a folder; give a file name ending in .tif or remove the folder.");
        if (!options.Overwrite && File.Exists(full)) throw new ExportDestinationExistsException(full);
        return new StagedFile(full);
    }

    private static TiffExportSummary Summary(string source, PhotonArchive shape, int channels, PixelType type, TiffExportOptions options,
        bool bigTiff, bool described) => new()
    {
        Source = source,
        Frames = shape.FrameCount,
        Channels = channels,
        Height = shape.Height,
        Width = shape.Width,
        PixelType = type,
        Compression = options.Compression,
        BigTiff = bigTiff,
        Raw = options.Raw,
        DescriptionRestored = described,
    };

    private static TiffExportSummary Finished(TiffExportSummary s, StagedFile staged, double seconds) => s with
    {
        Destination = staged.Destination,
        Bytes = new FileInfo(staged.Destination).Length,
        Seconds = seconds,
    };

    private static string Shape(PhotonArchive a, PixelType t) => $"{a.FrameCount}×{a.Height}×{a.Width} {t.NumpyName()}";

    /// <summary>Frames written so far, reported as one stage across the files of one export.</summary>
    private sealed class Progress
    {
        private readonly IProgress<ConversionProgress>? _inner;
        private readonly long _total;
        private long _done;

        public Progress(IProgress<ConversionProgress>? inner, long total)
        {
            _inner = inner;
            _total = total;
            _inner?.Report(new ConversionProgress(StageName, 0, total));
        }

        public void Advance(int frames)
        {
            _done += frames;
            _inner?.Report(new ConversionProgress(StageName, _done, _total));
        }
    }
}
