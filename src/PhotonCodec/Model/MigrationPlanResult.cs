namespace PhotonCodec;

/// <summary>What New-PhotonMigrationPlan wrote (or, with -WhatIf, would write).</summary>
public sealed class MigrationPlanResult
{
    public string Manifest { get; init; } = "";
    public int Files { get; init; }
    public int Added { get; init; }
    public int Kept { get; init; }
    public int Replanned { get; init; }

    /// <summary>Movies split into parts across tasks (larger than -MaxTaskBytes).</summary>
    public int Split { get; init; }

    /// <summary>Units of work the tasks share: one per whole movie, one per part of a split movie.</summary>
    public int Units { get; init; }
    public long SourceBytes { get; init; }
    public bool Written { get; init; }
}
