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

        var reader = new FrameReader(archive, Raw);
        PixelType type = reader.Type;
        string dtype = type.NumpyName(), mode = archive.Mode?.ToString() ?? "";
        int k = 0;
        foreach (FrameRead frame in reader.Read(frames, CancellationToken))
        {
            k++;
            if (frame.Error is { } error)
            {
                // A damaged chunk costs only its own frames: report each one asked for, go on with the rest.
                if (ErrorRecords.Classify(error).Id != ErrorIds.CorruptChunk) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
                var unreadable = new System.IO.InvalidDataException(
                    $"Frame {frame.Index} of '{path}' cannot be read: its chunk {frame.Chunk(archive.FramesPerChunk)} (frames {frame.ChunkFirst}..{frame.ChunkLast}) is corrupt: {error.Message}", error);
                WriteError(ErrorRecords.Create(unreadable, ErrorIds.CorruptChunk, ErrorCategory.InvalidData, path));
                continue;
            }
            Array pixels = PixelConvert.ToTypedArray(frame.Pixels.Span, type, out double min, out double max, out double mean);
            WriteObject(new Frame
            {
                Index = frame.Index,
                Height = archive.Height,
                Width = archive.Width,
                DType = dtype,
                Min = min,
                Max = max,
                Mean = mean,
                Path = path,
                Mode = mode,
                Raw = Raw,
                Pixels = pixels,
            });
            progress.Report(new ConversionProgress("Reading", k, frames.Count));
        }
        WriteVerbose($"{path}: {frames.Count} frame(s) from {reader.RunsRead} chunk read(s).");
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
