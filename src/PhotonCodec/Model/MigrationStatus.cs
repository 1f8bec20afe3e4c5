using System.Collections.Generic;

namespace PhotonCodec;

/// <summary>Get-PhotonMigrationStatus: how far a manifest is migrated.</summary>
public sealed class MigrationStatus
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
    public double Ratio { get; init; }
    /// <summary>One row per movie (what -Detailed outputs).</summary>
    public IReadOnlyList<MigrationFileStatus> Entries { get; init; } = new List<MigrationFileStatus>();
}

/// <summary>Get-PhotonMigrationStatus -Detailed: one movie of a manifest.</summary>
public sealed class MigrationFileStatus
{
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";

    /// <summary>Done, Failed, InProgress or Pending.</summary>
    public string State { get; init; } = "";
    public long SourceBytes { get; init; }
    public long StoredBytes { get; init; }
    public double Ratio { get; init; }
    public int Parts { get; init; }
    public int PartsDone { get; init; }
    public string? ErrorId { get; init; }
    public string? Message { get; init; }
}
