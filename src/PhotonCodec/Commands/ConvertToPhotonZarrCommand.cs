using System;
using System.IO;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsData.ConvertTo, "PhotonZarr", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ConversionResult))]
public sealed class ConvertToPhotonZarrCommand : PhotonParameterCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private int _fileNumber;

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
        foreach (string source in ResolveInputPaths(literal ? LiteralPath : Path, literal))
        {
            if (CancellationToken.IsCancellationRequested) return;
            ConvertOne(source);
        }
    }

    private void ConvertOne(string source)
    {
        if (Directory.Exists(source))
        {
            WriteItemError(new PhotonInputException($"'{source}' is a folder; pass TIFF files (e.g. -Path '{source}/*.tif' or Get-ChildItem -Recurse -Filter *.tif)."), source);
            return;
        }
        string destination = DestinationFor(source);
        string action = $"Convert to Zarr ({Mode}) at '{destination}'";
        if (!ShouldProcess(source, action)) return;
        if (!Force && (Directory.Exists(destination) || File.Exists(destination)))
        {
            WriteError(ErrorRecords.Create(
                new IOException($"Destination '{destination}' already exists; use -Force to replace it."),
                ErrorIds.DestinationExists, ErrorCategory.ResourceExists, source));
            return;
        }

        var progress = NewProgress(1, $"ConvertTo-PhotonZarr {System.IO.Path.GetFileName(source)}");
        _fileNumber++;
        try
        {
            ConversionOptions options = PhotonOptions(Mode);
            options.ChunkFrames = ChunkFrames > 0 ? ChunkFrames : null;
            options.CompressionLevel = CompressionLevel;
            options.Threads = ThrottleLimit;
            options.FloatType = FloatType == "Double" ? PixelType.Float64 : PixelType.Float32;
            options.Overwrite = Force;
            using TiffFrameSource tiff = TiffFrameSource.Open(source);
            ConversionSummary summary = PhotonConverter.Convert(tiff, destination, options, progress, CancellationToken);
            EstimateReporting.Report(this, source, summary.Estimate);
            WriteObject(ResultMapper.ToResult(summary, AllPhotonParametersGiven));
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the Core removed its staging folder; nothing to report.
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteItemError(ex, source);
        }
        finally
        {
            progress.Complete();
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
