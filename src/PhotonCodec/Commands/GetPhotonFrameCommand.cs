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

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Destination")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
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

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachInput(literal ? LiteralPath : Path, literal, 2, "Get-PhotonFrame", ReadArchive);
    }

    private void ReadArchive(string path, ThrottledProgress progress)
    {
        PhotonArchive archive = PhotonArchive.Open(path);
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

        int cachedChunk = -1, cachedLo = 0, decodes = 0;
        byte[] cache = Array.Empty<byte>();
        for (int k = 0; k < frames.Count; k++)
        {
            CancellationToken.ThrowIfCancellationRequested();
            int f = frames[k];
            int c = f / perChunk;
            if (c != cachedChunk)
            {
                var (lo, hi) = span[c];
                int count = hi - lo + 1;
                if (cache.Length < count * frameBytes) cache = new byte[count * frameBytes];
                archive.ReadFrames(lo, count, cache, Raw);
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
                Pixels = PixelConvert.ToTypedArray(pixels, type),
            });
            progress.Report(new ConversionProgress("Reading", k + 1, frames.Count));
        }
        WriteVerbose($"{path}: {frames.Count} frame(s) from {decodes} chunk read(s).");
    }

    private List<int> SelectFrames(int frameCount, string path)
    {
        var result = new List<int>();
        if (Index is not null)
        {
            foreach (int i in Index)
            {
                int f = i < 0 ? frameCount + i : i;
                if (f < 0 || f >= frameCount)
                {
                    WriteError(ErrorRecords.Create(
                        new ArgumentOutOfRangeException(nameof(Index), i, $"Frame index {i} is outside the {frameCount} frames of '{path}'."),
                        ErrorIds.FrameOutOfRange, ErrorCategory.InvalidArgument, path));
                    continue;
                }
                result.Add(f);
            }
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
}
