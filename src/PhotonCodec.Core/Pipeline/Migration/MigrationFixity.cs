using System;
using System.IO;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// When is a movie of a manifest migrated: its archive records the source's size and SHA-256 (the size first, the
/// hash only when the sizes match) and the archive verifies on its own. A source deleted after its migration is
/// judged by the size the manifest planned.
/// </summary>
internal static class MigrationFixity
{
    public static bool IsDone(MigrationEntry entry, out string reason)
    {
        if (!Directory.Exists(entry.Destination))
        {
            reason = File.Exists(entry.Destination) ? $"'{entry.Destination}' is a file, not an archive." : "not converted yet.";
            return false;
        }
        if (File.Exists(entry.Source))
        {
            if (!MatchesSource(entry.Destination, entry.Source, out string? why)) { reason = why ?? "the archive does not record this source."; return false; }
        }
        else if (RecordedSourceSize(entry.Destination) != entry.Size)
        {
            reason = $"the source is gone and the archive does not record its planned size ({entry.Size} bytes).";
            return false;
        }
        return Verify(entry.Destination, out reason);
    }

    /// <summary>True when the archive at <paramref name="archive"/> records <paramref name="source"/>'s size and SHA-256.</summary>
    public static bool MatchesSource(string archive, string source, out string? reason)
    {
        JsonObject? recorded = SourceAttributes(archive);
        long size = new FileInfo(source).Length;
        if (recorded is null) { reason = "the archive records no source."; return false; }
        if ((long?)recorded["file_size"] != size) { reason = $"the archive records a source of {(long?)recorded["file_size"]} bytes; '{source}' has {size}."; return false; }
        string? sha = (string?)recorded["sha256"];
        if (sha is null || !string.Equals(sha, FileHash.Sha256Hex(source), StringComparison.OrdinalIgnoreCase))
        {
            reason = $"the SHA-256 the archive records is not that of '{source}'.";
            return false;
        }
        reason = null;
        return true;
    }

    /// <summary>Every chunk present and the archive decodes.</summary>
    public static bool Verify(string archive, out string reason)
    {
        try
        {
            PhotonArchive a = PhotonArchive.Open(archive);
            ZarrArrayReaderChecks.RequireEveryChunk(a.Store);
            int per = Math.Max(1, a.FramesPerChunk);
            var buffer = new byte[(long)per * a.FramePixels * a.OriginalType.Size()];
            for (int first = 0; first < a.FrameCount; first += per)
            {
                int count = Math.Min(per, a.FrameCount - first);
                a.ReadFrames(first, count, buffer.AsSpan(0, count * a.FramePixels * a.OriginalType.Size()));
            }
            reason = "";
            return true;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException
            or UnauthorizedAccessException or System.Text.Json.JsonException or Stores.ZarrFormatException or Codecs.BloscFormatException or Codecs.CorruptChunkException
            or Transform.CorruptCodeException)
        {
            reason = $"the archive does not verify: {ex.Message}";
            return false;
        }
    }

    public static long? RecordedSourceSize(string archive) => (long?)SourceAttributes(archive)?["file_size"];

    private static JsonObject? SourceAttributes(string archive)
    {
        try { return PhotonArchive.Open(archive).Store.Attributes["source"] as JsonObject; }
        catch (Exception ex) when (ex is IOException or Stores.ZarrFormatException or System.Text.Json.JsonException or UnauthorizedAccessException) { return null; }
    }
}

/// <summary>A missing chunk reads as zeros in Zarr; in an archive we wrote it is damage.</summary>
internal static class ZarrArrayReaderChecks
{
    public static void RequireEveryChunk(Stores.ZarrArrayReader reader)
    {
        long chunks = reader.Metadata.ChunkCount(0);
        for (long c = 0; c < chunks; c++)
        {
            long[] index = { c, 0, 0 };
            if (!reader.ChunkExists(index)) throw new InvalidDataException($"chunk {reader.ChunkKey(index)} is missing.");
        }
    }
}
