using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsCommon.Get, "PhotonFrame", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Frame))]
public sealed class GetPhotonFrameCommand : PhotonCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "Destination")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Frame indices; ranges like 100..199 work, negative indices count from the end (-1 = last).</summary>
    [Parameter(Position = 1)]
    public int[]? Index { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int First { get; set; } = -1;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Skip { get; set; }

    /// <summary>Return the stored values (codes in Quantized mode) instead of decoded levels.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <summary>Do not check the CRC-32C of each chunk read against the archive's fixity manifest (to read what remains of a damaged archive).</summary>
    [Parameter]
    public SwitchParameter SkipChecksum { get; set; }

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachInput(literal ? LiteralPath : Path, literal, 2, "Get-PhotonFrame", ReadArchive);
    }

    private void ReadArchive(string path, ThrottledProgress progress)
    {
        PhotonArchive archive = PhotonArchive.Open(path);
        archive.Store.Checksums.Verify = !SkipChecksum;
        List<int> frames = SelectFrames(archive.FrameCount, path);
        if (frames.Count == 0) return;

        PixelType type = Raw ? archive.StoredType : archive.OriginalType;
        int frameBytes = archive.FramePixels * type.Size();
        int perChunk = archive.FramesPerChunk;
        // The span of requested frames inside each chunk, so each chunk is decoded once for an ascending request.
        var span = new Dictionary<int, (int Lo, int Hi)>();
        foreach (int f in frames)
        {
            int c = f / perChunk;
            span[c] = span.TryGetValue(c, out var s) ? (Math.Min(s.Lo, f), Math.Max(s.Hi, f)) : (f, f);
        }

        int cachedChunk = -1, cachedLo = 0, decodes = 0, badChunk = -1;
        Exception? badReason = null;
        byte[] cache = Array.Empty<byte>();
        for (int k = 0; k < frames.Count; k++)
        {
            CancellationToken.ThrowIfCancellationRequested();
            int f = frames[k];
            int c = f / perChunk;
            if (c == badChunk)
            {
                WriteUnreadableFrame(path, f, c, perChunk, archive.FrameCount, badReason!);
                continue;
            }
            if (c != cachedChunk)
            {
                var (lo, hi) = span[c];
                int count = hi - lo + 1;
                if (cache.Length < count * frameBytes) cache = new byte[count * frameBytes];
                try
                {
                    archive.ReadFrames(lo, count, cache, Raw);
                }
                catch (Exception ex) when (ErrorRecords.Classify(ex).Id == ErrorIds.CorruptChunk)
                {
                    // A damaged chunk costs only its own frames: report each one asked for, go on with the rest.
                    (badChunk, badReason, cachedChunk) = (c, ex, -1);
                    WriteUnreadableFrame(path, f, c, perChunk, archive.FrameCount, ex);
                    continue;
                }
                cachedChunk = c;
                cachedLo = lo;
                decodes++;
            }
            ReadOnlySpan<byte> pixels = cache.AsSpan((f - cachedLo) * frameBytes, frameBytes);
            var (min, max, mean) = PixelConvert.Statistics(pixels, type);
            WriteObject(new Frame
            {
                Index = f,
                Height = archive.Height,
                Width = archive.Width,
                DType = type.NumpyName(),
                Min = min,
                Max = max,
                Mean = mean,
                Path = path,
                Mode = archive.Mode?.ToString() ?? "",
                Raw = Raw,
                Pixels = PixelConvert.ToTypedArray(pixels, type),
            });
            progress.Report(new ConversionProgress("Reading", k + 1, frames.Count));
        }
        WriteVerbose($"{path}: {frames.Count} frame(s) from {decodes} chunk read(s).");
    }

    private void WriteUnreadableFrame(string path, int frame, int chunk, int perChunk, int frameCount, Exception reason)
    {
        int first = chunk * perChunk, last = Math.Min(frameCount, first + perChunk) - 1;
        var error = new System.IO.InvalidDataException($"Frame {frame} of '{path}' cannot be read: its chunk {chunk} (frames {first}..{last}) is corrupt: {reason.Message}", reason);
        WriteError(ErrorRecords.Create(error, ErrorIds.CorruptChunk, ErrorCategory.InvalidData, path));
    }

    private List<int> SelectFrames(int frameCount, string path)
    {
        var result = new List<int>();
        if (Index is not null)
        {
            var outside = new List<int>();
            foreach (int i in Index)
            {
                int f = i < 0 ? frameCount + i : i;
                if (f < 0 || f >= frameCount) outside.Add(i);
                else result.Add(f);
            }
            // One record for all of them: -Index (0..5000) on 500 frames is one mistake, not 4501.
            if (outside.Count > 0)
                WriteError(ErrorRecords.Create(new ArgumentException(OutOfRangeMessage(outside, frameCount, path)),
                    ErrorIds.FrameOutOfRange, ErrorCategory.InvalidArgument, path));
        }
        else
        {
            result.AddRange(Enumerable.Range(0, frameCount));
        }
        // -Skip and -First apply to the selection, like Select-Object's.
        IEnumerable<int> selected = result.Skip(Skip);
        if (First >= 0) selected = selected.Take(First);
        result = selected.ToList();
        return result;
    }

    /// <summary>"Frames 500..5000 are outside 0..499: 'x.zarr' has 500 frames (-500..-1 count from the end)."</summary>
    internal static string OutOfRangeMessage(IReadOnlyList<int> indices, int frameCount, string path)
    {
        var runs = new List<string>();
        for (int k = 0; k < indices.Count;)
        {
            int start = k;
            while (k + 1 < indices.Count && indices[k + 1] == indices[k] + 1) k++;
            runs.Add(k == start ? indices[start].ToString(System.Globalization.CultureInfo.InvariantCulture)
                : $"{indices[start]}..{indices[k]}");
            k++;
        }
        string what = indices.Count == 1 ? $"Frame {runs[0]} is" : $"Frames {string.Join(", ", runs)} are";
        return frameCount == 0
            ? $"{what} outside '{path}', which has no frames."
            : $"{what} outside 0..{frameCount - 1}: '{path}' has {frameCount} frames (-{frameCount}..-1 count from the end).";
    }
}
