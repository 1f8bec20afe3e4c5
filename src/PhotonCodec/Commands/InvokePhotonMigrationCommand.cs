using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core.Pipeline.Migration;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "PhotonMigration", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MigrationResult))]
public sealed class InvokePhotonMigrationCommand : MigrationManifestCmdlet
{
    /// <summary>This task's index, 0 … TaskCount − 1 (e.g. $env:SLURM_ARRAY_TASK_ID).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int TaskIndex { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TaskCount { get; set; } = 1;

    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; }

    protected override void ProcessRecord() => ForEachManifest(12, "Invoke-PhotonMigration", (manifest, entries, reports, progress) =>
    {
        if (TaskIndex >= TaskCount)
            throw new System.ArgumentOutOfRangeException(nameof(TaskIndex), TaskIndex, $"-TaskIndex must be 0–{TaskCount - 1} (-TaskCount {TaskCount}).");
        IReadOnlyList<MigrationWork> units = MigrationScheduler.Assign(entries, TaskIndex, TaskCount);
        WriteVerbose($"Task {TaskIndex} of {TaskCount}: {units.Count} units, {units.Sum(u => u.Bytes)} source bytes of {entries.Sum(e => e.Size)}.");
        var approved = units.Where(u => ShouldProcess(entries[u.Entry].Source,
            u.IsPart ? $"Write part {u.Part} of {entries[u.Entry].Parts.Count} of '{entries[u.Entry].Destination}'" : $"Migrate to '{entries[u.Entry].Destination}'")).ToList();
        var runner = new MigrationRunner(entries, MigrationReport.TaskReportPath(reports, TaskIndex), TaskIndex, Classify, ThrottleLimit);
        int done = 0;
        foreach (MigrationRecord record in runner.Run(approved, u =>
        {
            progress.Activity = $"Invoke-PhotonMigration task {TaskIndex}: {++done} of {approved.Count}, {System.IO.Path.GetFileName(entries[u.Entry].Source)}{(u.IsPart ? $" part {u.Part}" : "")}";
            return progress;
        }, CancellationToken))
            Emit(record);
    });
}
