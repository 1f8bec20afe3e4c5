using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsData.ConvertTo, "PhotonZarr", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ConversionResult))]
public sealed class ConvertToPhotonZarrCommand : PhotonParameterCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string Activity = "ConvertTo-PhotonZarr";
    private static readonly StringComparer PathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
    private readonly List<string> _inputs = new();
    private BatchReport? _report;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>A .zarr path (one input), or a folder that receives &lt;basename&gt;.zarr per input. Default: next to the source.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? DestinationPath { get; set; }

    /// <summary>The top of the input tree: each input's folder below it is mirrored below -DestinationPath.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceRoot { get; set; }

    /// <summary>Appends one CSV row per input (flushed as it ends).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReportPath { get; set; }

    [Parameter]
    public CodecMode Mode { get; set; } = CodecMode.Quantized;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int ChunkFrames { get; set; }

    [Parameter]
    public ArchiveFormat Format { get; set; } = ArchiveFormat.ZarrV2;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int InnerChunkFrames { get; set; }

    [Parameter]
    public ArchiveStructure Layout { get; set; } = ArchiveStructure.Array;

    [Parameter]
    [ValidateRange(1e-9, 1e9)]
    public double PixelSize { get; set; }

    [Parameter]
    [ValidateRange(1e-12, 1e9)]
    public double FrameInterval { get; set; }

    [Parameter]
    [ValidateRange(1, 9)]
    public int CompressionLevel { get; set; } = 5;

    [Parameter]
    [ValidateSet("Single", "Double")]
    public string FloatType { get; set; } = "Single";

    [Parameter]
    public SwitchParameter DecodeFilter { get; set; }

    /// <summary>Files converted at once (default: one per processor, at least 2); the processors are shared among them.</summary>
    [Parameter]
    public ArchiveProfile Profile { get; set; } = ArchiveProfile.Default;

    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Skips a destination that already holds a verified archive of this very source (size, SHA-256, fixity).</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>One input, where it goes, and what came of checking it before any work.</summary>
    private sealed record PlannedItem(string Source, string Destination);

    protected override void BeginProcessing()
    {
        WarnUnusedPhotonParameters(Mode);
        if (Mode != CodecMode.Float) WarnIgnored(new[] { nameof(FloatType) }, $"{Mode} mode (only to Float)");
        if (Mode != CodecMode.Quantized) WarnIgnored(new[] { nameof(DecodeFilter) }, $"{Mode} mode (only to Quantized)");
        if (SourceRoot is not null)
        {
            string root = ResolveOutputPath(SourceRoot);
            if (DestinationPath is null || DestinationPath.EndsWith(".zarr", StringComparison.OrdinalIgnoreCase) || !Directory.Exists(root))
                ThrowTerminatingError(ErrorRecords.Create(new ArgumentException(DestinationPath is null || Directory.Exists(root)
                        ? "-SourceRoot mirrors the input tree below -DestinationPath: give -DestinationPath a folder (not a .zarr path)."
                        : $"-SourceRoot '{root}' is not an existing folder."),
                    ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, SourceRoot));
        }
    }

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        if (AsSequence) ForEachSourceInput(literal ? LiteralPath : Path, literal, 1, Activity, (name, _) => RunBatch(new[] { name }));
        else _inputs.AddRange(ResolveInputPaths(literal ? LiteralPath : Path, literal));
    }

    protected override void EndProcessing()
    {
        try
        {
            base.EndProcessing();
            if (!AsSequence) RunBatch(_inputs);
        }
        finally
        {
            _report?.Dispose();
        }
    }

    /// <summary>
    /// Plans every input on the pipeline thread (destination, collisions, -WhatIf/-Confirm), then converts the
    /// accepted ones concurrently.
    /// </summary>
    private void RunBatch(IReadOnlyList<string> sources)
    {
        if (ReportPath is not null && _report is null && !WhatIfMode) _report = new BatchReport(ResolveOutputPath(ReportPath));
        var planned = new List<PlannedItem>();
        var claimed = new Dictionary<string, string>(PathComparer);
        foreach (string source in sources)
        {
            if (CancellationToken.IsCancellationRequested) return;
            try
            {
                if (!AsSequence && Directory.Exists(source))
                    throw new PhotonInputException($"'{source}' is a folder; pass TIFF files (e.g. -Path '{source}/*.tif' or Get-ChildItem -Recurse -Filter *.tif), or add -AsSequence to read its TIFFs as one movie.");
                string destination = DestinationFor(source);
                string? folder = System.IO.Path.GetDirectoryName(destination);
                if (DestinationPath is not null && folder is not null && File.Exists(folder))
                {
                    // -DestinationPath without .zarr names a folder; an existing file there is not one.
                    Fail(source, destination, ErrorRecords.Create(new IOException($"-DestinationPath '{folder}' was taken as a folder (it does not end in .zarr), but it is an existing file; give a folder, or a path ending in .zarr."),
                        ErrorIds.DestinationNotFolder, ErrorCategory.InvalidArgument, source));
                    continue;
                }
                // Two inputs of one batch never share a destination, not even with -Force: found before any work.
                if (claimed.TryGetValue(destination, out string? first))
                {
                    Fail(source, destination, ErrorRecords.Create(new IOException(
                            $"'{first}' and '{source}' would both be written to '{destination}'; " +
                            (SourceRoot is null ? "give -SourceRoot to mirror the input tree below -DestinationPath, or a -DestinationPath folder for one .zarr per input." : "rename one of them.")),
                        ErrorIds.DestinationCollision, ErrorCategory.ResourceExists, source));
                    continue;
                }
                claimed.Add(destination, source);
                planned.Add(new PlannedItem(source, destination));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                Fail(source, "", ErrorRecords.FromException(ex, source));
            }
        }
        var accepted = new List<PlannedItem>();
        foreach (PlannedItem item in planned)
            if (ShouldProcess(item.Source, $"Convert to {Format} ({Mode}) at '{item.Destination}'")) accepted.Add(item);
        if (accepted.Count == 0) return;

        int throttle = ThrottleLimit > 0 ? ThrottleLimit : Math.Max(2, Environment.ProcessorCount);
        // The processors are shared among the files running at once; a single file gets them all.
        int threadsPerFile = Math.Max(1, Environment.ProcessorCount / Math.Min(throttle, accepted.Count));
        var items = new List<BatchItem>(accepted.Count);
        for (int i = 0; i < accepted.Count; i++) items.Add(new BatchItem(i, $"{Activity} {System.IO.Path.GetFileName(accepted[i].Source)}"));
        BatchRunner.Run(this, items, throttle,
            item => ConvertOne(accepted[item.Index], item, threadsPerFile),
            (item, ex) =>
            {
                PlannedItem p = accepted[item.Index];
                ErrorRecord record = ErrorRecords.FromException(ex, p.Source);
                ReportRow(p.Source, p.Destination, record);
                item.Post(() => WriteError(record));
            },
            CancellationToken, 1, Activity);
    }

    private void ConvertOne(PlannedItem item, BatchItem sink, int threads)
    {
        string source = item.Source, destination = item.Destination;
        if (PrepareDestination(source, destination, sink) is { } skipped)
        {
            ReportRow(source, destination, skipped);
            sink.Post(() =>
            {
                WriteVerbose($"{source}: skipped; '{destination}' is a verified archive of this source (same size and SHA-256).");
                WriteObject(skipped);
            });
            return;
        }

        ConversionOptions options = PhotonOptions(Mode);
        options.ChunkFrames = ChunkFrames > 0 ? ChunkFrames : null;
        options.CompressionLevel = CompressionLevel;
        options.Format = Format;
        options.Layout = Layout;
        options.PixelSize = PixelSize > 0 ? PixelSize : null;
        options.FrameInterval = FrameInterval > 0 ? FrameInterval : null;
        options.InnerChunkFrames = InnerChunkFrames > 0 ? InnerChunkFrames : null;
        options.Threads = threads;
        options.FloatType = FloatType == "Double" ? PixelType.Float64 : PixelType.Float32;
        options.Overwrite = Force;
        options.DecodeFilter = DecodeFilter && Mode == CodecMode.Quantized;
        options.Profile = Profile;
        using FrameSourceSet input = OpenSource(source);
        if (Layout == ArchiveStructure.OmeZarr && OmeScale.Resolve(options, input.Sources[0].Metadata).Missing is { Count: > 0 } missing)
            sink.Post(() => WriteWarning($"{source}: OME-Zarr scale without {string.Join(" and ", missing)} (not given, not in the source's metadata): written as 1 with no unit."));
        // Each input is estimated on its own (PhotonOptions is new per input): one movie's detector never decides another's.
        IReadOnlyList<ConversionSummary> summaries = input.IsGroup
            ? ChannelGroupConverter.Convert(input, destination, options, sink, CancellationToken)
            : new[] { PhotonConverter.Convert(input.Source, destination, options, sink, CancellationToken) };
        string parameterSource = PhotonParameterSource();
        foreach (ConversionSummary summary in summaries)
        {
            string name = input.IsGroup ? summary.Destination : source;
            ConversionResult result = ResultMapper.ToResult(summary, parameterSource);
            ReportRow(source, summary.Destination, result);
            sink.Post(() =>
            {
                EstimateReporting.Report(this, name, summary.Estimate, parameterSource);
                foreach (string warning in summary.Warnings) WriteWarning($"{name}: {warning}");
                WriteObject(result);
            });
        }
    }

    /// <summary>
    /// Before any work on <paramref name="destination"/>: removes stale staging of killed runs, warns about staging
    /// it must leave, and refuses a destination that is locked, exists without -Force, or is not Zarr. With
    /// -SkipExisting an archive of this very source that verifies is the result (Skipped); any other is redone with
    /// -Force, else reported.
    /// </summary>
    private ConversionResult? PrepareDestination(string source, string destination, BatchItem sink)
    {
        foreach (StagingFolderInfo kept in StagingFolder.Clean(destination))
        {
            if (kept.State == StagingState.Live) throw new DestinationLockedException(destination, kept);
            sink.Post(() => WriteWarning($"{destination}: staging folder {kept} was left in place."));
        }
        bool exists = Directory.Exists(destination) || File.Exists(destination);
        if (exists && SkipExisting && ZarrDestination.IsZarr(destination))
        {
            if (ExistingArchive(source, destination) is { } result) return result;
            sink.Post(() => WriteVerbose($"{source}: redoing '{destination}' (-Force)."));
        }
        // Checked before any work; the Core checks again when it commits.
        if (!Force && exists) throw new ZarrDestinationExistsException(destination);
        if (Force) ZarrDestination.EnsureReplaceable(destination);
        return null;
    }

    /// <summary>
    /// The Skipped result when <paramref name="destination"/> records <paramref name="source"/>'s size and SHA-256 (the
    /// size first: a different size costs no hashing and no verification) and its fixity verifies; null when -Force
    /// is to redo it; otherwise <see cref="ExistingArchiveException"/>.
    /// </summary>
    private ConversionResult? ExistingArchive(string source, string destination)
    {
        string? problem = null, errorId = null;
        // A channel group records its source in each channel's array; c0 is always there.
        string recorder = File.Exists(System.IO.Path.Combine(destination, ".zgroup")) && Directory.Exists(System.IO.Path.Combine(destination, ChannelGroupConverter.ArrayName(0)))
            ? System.IO.Path.Combine(destination, ChannelGroupConverter.ArrayName(0)) : destination;
        if (!ArchiveVerifier.MatchesSource(recorder, source, out string? reason))
            (errorId, problem) = (ErrorIds.SourceChanged, $"'{destination}' is not an archive of this source: {reason}");
        else if (ArchiveVerifier.Verify(destination, decode: false, null, CancellationToken) is { Passed: false } v)
            (errorId, problem) = (ErrorIds.ArchiveNotVerified, $"'{destination}' records this source but does not verify: {v.Reason}");
        if (errorId is null) return SkippedResult(source, destination);
        if (Force) return null;
        throw new ExistingArchiveException(errorId, problem + " Add -Force to convert it again.");
    }

    private static ConversionResult SkippedResult(string source, string destination)
    {
        long stored = new DirectoryInfo(destination).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        PhotonArchive? a = null;
        try { a = PhotonArchive.Open(destination); }
        catch (Exception ex) when (ex is ZarrFormatException or IOException) { } // a channel group: no one array to describe
        long input = a is null ? 0 : (long)a.FramePixels * a.FrameCount * a.OriginalType.Size();
        return new ConversionResult
        {
            Status = "Skipped",
            Source = source,
            Destination = destination,
            Mode = a?.Mode?.ToString() ?? "",
            Frames = a?.FrameCount ?? 0,
            Height = a?.Height ?? 0,
            Width = a?.Width ?? 0,
            DType = a?.OriginalType.NumpyName() ?? "",
            InputBytes = input,
            StoredBytes = stored,
            Ratio = stored > 0 ? (double)input / stored : 0,
            Gain = a?.Parameters?.Gain,
            ZeroLevel = a?.Parameters?.ZeroLevel,
            ReadNoise = a?.Parameters?.ReadNoise,
            Beta = a?.Mode == CodecMode.Quantized ? a.Parameters?.Beta : null,
        };
    }

    private string DestinationFor(string source)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(source) + ".zarr";
        if (DestinationPath is null)
            return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source) ?? ".", name);
        string resolved = ResolveOutputPath(DestinationPath);
        if (SourceRoot is not null)
        {
            string root = ResolveOutputPath(SourceRoot);
            string relative = System.IO.Path.GetRelativePath(root, System.IO.Path.GetDirectoryName(source) ?? root);
            if (relative == ".." || relative.StartsWith(".." + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative))
                throw new ArgumentException($"'{source}' is not below -SourceRoot '{root}', so it has no place in the mirrored tree.");
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(resolved, relative, name));
        }
        return resolved.EndsWith(".zarr", StringComparison.OrdinalIgnoreCase) ? resolved : System.IO.Path.Combine(resolved, name);
    }

    private void Fail(string source, string destination, ErrorRecord record)
    {
        ReportRow(source, destination, record);
        WriteError(record);
    }

    /// <summary>True under -WhatIf (typed, or $WhatIfPreference): nothing is written, not even the report.</summary>
    private bool WhatIfMode =>
        (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) && w is SwitchParameter { IsPresent: true })
        || LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

    private void ReportRow(string source, string destination, ConversionResult r) =>
        ReportSafely(report => report.Append(source, destination, r.Status, r.InputBytes, r.StoredBytes, r.Ratio, r.Seconds));

    private void ReportRow(string source, string destination, ErrorRecord e) =>
        ReportSafely(report => report.Append(source, destination, "Failed", null, null, null, null, e.FullyQualifiedErrorId, e.Exception.Message));

    private void ReportSafely(Action<BatchReport> append)
    {
        if (_report is not null) append(_report);
    }
}
