using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// Runs one task of a migration: its share of the manifest (<see cref="MigrationScheduler"/>), each unit skipped when
/// already done (its archive records the source's size and SHA-256 and verifies), else converted into a staging
/// folder and committed whole. Parts of a split movie fill a shared staging array; the task that completes the last
/// part (or <see cref="Complete"/>) verifies it and moves it into place. Every unit's outcome is appended to the
/// task's report before the next one starts. Nothing a killed task leaves is ever taken for done: a later task redoes it.
/// </summary>
public sealed class MigrationRunner
{
    private readonly IReadOnlyList<MigrationEntry> _entries;
    private readonly string _reportPath;
    private readonly int _taskIndex;
    private readonly int _threads;
    private readonly Func<Exception, string> _classify;
    private readonly Dictionary<int, bool> _doneSplit = new();

    /// <param name="reportPath">the task's report (JSON lines, appended)</param>
    /// <param name="classify">the error id written for a failed unit (the module's ErrorIds)</param>
    /// <param name="threads">chunks compressed at once per movie (0 = one per processor)</param>
    public MigrationRunner(IReadOnlyList<MigrationEntry> entries, string reportPath, int taskIndex, Func<Exception, string> classify, int threads = 0)
    {
        _entries = entries;
        _reportPath = reportPath;
        _taskIndex = taskIndex;
        _classify = classify;
        _threads = threads;
    }

    /// <summary>Does <paramref name="units"/> in order, yielding each record once it is in the report.</summary>
    public IEnumerable<MigrationRecord> Run(IReadOnlyList<MigrationWork> units, Func<MigrationWork, IProgress<ConversionProgress>?>? progress = null,
        CancellationToken cancellationToken = default)
    {
        foreach (MigrationWork unit in units)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (MigrationRecord record in RunUnit(unit, progress?.Invoke(unit), cancellationToken))
            {
                MigrationReport.Append(_reportPath, record);
                yield return record;
            }
        }
    }

    /// <summary>Commits a split movie whose parts are all written (what the last task does anyway); Waiting when parts are missing.</summary>
    public MigrationRecord Complete(MigrationEntry entry, CancellationToken cancellationToken = default)
    {
        MigrationRecord record = Guard(entry, -1, Stopwatch.StartNew(), () => CompleteSplit(entry, Stopwatch.StartNew(), cancellationToken, reportWaiting: true));
        MigrationReport.Append(_reportPath, record);
        return record;
    }

    private IEnumerable<MigrationRecord> RunUnit(MigrationWork unit, IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        MigrationEntry entry = _entries[unit.Entry];
        var clock = Stopwatch.StartNew();
        if (!unit.IsPart)
        {
            yield return Guard(entry, -1, clock, () => ConvertWhole(entry, clock, progress, cancellationToken));
            yield break;
        }
        MigrationRecord part = Guard(entry, unit.Part, clock, () => ConvertPart(entry, unit, clock, progress, cancellationToken));
        yield return part;
        if (part.Status is "PartWritten" or "PartSkipped" && new SplitArchiveStaging(entry).AllPartsDone && !IsSplitDone(unit.Entry))
        {
            var commitClock = Stopwatch.StartNew();
            MigrationRecord commit = Guard(entry, -1, commitClock, () => CompleteSplit(entry, commitClock, cancellationToken, reportWaiting: false));
            if (commit.Status.Length > 0) yield return commit;
        }
    }

    private MigrationRecord Guard(MigrationEntry entry, int part, Stopwatch clock, Func<MigrationRecord> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Record(entry, part, "Failed", clock, 0, _classify(ex), ex.Message);
        }
    }

    private MigrationRecord ConvertWhole(MigrationEntry entry, Stopwatch clock, IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        // Staging left by killed conversions of this destination goes first, whatever happens next.
        StagingFolder.Clean(entry.Destination);
        if (MigrationFixity.IsDone(entry, out string reason))
            return Record(entry, -1, "Skipped", clock, ArchiveLayout.DirectorySize(entry.Destination), message: "the archive records this source and verifies.");
        bool overwrite = ReplaceableDestination(entry.Destination);
        ConversionOptions options = entry.Options.ToConversionOptions(_threads, overwrite);
        using FrameSourceSet input = FrameSourceFactory.Open(entry.Source);
        long stored = input.IsGroup
            ? Sum(ChannelGroupConverter.Convert(input, entry.Destination, options, progress, cancellationToken))
            : PhotonConverter.Convert(input.Source, entry.Destination, options, progress, cancellationToken).StoredBytes;
        return Record(entry, -1, "Converted", clock, stored, message: overwrite ? $"replaced the archive there: {reason}" : null);
    }

    private MigrationRecord ConvertPart(MigrationEntry entry, MigrationWork unit, Stopwatch clock, IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        var staging = new SplitArchiveStaging(entry);
        if (IsSplitDone(unit.Entry))
        {
            staging.Remove();
            return Record(entry, unit.Part, "PartSkipped", clock, 0, message: "the archive is complete.");
        }
        if (staging.IsPartDone(unit.Part)) return Record(entry, unit.Part, "PartSkipped", clock, 0, message: "this part was written by an earlier task.");
        ChunkRange range = entry.Parts[unit.Part];
        using FrameSourceSet input = FrameSourceFactory.Open(entry.Source);
        ChunkRangeSummary summary = PhotonConverter.ConvertChunkRange(input.Source, entry.Destination, staging.ArrayFolder, staging.TmpFolder,
            entry.Options.ToConversionOptions(_threads, false), range.First, range.Count, writeMetadata: unit.Part == 0, progress, cancellationToken);
        staging.MarkPartDone(unit.Part, summary);
        return new MigrationRecord
        {
            Task = _taskIndex, Source = entry.Source, Destination = entry.Destination, Part = unit.Part, Status = "PartWritten",
            SourceBytes = entry.PartBytes(unit.Part), StoredBytes = summary.StoredBytes, Seconds = clock.Elapsed.TotalSeconds,
            Message = $"chunks {range.First}–{range.First + range.Count - 1} of {entry.Chunks}",
        };
    }

    /// <summary>Verifies the staging array (every chunk, the source it records, it decodes) and moves it into place; another task may race us to it.</summary>
    private MigrationRecord CompleteSplit(MigrationEntry entry, Stopwatch clock, CancellationToken cancellationToken, bool reportWaiting)
    {
        int index = IndexOf(entry);
        var staging = new SplitArchiveStaging(entry);
        if (index >= 0 && IsSplitDone(index))
        {
            staging.Remove();
            return Record(entry, -1, reportWaiting ? "Skipped" : "", clock, ArchiveLayout.DirectorySize(entry.Destination), message: "the archive records this source and verifies.");
        }
        if (!staging.AllPartsDone)
            return Record(entry, -1, reportWaiting ? "Waiting" : "", clock, 0, message: $"{staging.PartsDone} of {entry.Parts.Count} parts written.");
        cancellationToken.ThrowIfCancellationRequested();
        string array = staging.ArrayFolder;
        ZarrChunkRangeWriter.Seal(array, staging.TmpFolder, entry.Options.Layout == ArchiveStructure.OmeZarr ? OmeZarrGroup.DatasetPath : "", staging.WrittenChecksums());
        if (File.Exists(entry.Source) && !MigrationFixity.MatchesSource(array, entry.Source, out string? mismatch))
            throw new InvalidDataException($"The staging array '{array}' of '{entry.Source}': {mismatch}");
        if (!MigrationFixity.Verify(array, out string bad)) throw new InvalidDataException($"The staging array '{array}' of '{entry.Source}': {bad}");
        bool overwrite = ReplaceableDestination(entry.Destination);
        long stored = ArchiveLayout.DirectorySize(array);
        try
        {
            StagedFileSystemStore.MoveIntoPlace(array, entry.Destination, overwrite);
        }
        catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && MigrationFixity.IsDone(entry, out _))
        {
            staging.Remove();
            if (index >= 0) _doneSplit[index] = true;
            return Record(entry, -1, reportWaiting ? "Skipped" : "", clock, stored, message: "another task committed it first.");
        }
        staging.Remove();
        if (index >= 0) _doneSplit[index] = true;
        return Record(entry, -1, "Committed", clock, stored, message: $"{entry.Parts.Count} parts verified and moved into place.");
    }

    private bool IsSplitDone(int index)
    {
        if (_doneSplit.TryGetValue(index, out bool done)) return done;
        MigrationEntry entry = _entries[index];
        done = Directory.Exists(entry.Destination) && MigrationFixity.IsDone(entry, out _);
        // Only "done" is remembered: "not done" changes as parts arrive.
        if (done) _doneSplit[index] = true;
        return done;
    }

    private int IndexOf(MigrationEntry entry)
    {
        for (int i = 0; i < _entries.Count; i++) if (ReferenceEquals(_entries[i], entry)) return i;
        return -1;
    }

    /// <summary>An existing destination that is not done is replaced only when it is a Zarr array or group (never another folder or file).</summary>
    private static bool ReplaceableDestination(string destination)
    {
        ZarrDestination.EnsureReplaceable(destination);
        return Directory.Exists(destination);
    }

    private static long Sum(IReadOnlyList<ConversionSummary> summaries)
    {
        long total = 0;
        foreach (ConversionSummary s in summaries) total += s.StoredBytes;
        return total;
    }

    private MigrationRecord Record(MigrationEntry entry, int part, string status, Stopwatch clock, long stored, string? errorId = null, string? message = null) => new()
    {
        Task = _taskIndex, Source = entry.Source, Destination = entry.Destination, Part = part, Status = status,
        SourceBytes = part < 0 ? entry.Size : entry.PartBytes(part), StoredBytes = stored, Seconds = clock.Elapsed.TotalSeconds,
        ErrorId = errorId, Message = message,
    };
}
