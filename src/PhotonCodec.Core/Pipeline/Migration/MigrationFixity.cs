using System;
using System.IO;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// When is a movie of a manifest migrated: its archive records the source's size and SHA-256 (the size first, the hash
/// only when the sizes match) and verifies on its own (<see cref="ArchiveVerifier"/>: every chunk's recorded CRC-32C,
/// the metadata, decoding). A source deleted after its migration is judged by the size the manifest planned.
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

    public static bool MatchesSource(string archive, string source, out string? reason)
    {
        try { return ArchiveVerifier.MatchesSource(archive, source, out reason); }
        catch (Exception ex) when (Unreadable(ex)) { reason = $"the archive cannot be read: {ex.Message}"; return false; }
    }

    /// <summary>Every chunk present with its recorded checksum, the metadata as written, and the archive decodes.</summary>
    public static bool Verify(string archive, out string reason)
    {
        try
        {
            ArchiveVerification v = ArchiveVerifier.Verify(archive, decode: true);
            reason = v.Passed ? "" : $"it does not verify: {v.Reason}";
            return v.Passed;
        }
        catch (Exception ex) when (Unreadable(ex)) { reason = $"it cannot be read: {ex.Message}"; return false; }
    }

    public static long? RecordedSourceSize(string archive)
    {
        try { return ArchiveVerifier.RecordedSource(archive)?.Size; }
        catch (Exception ex) when (Unreadable(ex)) { return null; }
    }

    private static bool Unreadable(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or Stores.ZarrFormatException or System.Text.Json.JsonException or FormatException or InvalidDataException;
}
