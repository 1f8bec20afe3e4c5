using System;
using System.Collections.Generic;
using System.IO;
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
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

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

    [Parameter]
    public ArchiveProfile Profile { get; set; } = ArchiveProfile.Default;

    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        WarnUnusedPhotonParameters(Mode);
        if (Mode != CodecMode.Float) WarnIgnored(new[] { nameof(FloatType) }, $"{Mode} mode (only to Float)");
        if (Mode != CodecMode.Quantized) WarnIgnored(new[] { nameof(DecodeFilter) }, $"{Mode} mode (only to Quantized)");
    }

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachSourceInput(literal ? LiteralPath : Path, literal, 1, "ConvertTo-PhotonZarr", ConvertOne);
    }

    private void ConvertOne(string source, ThrottledProgress progress)
    {
        if (!AsSequence && Directory.Exists(source))
            throw new PhotonInputException($"'{source}' is a folder; pass TIFF files (e.g. -Path '{source}/*.tif' or Get-ChildItem -Recurse -Filter *.tif), or add -AsSequence to read its TIFFs as one movie.");
        string destination = DestinationFor(source);
        string? folder = System.IO.Path.GetDirectoryName(destination);
        if (DestinationPath is not null && folder is not null && File.Exists(folder))
        {
            // -DestinationPath without .zarr names a folder; an existing file there is not one.
            WriteError(ErrorRecords.Create(new IOException($"-DestinationPath '{folder}' was taken as a folder (it does not end in .zarr), but it is an existing file; give a folder, or a path ending in .zarr."),
                ErrorIds.DestinationNotFolder, ErrorCategory.InvalidArgument, source));
            return;
        }
        if (!ShouldProcess(source, $"Convert to {Format} ({Mode}) at '{destination}'")) return;
        // Checked before any work; the Core checks again when it commits.
        if (!Force && (Directory.Exists(destination) || File.Exists(destination))) throw new ZarrDestinationExistsException(destination);
        // Two inputs of one batch never share a destination, not even with -Force.
        if (_written.Contains(destination))
            throw new ZarrDestinationExistsException(destination,
                $"Destination '{destination}' was written by an earlier input of this command; give -DestinationPath a folder to get one .zarr per input.");

        ConversionOptions options = PhotonOptions(Mode);
        options.ChunkFrames = ChunkFrames > 0 ? ChunkFrames : null;
        options.CompressionLevel = CompressionLevel;
        options.Format = Format;
        options.Layout = Layout;
        options.PixelSize = PixelSize > 0 ? PixelSize : null;
        options.FrameInterval = FrameInterval > 0 ? FrameInterval : null;
        if (Layout == ArchiveStructure.OmeZarr && (options.PixelSize is null || options.FrameInterval is null))
            WriteWarning($"{source}: OME-Zarr scale without {(options.PixelSize is null ? "-PixelSize" : "")}{(options.PixelSize is null && options.FrameInterval is null ? " and " : "")}{(options.FrameInterval is null ? "-FrameInterval" : "")}: written as 1 with no unit.");
        options.InnerChunkFrames = InnerChunkFrames > 0 ? InnerChunkFrames : null;
        options.Threads = ThrottleLimit;
        options.FloatType = FloatType == "Double" ? PixelType.Float64 : PixelType.Float32;
        options.Overwrite = Force;
        options.DecodeFilter = DecodeFilter && Mode == CodecMode.Quantized;
        options.Profile = Profile;
        using FrameSourceSet input = OpenSource(source);
        IReadOnlyList<ConversionSummary> summaries = input.IsGroup
            ? ChannelGroupConverter.Convert(input, destination, options, progress, CancellationToken)
            : new[] { PhotonConverter.Convert(input.Source, destination, options, progress, CancellationToken) };
        _written.Add(destination);
        foreach (ConversionSummary summary in summaries)
        {
            EstimateReporting.Report(this, input.IsGroup ? summary.Destination : source, summary.Estimate, PhotonParameterSource());
            foreach (string warning in summary.Warnings) WriteWarning($"{(input.IsGroup ? summary.Destination : source)}: {warning}");
            WriteObject(ResultMapper.ToResult(summary, PhotonParameterSource()));
        }
    }

    private string DestinationFor(string source)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(source) + ".zarr";
        if (DestinationPath is null)
            return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source) ?? ".", name);
        string resolved = ResolveOutputPath(DestinationPath);
        return resolved.EndsWith(".zarr", StringComparison.OrdinalIgnoreCase) ? resolved : System.IO.Path.Combine(resolved, name);
    }
}
