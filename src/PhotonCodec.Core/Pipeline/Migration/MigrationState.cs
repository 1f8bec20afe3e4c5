using System.Collections.Generic;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>Where one movie of a manifest stands.</summary>
public sealed class MigrationState
{
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";

    /// <summary>Done, Failed, InProgress (a split movie with some parts written) or Pending.</summary>
    public string State { get; init; } = "";
    public long SourceBytes { get; init; }

    /// <summary>Bytes of the archive on disk (Done only).</summary>
    public long StoredBytes { get; init; }
    public double Ratio => StoredBytes > 0 ? (double)SourceBytes / StoredBytes : 0;
    public int Parts { get; init; }
    public int PartsDone { get; init; }

    /// <summary>The last failure a task reported for it (Failed only).</summary>
    public string? ErrorId { get; init; }
    public string? Message { get; init; }
}

/// <summary>A manifest's progress: counts and bytes per state, and the overall ratio of what is done.</summary>
public sealed class MigrationSummary
{
    public string Manifest { get; init; } = "";
    public int Files { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public int InProgress { get; init; }
    public int Pending { get; init; }
    public long SourceBytes { get; init; }
    public long DoneSourceBytes { get; init; }
    public long StoredBytes { get; init; }

    /// <summary>Source bytes of the movies done over the bytes of their archives.</summary>
    public double Ratio => StoredBytes > 0 ? (double)DoneSourceBytes / StoredBytes : 0;
    public IReadOnlyList<MigrationState> Entries { get; init; } = new List<MigrationState>();
}
