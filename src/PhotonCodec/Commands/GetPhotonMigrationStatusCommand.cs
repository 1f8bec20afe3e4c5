using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core.Pipeline.Migration;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsCommon.Get, "PhotonMigrationStatus", DefaultParameterSetName = PathSet)]
[OutputType(typeof(MigrationStatus), typeof(MigrationFileStatus))]
public sealed class GetPhotonMigrationStatusCommand : MigrationManifestCmdlet
{
    /// <summary>Checks each archive as a task does before skipping it (source SHA-256, every chunk, decode) instead of the recorded size alone.</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessRecord() => ForEachManifest(14, "Get-PhotonMigrationStatus", (manifest, entries, reports, progress) =>
    {
        MigrationSummary s = MigrationStatusReader.Read(manifest, entries, reports, Verify, progress, CancellationToken);
        MigrationFileStatus[] rows = s.Entries.Select(e => new MigrationFileStatus
        {
            Source = e.Source, Destination = e.Destination, State = e.State, SourceBytes = e.SourceBytes, StoredBytes = e.StoredBytes,
            Ratio = e.Ratio, Parts = e.Parts, PartsDone = e.PartsDone, ErrorId = e.ErrorId, Message = e.Message,
        }).ToArray();
        if (Detailed)
        {
            foreach (MigrationFileStatus row in rows) WriteObject(row);
            return;
        }
        WriteObject(new MigrationStatus
        {
            Manifest = s.Manifest, Files = s.Files, Done = s.Done, Failed = s.Failed, InProgress = s.InProgress, Pending = s.Pending,
            SourceBytes = s.SourceBytes, DoneSourceBytes = s.DoneSourceBytes, StoredBytes = s.StoredBytes, Ratio = s.Ratio, Entries = rows,
        });
    });
}
