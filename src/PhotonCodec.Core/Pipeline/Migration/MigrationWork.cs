namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>One unit a task does: a whole movie (<see cref="Part"/> = -1) or one part of a split movie.</summary>
public readonly record struct MigrationWork(int Entry, int Part, long Bytes)
{
    public bool IsPart => Part >= 0;
}
