using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsData.Export, "PhotonTiff", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ExportResult))]
public sealed class ExportPhotonTiffCommand : PhotonCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Binds from PSPath (Get-ChildItem) and from the Destination of ConvertTo-PhotonZarr's results.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "Destination")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>A .tif/.tiff file (one input), or a folder that receives &lt;basename&gt;.tif per input. Default: next to the archive.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? DestinationPath { get; set; }

    [Parameter]
    public TiffCompression Compression { get; set; } = TiffCompression.None;

    [Parameter]
    public SwitchParameter BigTiff { get; set; }

    [Parameter]
    public SwitchParameter Raw { get; set; }

    [Parameter]
    public SwitchParameter Hyperstack { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachInput(literal ? LiteralPath : Path, literal, 6, "Export-PhotonTiff", ExportOne);
    }

    private void ExportOne(string source, ThrottledProgress progress)
    {
        if (File.Exists(source))
            throw new PhotonInputException($"'{source}' is a file; Export-PhotonTiff reads .zarr archives (folders), e.g. the Destination of ConvertTo-PhotonZarr.");
        var options = new TiffExportOptions { Compression = Compression, BigTiff = BigTiff, Raw = Raw, Overwrite = Force };
        if (!PhotonArchiveGroup.IsGroup(source))
        {
            if (Hyperstack) WriteVerbose($"'{source}' is a single array, not a channel group: exported as one stack.");
            string destination = DestinationFor(source, null);
            if (!Approve(source, new[] { destination })) return;
            PhotonArchive archive = PhotonArchive.Open(source);
            Emit(TiffExporter.Export(archive, destination, options, progress, CancellationToken));
            return;
        }

        PhotonArchiveGroup group = PhotonArchiveGroup.Open(source);
        if (Hyperstack)
        {
            string destination = DestinationFor(source, null);
            if (!Approve(source, new[] { destination })) return;
            Emit(TiffExporter.ExportHyperstack(group, destination, options, progress, CancellationToken));
            return;
        }
        string[] destinations = group.ChannelNames.Select(c => DestinationFor(source, c)).ToArray();
        if (!Approve(source, destinations)) return;
        foreach (TiffExportSummary s in TiffExporter.ExportChannels(group, destinations, options, progress, CancellationToken)) Emit(s);
    }

    /// <summary>ShouldProcess, then the checks made before any work (the Core checks again when it renames).</summary>
    private bool Approve(string source, IReadOnlyList<string> destinations)
    {
        string what = Raw ? "stored codes" : "decoded frames";
        if (!ShouldProcess(source, $"Export {what} as TIFF ({Compression}) to {string.Join(", ", destinations.Select(d => $"'{d}'"))}")) return false;
        foreach (string d in destinations)
        {
            if (Directory.Exists(d) || (!Force && File.Exists(d))) throw new ExportDestinationExistsException(d);
            // Two inputs of one batch never share a destination, not even with -Force.
            if (_written.Contains(d))
                throw new ExportDestinationExistsException(d,
                    $"Destination '{d}' was written by an earlier input of this command; give -DestinationPath a folder to get one .tif per input.");
        }
        return true;
    }

    /// <summary>&lt;basename&gt;.tif (or &lt;basename&gt;_c0.tif for a channel) beside the archive, in a folder destination, or the given file name.</summary>
    private string DestinationFor(string source, string? channel)
    {
        string suffix = channel is null ? "" : "_" + channel;
        string baseName = System.IO.Path.GetFileNameWithoutExtension(source.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar));
        if (DestinationPath is null)
            return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source.TrimEnd(System.IO.Path.DirectorySeparatorChar)) ?? ".", baseName + suffix + ".tif");
        string resolved = ResolveOutputPath(DestinationPath);
        string ext = System.IO.Path.GetExtension(resolved);
        bool isFile = ext.Equals(".tif", StringComparison.OrdinalIgnoreCase) || ext.Equals(".tiff", StringComparison.OrdinalIgnoreCase);
        if (!isFile) return System.IO.Path.Combine(resolved, baseName + suffix + ".tif");
        return channel is null ? resolved
            : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(resolved) ?? ".", System.IO.Path.GetFileNameWithoutExtension(resolved) + suffix + ext);
    }

    private void Emit(TiffExportSummary s)
    {
        _written.Add(s.Destination);
        WriteObject(new ExportResult
        {
            Source = s.Source,
            Destination = s.Destination,
            Frames = s.Frames,
            Channels = s.Channels,
            Height = s.Height,
            Width = s.Width,
            DType = s.PixelType.NumpyName(),
            Compression = s.Compression.ToString(),
            BigTiff = s.BigTiff,
            Raw = s.Raw,
            DescriptionRestored = s.DescriptionRestored,
            Bytes = s.Bytes,
            Seconds = s.Seconds,
        });
    }
}
