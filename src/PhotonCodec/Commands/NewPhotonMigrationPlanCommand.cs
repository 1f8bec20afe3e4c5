using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Pipeline.Migration;
using PhotonCodec.Core.Transform;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsCommon.New, "PhotonMigrationPlan", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MigrationPlanResult))]
public sealed class NewPhotonMigrationPlanCommand : PhotonCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The source root: every matching file below it is planned, its relative path kept under -DestinationRoot.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SourceRoot")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string DestinationRoot { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2)]
    [ValidateNotNullOrEmpty]
    public string ManifestPath { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Include { get; set; } = { "*.tif", "*.tiff" };

    [Parameter]
    public string[] Exclude { get; set; } = Array.Empty<string>();

    [Parameter]
    public CodecMode Mode { get; set; } = CodecMode.Quantized;

    [Parameter]
    public ArchiveFormat Format { get; set; } = ArchiveFormat.ZarrV2;

    [Parameter]
    public ArchiveStructure Layout { get; set; } = ArchiveStructure.Array;

    [Parameter]
    [ValidateRange(AnscombeParameters.MinBeta, AnscombeParameters.MaxBeta)]
    public double Beta { get; set; } = AnscombeParameters.DefaultBeta;

    [Parameter]
    [ValidateRange(AnscombeParameters.MinGain, AnscombeParameters.MaxGain)]
    public double? Gain { get; set; }

    [Parameter]
    public double? ZeroLevel { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? ReadNoise { get; set; }

    [Parameter]
    public StabilizingTransform Transform { get; set; } = StabilizingTransform.NoiseModel;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int ChunkFrames { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int InnerChunkFrames { get; set; }

    [Parameter]
    [ValidateRange(1, 9)]
    public int CompressionLevel { get; set; } = 5;

    [Parameter]
    [ValidateRange(0L, long.MaxValue)]
    public long MaxTaskBytes { get; set; }

    private readonly List<string> _roots = new();

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        _roots.AddRange(ResolveInputPaths(literal ? LiteralPath : Path, literal));
    }

    protected override void EndProcessing()
    {
        if (_roots.Count == 0) return;
        if (_roots.Count > 1)
        {
            WriteError(ErrorRecords.Create(new ArgumentException($"A plan has one source root; got {_roots.Count}: {string.Join(", ", _roots.Select(r => $"'{r}'"))}. Plan each into its own manifest."),
                ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, _roots[1]));
            return;
        }
        string root = _roots[0], manifest = ResolveOutputPath(ManifestPath);
        ThrottledProgress progress = NewProgress(11, $"New-PhotonMigrationPlan {root}");
        try
        {
            if (!Directory.Exists(root)) throw new PhotonInputException($"-Path '{root}' is a file; give the folder whose movies are to be migrated.");
            var request = new MigrationPlanRequest
            {
                SourceRoot = root, DestinationRoot = ResolveOutputPath(DestinationRoot), Include = Include, Exclude = Exclude, MaxTaskBytes = MaxTaskBytes,
                Options = new MigrationOptions
                {
                    Mode = Mode, Format = Format, Layout = Layout, Beta = Beta, Transform = Transform,
                    ChunkFrames = ChunkFrames > 0 ? ChunkFrames : null, InnerChunkFrames = InnerChunkFrames > 0 ? InnerChunkFrames : null,
                    CompressionLevel = CompressionLevel,
                    Gain = Mode == CodecMode.Lossless ? null : Gain, ZeroLevel = Mode == CodecMode.Lossless ? null : ZeroLevel, ReadNoise = Mode == CodecMode.Lossless ? null : ReadNoise,
                },
            };
            if (Mode == CodecMode.Lossless) WarnIgnored(new[] { nameof(Beta), nameof(Gain), nameof(ZeroLevel), nameof(ReadNoise) }, "Lossless mode");
            request.Options.ToConversionOptions(1, false).Validate();
            List<MigrationEntry>? existing = File.Exists(manifest) ? MigrationManifest.Read(manifest) : null;
            MigrationPlan plan = MigrationPlanner.Plan(request, existing, progress, CancellationToken);
            foreach (string warning in plan.Warnings) WriteWarning(warning);
            bool write = ShouldProcess(manifest, $"Write a migration plan of {plan.Entries.Count} files ({plan.Added} new, {plan.Kept} kept, {plan.Replanned} planned again)");
            if (write) MigrationManifest.Write(manifest, plan.Entries);
            WriteObject(new MigrationPlanResult
            {
                Manifest = manifest, Files = plan.Entries.Count, Added = plan.Added, Kept = plan.Kept, Replanned = plan.Replanned,
                Split = plan.Entries.Count(e => e.IsSplit), Units = MigrationScheduler.Units(plan.Entries).Count,
                SourceBytes = plan.Entries.Sum(e => e.Size), Written = write,
            });
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested) { }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteItemError(ex, root);
        }
        finally
        {
            progress.Complete();
        }
    }
}
