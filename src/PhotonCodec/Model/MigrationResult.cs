namespace PhotonCodec;

/// <summary>One unit done by Invoke-PhotonMigration or Complete-PhotonMigration (the line it appended to its task's report).</summary>
public sealed class MigrationResult
{
    public int Task { get; init; }
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";

    /// <summary>The part of a split movie; -1 for a whole movie (and for the commit of a split one).</summary>
    public int Part { get; init; }

    /// <summary>Converted, Skipped, PartWritten, PartSkipped, Committed, Waiting or Failed.</summary>
    public string Status { get; init; } = "";
    public long SourceBytes { get; init; }
    public long StoredBytes { get; init; }
    public double Ratio { get; init; }
    public double Seconds { get; init; }
    public string? ErrorId { get; init; }
    public string? Message { get; init; }
}
