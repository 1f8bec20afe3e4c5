using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// Reads where a migration stands from the destinations and the task reports. Done = the archive is in place and
/// records the planned source size (with <c>verify</c>: and the full check a task makes before skipping — SHA-256 of
/// the source, every chunk, decode); Failed = not done and a task's last word on it was a failure; InProgress = some
/// parts of a split movie written; Pending = the rest.
/// </summary>
public static class MigrationStatusReader
{
    public static MigrationSummary Read(string manifestPath, IReadOnlyList<MigrationEntry> entries, string reportFolder, bool verify,
        IProgress<ConversionProgress>? progress = null, System.Threading.CancellationToken cancellationToken = default)
    {
        var last = new Dictionary<string, MigrationRecord>(StringComparer.Ordinal);
        foreach (MigrationRecord r in MigrationReport.ReadAll(reportFolder)) last[r.Source] = r;
        var states = new List<MigrationState>();
        int i = 0;
        foreach (MigrationEntry e in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool done = Directory.Exists(e.Destination) && (verify ? MigrationFixity.IsDone(e, out _) : MigrationFixity.RecordedSourceSize(e.Destination) == e.Size);
            int partsDone = !done && e.IsSplit ? new SplitArchiveStaging(e).PartsDone : done ? e.Parts.Count : 0;
            last.TryGetValue(e.Source, out MigrationRecord? r);
            string state = done ? "Done" : r?.Status == "Failed" ? "Failed" : partsDone > 0 ? "InProgress" : "Pending";
            states.Add(new MigrationState
            {
                Source = e.Source, Destination = e.Destination, State = state, SourceBytes = e.Size,
                StoredBytes = done ? ArchiveLayout.DirectorySize(e.Destination) : 0, Parts = e.Parts.Count, PartsDone = partsDone,
                ErrorId = state == "Failed" ? r!.ErrorId : null, Message = state == "Failed" ? r!.Message : null,
            });
            progress?.Report(new ConversionProgress("Checking", ++i, entries.Count));
        }
        List<MigrationState> doneStates = states.Where(s => s.State == "Done").ToList();
        return new MigrationSummary
        {
            Manifest = Path.GetFullPath(manifestPath),
            Files = states.Count,
            Done = doneStates.Count,
            Failed = states.Count(s => s.State == "Failed"),
            InProgress = states.Count(s => s.State == "InProgress"),
            Pending = states.Count(s => s.State == "Pending"),
            SourceBytes = states.Sum(s => s.SourceBytes),
            DoneSourceBytes = doneStates.Sum(s => s.SourceBytes),
            StoredBytes = doneStates.Sum(s => s.StoredBytes),
            Entries = states,
        };
    }
}
