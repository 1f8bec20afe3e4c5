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

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
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
    [ValidateRange(1, 9)]
    public int CompressionLevel { get; set; } = 5;

    [Parameter]
    [ValidateSet("Single", "Double")]
    public string FloatType { get; set; } = "Single";

    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachInput(literal ? LiteralPath : Path, literal, 1, "ConvertTo-PhotonZarr", ConvertOne);
    }

    private void ConvertOne(string source, ThrottledProgress progress)
    {
        if (Directory.Exists(source))
            throw new PhotonInputException($"'{source}' is a folder; pass TIFF files (e.g. -Path '{source}/*.tif' or Get-ChildItem -Recurse -Filter *.tif).");
        string destination = DestinationFor(source);
        if (!ShouldProcess(source, $"Convert to Zarr ({Mode}) at '{destination}'")) return;
        // Checked before any work; the Core checks again when it commits.
        if (!Force && (Directory.Exists(destination) || File.Exists(destination))) throw new ZarrDestinationExistsException(destination);
        // Two inputs of one batch never share a destination, not even with -Force.
        if (_written.Contains(destination))
            throw new ZarrDestinationExistsException(destination,
                $"Destination '{destination}' was written by an earlier input of this command; give -DestinationPath a folder to get one .zarr per input.");

        ConversionOptions options = PhotonOptions(Mode);
        options.ChunkFrames = ChunkFrames > 0 ? ChunkFrames : null;
        options.CompressionLevel = CompressionLevel;
        options.Threads = ThrottleLimit;
        options.FloatType = FloatType == "Double" ? PixelType.Float64 : PixelType.Float32;
        options.Overwrite = Force;
        using TiffFrameSource tiff = TiffFrameSource.Open(source);
        ConversionSummary summary = PhotonConverter.Convert(tiff, destination, options, progress, CancellationToken);
        EstimateReporting.Report(this, source, summary.Estimate);
        foreach (string warning in summary.Warnings) WriteWarning($"{source}: {warning}");
        _written.Add(destination);
        WriteObject(ResultMapper.ToResult(summary, AllPhotonParametersGiven));
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
