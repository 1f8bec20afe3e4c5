using System.Collections.Generic;
using PhotonCodec.Core.Pipeline;

namespace PhotonCodec;

/// <summary>Test-PhotonArchive -Detailed: whether the archive is intact without its source, and a row per bad chunk.</summary>
public sealed class ArchiveReport
{
    public bool Passed { get; init; }
    public string Path { get; init; } = "";

    /// <summary>Why it did not pass; empty when it did.</summary>
    public string Reason { get; init; } = "";

    /// <summary>False for archives written before PhotonCodec recorded checksums (they never pass).</summary>
    public bool HasManifest { get; init; }

    public long ChunksChecked { get; init; }
    public long BytesChecked { get; init; }

    /// <summary>Whether every chunk was also decoded (false with -SkipDecode).</summary>
    public bool Decoded { get; init; }

    public string? SourceSha256 { get; init; }
    public long? SourceSize { get; init; }

    /// <summary>The archive's content digest (SHA-256 over its manifest's entries), as recorded.</summary>
    public string? ContentSha256 { get; init; }

    /// <summary>One row per bad chunk (its index, file, frames and what is wrong) or changed metadata document.</summary>
    public IReadOnlyList<ChunkProblem> Problems { get; init; } = System.Array.Empty<ChunkProblem>();
}
