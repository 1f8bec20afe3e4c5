using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Stores;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// The shared staging of a movie split across tasks, beside its destination at a path every task derives alike:
/// <c>.&lt;name&gt;.migrating-&lt;entry id&gt;/</c> holding <c>array/</c> (the archive being filled, nothing else),
/// <c>parts/&lt;n&gt;.done</c> (written, renamed into place, once part n's chunks are all in <c>array/</c>) and
/// <c>tmp/</c> (files on their way in). A part killed mid-way has no marker and is redone by a later task; its
/// chunks are rewritten whole, so a half-done part never leaves a mixed chunk.
/// </summary>
public sealed class SplitArchiveStaging
{
    public SplitArchiveStaging(MigrationEntry entry)
    {
        Entry = entry;
        string destination = Path.GetFullPath(entry.Destination).TrimEnd(Path.DirectorySeparatorChar);
        Root = Path.Combine(Path.GetDirectoryName(destination) ?? ".", "." + Path.GetFileName(destination) + ".migrating-" + entry.Id);
    }

    public MigrationEntry Entry { get; }
    public string Root { get; }
    public string ArrayFolder => Path.Combine(Root, "array");
    public string TmpFolder => Path.Combine(Root, "tmp");
    private string PartsFolder => Path.Combine(Root, "parts");

    private string Marker(int part) => Path.Combine(PartsFolder, part.ToString(CultureInfo.InvariantCulture) + ".done");

    public bool IsPartDone(int part) => File.Exists(Marker(part));

    public int PartsDone
    {
        get
        {
            int n = 0;
            for (int p = 0; p < Entry.Parts.Count; p++) if (IsPartDone(p)) n++;
            return n;
        }
    }

    public bool AllPartsDone => PartsDone == Entry.Parts.Count;

    public void MarkPartDone(int part, ChunkRangeSummary summary)
    {
        Directory.CreateDirectory(PartsFolder);
        var chunks = new JsonObject();
        foreach (KeyValuePair<string, uint> c in summary.Checksums) chunks[c.Key] = FixityManifest.Hex(c.Value);
        var marker = new JsonObject
        {
            ["first_chunk"] = summary.FirstChunk, ["chunks"] = summary.ChunkCount, ["stored_bytes"] = summary.StoredBytes,
            ["host"] = Environment.MachineName, ["pid"] = StagingMarker.CurrentProcessId, ["crc32c"] = chunks,
        };
        AtomicFile.Write(Marker(part), new UTF8Encoding(false).GetBytes(marker.ToJsonString()), TmpFolder);
    }

    /// <summary>The CRC-32C every part recorded for its chunks, by key (the parts' markers together).</summary>
    public Dictionary<string, uint> WrittenChecksums()
    {
        var all = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (int p = 0; p < Entry.Parts.Count; p++)
        {
            if (JsonNode.Parse(File.ReadAllText(Marker(p)))?["crc32c"] is not JsonObject chunks) continue;
            foreach (KeyValuePair<string, JsonNode?> c in chunks)
                all[c.Key] = uint.Parse((string)c.Value!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        return all;
    }

    /// <summary>Removes the staging folder (after the commit, or when the destination is already complete); quietly, another task may do the same.</summary>
    public void Remove()
    {
        try { if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
