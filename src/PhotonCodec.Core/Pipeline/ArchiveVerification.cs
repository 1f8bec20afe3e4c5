using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// What <see cref="ArchiveVerifier.Verify"/> found. <see cref="Passed"/> only when the archive has a fixity manifest and
/// every chunk, every metadata document and the decode agree with it: an archive without a manifest never passes.
/// </summary>
public sealed class ArchiveVerification
{
    public ArchiveVerification(string path, bool passed, string? reason, IReadOnlyList<ChunkProblem> problems, long chunksChecked, long bytesChecked,
        string? sourceSha256, long? sourceSize, bool hasManifest, string? contentSha256)
    {
        Path = path;
        Passed = passed;
        Reason = reason;
        Problems = problems;
        ChunksChecked = chunksChecked;
        BytesChecked = bytesChecked;
        SourceSha256 = sourceSha256;
        SourceSize = sourceSize;
        HasManifest = hasManifest;
        ContentSha256 = contentSha256;
    }

    /// <summary>The archive verified (as given: the array, the OME-Zarr group or the channel group).</summary>
    public string Path { get; }

    public bool Passed { get; }

    /// <summary>Why it did not pass (null when it did).</summary>
    public string? Reason { get; }

    /// <summary>One row per bad chunk or metadata document.</summary>
    public IReadOnlyList<ChunkProblem> Problems { get; }

    /// <summary>Chunk (shard) files whose checksum was computed.</summary>
    public long ChunksChecked { get; }

    /// <summary>Bytes of those files.</summary>
    public long BytesChecked { get; }

    /// <summary>The source's SHA-256 as recorded (lowercase hex); null when the archive records none.</summary>
    public string? SourceSha256 { get; }

    /// <summary>The source's size in bytes as recorded.</summary>
    public long? SourceSize { get; }

    /// <summary>Whether the archive has a fixity manifest (archives written before manifests have none).</summary>
    public bool HasManifest { get; }

    /// <summary>The archive's content digest as its manifest records it.</summary>
    public string? ContentSha256 { get; }
}

/// <summary>One bad chunk (or metadata document, then <see cref="ChunkIndex"/> is empty and the frames are the whole array).</summary>
public sealed class ChunkProblem
{
    public const string MissingProblem = "missing";
    public const string ChecksumMismatch = "checksum mismatch";
    public const string TruncatedProblem = "truncated";
    public const string UndecodablePrefix = "undecodable: ";

    public ChunkProblem(string key, string file, long[] chunkIndex, int firstFrame, int lastFrame, string problem)
    {
        Key = key;
        File = file;
        ChunkIndex = chunkIndex;
        FirstFrame = firstFrame;
        LastFrame = lastFrame;
        Problem = problem;
    }

    /// <summary>The store key ("0.0.0", "c/0/0/0", ".zarray"), relative to the archive's root.</summary>
    public string Key { get; }

    /// <summary>The file's full path.</summary>
    public string File { get; }

    public long[] ChunkIndex { get; }
    public int FirstFrame { get; }
    public int LastFrame { get; }

    /// <summary>"missing", "checksum mismatch", "truncated", "undecodable: …", or for metadata "metadata changed: …".</summary>
    public string Problem { get; }

    public override string ToString() => $"{Key} (frames {FirstFrame}–{LastFrame}): {Problem}";

    internal static ChunkProblem Document(string key, string file, int frames, string problem) =>
        new(key, file, Array.Empty<long>(), 0, Math.Max(0, frames - 1), problem);
}
