using System.Management.Automation;
using PhotonCodec.Core.Pipeline.Migration;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsLifecycle.Complete, "PhotonMigration", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MigrationResult))]
public sealed class CompletePhotonMigrationCommand : MigrationManifestCmdlet
{
    protected override void ProcessRecord() => ForEachManifest(13, "Complete-PhotonMigration", (manifest, entries, reports, progress) =>
    {
        var runner = new MigrationRunner(entries, MigrationReport.CompleteReportPath(reports), -1, Classify);
        int i = 0;
        foreach (MigrationEntry entry in entries)
        {
            progress.Report(new Core.Pipeline.ConversionProgress("Completing split movies", ++i, entries.Count));
            if (!entry.IsSplit) continue;
            if (!ShouldProcess(entry.Destination, $"Verify the {entry.Parts.Count} parts of '{entry.Source}' and commit them")) continue;
            Emit(runner.Complete(entry, CancellationToken));
        }
    });
}
